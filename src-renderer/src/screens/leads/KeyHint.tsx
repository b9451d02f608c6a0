import { Kbd } from '@mantine/core';

/** A key shown on a button (the shortcut that does the same). */
export function KeyHint({ k }: { k: string }) {
  return (
    <Kbd size="xs" aria-hidden>
      {k}
    </Kbd>
  );
}
