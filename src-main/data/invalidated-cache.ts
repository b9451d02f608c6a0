import type { Database } from './database';

/**
 * An in-process cache of database reads that stays exact across processes: entries are dropped
 * by signals the writers send at commit (database.signalAtCommit: in-process at once, NOTIFY to
 * other processes on Postgres), never by waiting for them to age. The rules every such cache
 * follows, in one place:
 * - a load that started before an invalidation never fills the cache (the epoch moved), so a
 *   read that raced a change cannot re-cache what the change replaced;
 * - while signals may be missed (the Postgres listener is reconnecting: `live()` false) the
 *   cache neither serves nor fills, and it is emptied whenever they may have been missed;
 * - entries live at most `ttlMs`, a backstop for a signal lost between processes.
 */
export interface InvalidatedCacheOptions<T> {
  channel: string;
  ttlMs: number;
  maxEntries: number;
  now: () => number;
  /** Which entries a signal drops; null when the message cannot be read (then everything goes). */
  matcher(message: string): ((key: string, value: T) => boolean) | null;
}

export function createInvalidatedCache<T>(database: Database, options: InvalidatedCacheOptions<T>) {
  const entries = new Map<string, { value: T; at: number }>();
  let epoch = 0;

  function clear() {
    epoch += 1;
    entries.clear();
  }

  function invalidate(drop: (key: string, value: T) => boolean) {
    epoch += 1;
    for (const [key, entry] of entries) if (drop(key, entry.value)) entries.delete(key);
  }

  const listening = database.listen(options.channel, {
    message: (message) => {
      const drop = options.matcher(message);
      if (drop) invalidate(drop);
      else clear();
    },
    reset: clear,
  });

  return {
    /** A cached entry younger than the TTL, or undefined. */
    get(key: string): T | undefined {
      if (!listening.live()) return undefined;
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (options.now() - entry.at >= options.ttlMs) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    /** The epoch to pass to `fill`, taken before a load starts. */
    epoch: () => epoch,
    /** Caches a load unless an invalidation happened since `since` (the load may have read the old state). */
    fill(key: string, value: T, since: number): void {
      if (since !== epoch || !listening.live()) return;
      if (entries.size >= options.maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(key, { value, at: options.now() });
    },
    invalidate,
    clear,
    stop: () => listening.stop(),
  };
}
