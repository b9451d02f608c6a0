import { eq, inArray } from 'drizzle-orm';
import { ACCOUNT_RULE, ADDRESS_RULE, EMPTY_THROTTLE, reserveAttempt, settleAttempt, type ThrottleRule, type ThrottleState } from '../../domain/session-policy';
import type { AppDb } from '../../data/database';
import type { ServiceDeps } from '../context';

/** One throttled key: `account:<user id>`, `email:<address>` (no such account) or `ip:<client>`. */
export interface ThrottleKey {
  key: string;
  rule: ThrottleRule;
}

export const accountKey = (userId: string): ThrottleKey => ({ key: `account:${userId}`, rule: ACCOUNT_RULE });
/** An e-mail with no account gets the account's rule: a locked account and an unknown e-mail must answer alike. */
export const unknownEmailKey = (email: string): ThrottleKey => ({ key: `email:${email}`, rule: ACCOUNT_RULE });
/** Portal users (partner_users) have their own keys: a staff account and a portal user with one e-mail never throttle each other. */
export const portalAccountKey = (partnerUserId: string): ThrottleKey => ({ key: `portal:${partnerUserId}`, rule: ACCOUNT_RULE });
export const portalUnknownEmailKey = (email: string): ThrottleKey => ({ key: `portal-email:${email}`, rule: ACCOUNT_RULE });

/**
 * The client's address, when there is one to throttle. The desktop's calls all carry 'desktop'
 * and in team mode share one database: throttling that key would let one machine's typos
 * block every colleague's desktop, and whoever holds a desktop already holds its database.
 */
export function addressKey(clientKey: string): ThrottleKey | null {
  if (!clientKey || clientKey === 'desktop') return null;
  return { key: `ip:${clientKey}`, rule: ADDRESS_RULE };
}

export type ThrottleOutcome = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Reserve-then-settle on sign_in_throttle. The reservation is a compare-and-set inside one
 * write: on SQLite the single writer serialises it, on Postgres the rows are locked FOR UPDATE
 * (in key order, so two reservations cannot deadlock), so concurrent attempts see each other's
 * reservations and a burst cannot verify more passwords than the rule allows.
 */
export function throttleService({ database, clock }: ServiceDeps) {
  const { signInThrottle } = database.t;

  async function lockedStates(tx: AppDb, keys: ThrottleKey[], now: Date): Promise<Map<string, ThrottleState>> {
    const names = keys.map((k) => k.key).sort();
    for (const key of names) await tx.insert(signInThrottle).values({ key, updatedAt: now }).onConflictDoNothing();
    const query = tx.select().from(signInThrottle).where(inArray(signInThrottle.key, names)).orderBy(signInThrottle.key);
    const rows = database.dialect.lockForUpdate ? await query.for('update') : await query;
    return new Map(rows.map((r) => [r.key, { failures: r.failures, inFlight: r.inFlight, windowStartedAt: r.windowStartedAt, windowAttempts: r.windowAttempts, blockedUntil: r.blockedUntil }]));
  }

  async function store(tx: AppDb, key: string, state: ThrottleState, now: Date): Promise<void> {
    await tx.update(signInThrottle).set({ ...state, updatedAt: now }).where(eq(signInThrottle.key, key));
  }

  /** Reserves one attempt on every key, or on none: the longest wait wins when any refuses. */
  async function reserve(keys: ThrottleKey[]): Promise<ThrottleOutcome> {
    return database.write(async (tx) => {
      const now = clock();
      const states = await lockedStates(tx, keys, now);
      const next: [string, ThrottleState][] = [];
      let wait = 0;
      for (const { key, rule } of keys) {
        const r = reserveAttempt(states.get(key) ?? EMPTY_THROTTLE, rule, now);
        if (r.allowed) next.push([key, r.next]);
        else wait = Math.max(wait, r.retryAfterMs);
      }
      if (wait > 0) return { allowed: false, retryAfterMs: wait };
      for (const [key, state] of next) await store(tx, key, state, now);
      return { allowed: true };
    });
  }

  /** Settles a reserved attempt inside the caller's write (with the audit row of its outcome); the keys' new states, in order. */
  async function settle(tx: AppDb, keys: ThrottleKey[], succeeded: boolean): Promise<ThrottleState[]> {
    const now = clock();
    const states = await lockedStates(tx, keys, now);
    const settled: ThrottleState[] = [];
    for (const { key, rule } of keys) {
      const next = settleAttempt(states.get(key) ?? EMPTY_THROTTLE, rule, succeeded, now);
      await store(tx, key, next, now);
      settled.push(next);
    }
    return settled;
  }

  /** Whether an account is throttled now (for the unlock's audit row), and its unlock: its row is removed. */
  async function clearAccount(tx: AppDb, userId: string): Promise<{ wasThrottled: boolean }> {
    const { key, rule } = accountKey(userId);
    const [row] = await tx.select().from(signInThrottle).where(eq(signInThrottle.key, key));
    const wasThrottled = row ? !reserveAttempt(row, rule, clock()).allowed : false;
    await tx.delete(signInThrottle).where(eq(signInThrottle.key, key));
    return { wasThrottled };
  }

  return { reserve, settle, clearAccount };
}

export type ThrottleService = ReturnType<typeof throttleService>;
