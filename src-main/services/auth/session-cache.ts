import type { AppDb, Database } from '../../data/database';
import { createInvalidatedCache } from '../../data/invalidated-cache';
import type { UserKind } from '../context';

/**
 * Resolved sessions, cached in the process: every call resolves its session, and the lookup (a
 * four-way join) would otherwise be most of a fast call's time. Exactness comes from
 * invalidation, not from the clock:
 * - every write that ends a session or changes what a session may do (sign-out, switch,
 *   disable, role change, deactivation, a partner's status) calls `invalidateSessions` in its
 *   transaction; the cache drops the matching entries once it commits, here at once and in
 *   every other process through the database's signals (NOTIFY on Postgres);
 * - expiry (idle and absolute) is checked by the caller on every hit, from the entry's times;
 * - the rest (a racing load never fills it, nothing served while signals may be missed, a TTL
 *   backstop) is data/invalidated-cache.ts.
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
    // An unreadable signal cannot be matched: treated as "anything may have changed".
  }
  return null;
}

export function createSessionCache<T extends CachedSessionKeys>(database: Database, now: () => number = Date.now) {
  const cache = createInvalidatedCache<T>(database, {
    channel: CHANNEL,
    ttlMs: TTL_MS,
    maxEntries: MAX_ENTRIES,
    now,
    matcher: (message) => {
      const scope = parseScope(message);
      return scope ? (id, value) => matches(value, id, scope) : null;
    },
  });
  return {
    get: cache.get,
    epoch: cache.epoch,
    fill: cache.fill,
    /** This process's own change (e.g. after its own write): drop at once. */
    invalidate: (scope: SessionScope) => cache.invalidate((id, value) => matches(value, id, scope)),
    clear: cache.clear,
    stop: cache.stop,
  };
}

export type SessionCache<T extends CachedSessionKeys> = ReturnType<typeof createSessionCache<T>>;
