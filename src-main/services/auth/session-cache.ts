import type { AppDb, Database } from '../../data/database';
import type { UserKind } from '../context';

/**
 * Resolved sessions, cached in the process: every call resolves its session, and the lookup (a
 * four-way join) would otherwise be most of a fast call's time. Exactness comes from
 * invalidation, not from the clock:
 * - every write that ends a session or changes what a session may do (sign-out, switch,
 *   disable, role change, deactivation, a partner's status) calls `invalidateSessions` in its
 *   transaction; the cache drops the matching entries once it commits, here at once and in
 *   every other process through the database's signals (NOTIFY on Postgres);
 * - a load that started before an invalidation never fills the cache (the epoch moved);
 * - expiry (idle and absolute) is checked by the caller on every hit, from the entry's times;
 * - entries live at most TTL_MS, a backstop for a signal missed between processes, and the
 *   cache neither fills nor serves while the signal listener is down (`live()` false).
 */

const CHANNEL = 'partnerdesk_sessions';
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/** Which sessions a change touches. */
export type SessionScope =
  | { session: string }
  | { user: { kind: UserKind; id: string } }
  /** A partner's status changed: its portal users' sessions. */
  | { partner: string };

/** Drops the sessions of `scope` from every process's cache once `tx` commits. Call it in the write that makes the change. */
export function invalidateSessions(database: Database, tx: AppDb, scope: SessionScope): Promise<void> {
  return database.signalAtCommit(tx, CHANNEL, JSON.stringify(scope));
}

/** What an entry must expose for scoped invalidation. */
export interface CachedSessionKeys {
  userKind: string;
  userId: string;
  partnerId: string | null;
}

function matches(keys: CachedSessionKeys, id: string, scope: SessionScope): boolean {
  if ('session' in scope) return id === scope.session;
  if ('user' in scope) return keys.userKind === scope.user.kind && keys.userId === scope.user.id;
  return keys.partnerId === scope.partner;
}

function parseScope(message: string): SessionScope | null {
  try {
    const value = JSON.parse(message) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const v = value as Record<string, unknown>;
    if (typeof v.session === 'string') return { session: v.session };
    if (typeof v.partner === 'string') return { partner: v.partner };
    const user = v.user as Record<string, unknown> | undefined;
    if (user && (user.kind === 'staff' || user.kind === 'partner') && typeof user.id === 'string') return { user: { kind: user.kind, id: user.id } };
  } catch {
    // An unreadable signal cannot be matched: treated as "anything may have changed" below.
  }
  return null;
}

export function createSessionCache<T extends CachedSessionKeys>(database: Database, now: () => number = Date.now) {
  const entries = new Map<string, { value: T; at: number }>();
  let epoch = 0;

  function clear() {
    epoch += 1;
    entries.clear();
  }

  function invalidate(scope: SessionScope) {
    epoch += 1;
    for (const [id, entry] of entries) if (matches(entry.value, id, scope)) entries.delete(id);
  }

  const listening = database.listen(CHANNEL, {
    message: (message) => {
      const scope = parseScope(message);
      if (scope) invalidate(scope);
      else clear();
    },
    reset: clear,
  });

  return {
    /** A cached entry younger than the TTL, or undefined. */
    get(id: string): T | undefined {
      if (!listening.live()) return undefined;
      const entry = entries.get(id);
      if (!entry) return undefined;
      if (now() - entry.at >= TTL_MS) {
        entries.delete(id);
        return undefined;
      }
      return entry.value;
    },
    /** The epoch to pass to `fill`, taken before a load starts. */
    epoch: () => epoch,
    /** Caches a load unless an invalidation happened since `since` (the load may have read the old state). */
    fill(id: string, value: T, since: number): void {
      if (since !== epoch || !listening.live()) return;
      if (entries.size >= MAX_ENTRIES) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(id, { value, at: now() });
    },
    /** This process's own change (e.g. after its own write): drop at once. */
    invalidate,
    clear,
    stop: () => listening.stop(),
  };
}

export type SessionCache<T extends CachedSessionKeys> = ReturnType<typeof createSessionCache<T>>;
