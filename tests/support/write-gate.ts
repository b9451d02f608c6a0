import type { Database } from '../../src-main/data/database';

/**
 * A store whose writes can be held back: while held, each new `write` waits (outside any
 * transaction, so it holds no lock) until released; one in flight finishes. Lets a race test
 * decide the order of two processes' first steps instead of hoping the scheduler does.
 */
export interface WriteGate {
  readonly database: Database;
  hold(): void;
  release(): void;
}

export function gateWrites(database: Database): WriteGate {
  let opened: Promise<void> = Promise.resolve();
  let open: (() => void) | null = null;
  return {
    database: { ...database, write: (fn) => opened.then(() => database.write(fn)) },
    hold() {
      if (open) return;
      opened = new Promise((resolve) => (open = resolve));
    },
    release() {
      open?.();
      open = null;
      opened = Promise.resolve();
    },
  };
}
