import type { ComponentPropsWithRef } from 'react';
import { Anchor, type AnchorProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';

/** Mantine's Anchor as a typed router link (`to`, `params`, `search` checked against the route tree). */
export const RouterAnchor = createLink(function RouterAnchorBase(props: AnchorProps & ComponentPropsWithRef<'a'>) {
  return <Anchor {...props} />;
});
