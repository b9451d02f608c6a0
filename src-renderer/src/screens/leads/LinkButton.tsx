import type { ComponentPropsWithRef } from 'react';
import { Button, type ButtonProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';

/** Mantine's Button as a typed router link: it navigates, so it is an `<a>` (middle-click, copy link). */
export const LinkButton = createLink(function LinkButtonBase(props: ButtonProps & ComponentPropsWithRef<'a'>) {
  return <Button component="a" {...props} />;
});
