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

/**
 * Sign-in throttling (OWASP authentication cheat sheet): growing delays, never a long hard lock
 * of the right password. Every key (an account, an unknown e-mail, a client address) has a
 * window; an attempt is reserved in it BEFORE its password is verified, so a parallel burst is
 * bounded by `limit` per window however many requests arrive at once.
 */
export interface ThrottleRule {
  /** Attempts (in flight or failed) one window allows. */
  limit: number;
  windowMs: number;
  /** Whether each failure also imposes a growing pause before the next attempt. */
  delays: boolean;
  /** Whether a success wipes the key's failures (an account's, not an address's: one good password must not launder a spray). */
  successClears: boolean;
}

export const FAILURES_BEFORE_LOCK = 5;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_RULE: ThrottleRule = { limit: FAILURES_BEFORE_LOCK, windowMs: THROTTLE_WINDOW_MS, delays: true, successClears: true };
/** An office behind one address: many colleagues, a few typos each; only failures count. */
export const ADDRESS_RULE: ThrottleRule = { limit: 30, windowMs: THROTTLE_WINDOW_MS, delays: false, successClears: false };

export interface ThrottleState {
  failures: number;
  inFlight: number;
  windowStartedAt: Date | null;
  /** Attempts counted in the window: reserved ones and failed ones (a settled success is taken back out). */
  windowAttempts: number;
  blockedUntil: Date | null;
}

export const EMPTY_THROTTLE: ThrottleState = { failures: 0, inFlight: 0, windowStartedAt: null, windowAttempts: 0, blockedUntil: null };

/** The pause after the n-th failure in a row: none after a single typo, then 1 s, 2 s, 4 s … capped at 15 minutes. */
export function failureDelayMs(consecutiveFailures: number): number {
  if (!Number.isFinite(consecutiveFailures) || consecutiveFailures < 2) return 0;
  return Math.min(1000 * 2 ** Math.min(consecutiveFailures - 2, 30), THROTTLE_WINDOW_MS);
}

export type Reservation = { allowed: true; next: ThrottleState } | { allowed: false; retryAfterMs: number };

export function reserveAttempt(state: ThrottleState, rule: ThrottleRule, now: Date): Reservation {
  const t = now.getTime();
  const windowOpen = state.windowStartedAt !== null && t < state.windowStartedAt.getTime() + rule.windowMs;
  const attempts = windowOpen ? state.windowAttempts : 0;
  const blockedMs = state.blockedUntil ? state.blockedUntil.getTime() - t : 0;
  const fullMs = windowOpen && attempts >= rule.limit && state.windowStartedAt ? state.windowStartedAt.getTime() + rule.windowMs - t : 0;
  const waitMs = Math.max(blockedMs, fullMs);
  if (waitMs > 0) return { allowed: false, retryAfterMs: waitMs };
  return {
    allowed: true,
    next: { ...state, inFlight: state.inFlight + 1, windowStartedAt: windowOpen ? state.windowStartedAt : now, windowAttempts: attempts + 1 },
  };
}

export function settleAttempt(state: ThrottleState, rule: ThrottleRule, succeeded: boolean, now: Date): ThrottleState {
  const inFlight = Math.max(state.inFlight - 1, 0);
  if (succeeded) {
    // In-flight attempts still being verified stay counted; the success itself never does.
    if (rule.successClears) return { failures: 0, inFlight, windowStartedAt: state.windowStartedAt, windowAttempts: inFlight, blockedUntil: null };
    return { ...state, inFlight, windowAttempts: Math.max(state.windowAttempts - 1, 0) };
  }
  const failures = state.failures + 1;
  const delay = rule.delays ? failureDelayMs(failures) : 0;
  return { ...state, failures, inFlight, blockedUntil: delay ? new Date(now.getTime() + delay) : state.blockedUntil };
}

/** "Try again in N s", rounded up: the one message for a throttled account and an unknown e-mail alike. */
export function throttledMessage(retryAfterMs: number): string {
  return `Too many failed sign-ins; try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s`;
}
