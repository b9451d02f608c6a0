/** Session lifetime rules (OWASP session management): idle and absolute limits. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is refreshed at most this often, so a busy session is not a write per call. */
export const SESSION_TOUCH_MS = 60 * 1000;

export function sessionExpired(s: { lastSeenAt: Date; absoluteExpiresAt: Date; endedAt: Date | null }, now: Date): boolean {
  return s.endedAt !== null || now.getTime() >= s.absoluteExpiresAt.getTime() || now.getTime() - s.lastSeenAt.getTime() >= SESSION_IDLE_MS;
}

export function idleExpiry(lastSeenAt: Date, absoluteExpiresAt: Date): Date {
  return new Date(Math.min(lastSeenAt.getTime() + SESSION_IDLE_MS, absoluteExpiresAt.getTime()));
}

/** Sign-in throttling per account: every 5th consecutive failure locks the account for a while. */
export const FAILURES_BEFORE_LOCK = 5;
export function lockDurationMs(consecutiveFailures: number): number {
  if (consecutiveFailures < FAILURES_BEFORE_LOCK || consecutiveFailures % FAILURES_BEFORE_LOCK !== 0) return 0;
  const round = consecutiveFailures / FAILURES_BEFORE_LOCK; // 1, 2, 3…
  return Math.min(15 * 60 * 1000 * 2 ** (round - 1), 24 * 60 * 60 * 1000);
}
