import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_RULE,
  ADDRESS_RULE,
  EMPTY_THROTTLE,
  failureDelayMs,
  FAILURES_BEFORE_LOCK,
  idleExpiry,
  reserveAttempt,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  SESSION_TOUCH_MS,
  sessionExpired,
  settleAttempt,
  THROTTLE_WINDOW_MS,
  throttledMessage,
} from '../../src-main/domain/session-policy';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('session lifetime', () => {
  it('uses the OWASP limits: 30 minutes idle, 12 hours absolute, touched at most once a minute', () => {
    expect(SESSION_IDLE_MS).toBe(30 * MIN);
    expect(SESSION_ABSOLUTE_MS).toBe(12 * HOUR);
    expect(SESSION_TOUCH_MS).toBe(MIN);
  });

  const start = new Date('2031-01-01T08:00:00.000Z').getTime();
  const session = (lastSeenOffset: number, endedAt: Date | null = null) => ({
    lastSeenAt: new Date(start + lastSeenOffset),
    absoluteExpiresAt: new Date(start + SESSION_ABSOLUTE_MS),
    endedAt,
  });
  const at = (offset: number) => new Date(start + offset);

  it('expires exactly at the idle limit', () => {
    expect(sessionExpired(session(0), at(0))).toBe(false);
    expect(sessionExpired(session(0), at(SESSION_IDLE_MS - 1))).toBe(false);
    expect(sessionExpired(session(0), at(SESSION_IDLE_MS))).toBe(true);
    expect(sessionExpired(session(5 * HOUR), at(5 * HOUR + SESSION_IDLE_MS - 1))).toBe(false);
    expect(sessionExpired(session(5 * HOUR), at(5 * HOUR + SESSION_IDLE_MS))).toBe(true);
  });

  it('expires exactly at the absolute limit, however recent the last call', () => {
    expect(sessionExpired(session(SESSION_ABSOLUTE_MS - 2), at(SESSION_ABSOLUTE_MS - 1))).toBe(false);
    expect(sessionExpired(session(SESSION_ABSOLUTE_MS - 1), at(SESSION_ABSOLUTE_MS))).toBe(true);
    expect(sessionExpired(session(SESSION_ABSOLUTE_MS), at(SESSION_ABSOLUTE_MS + 1))).toBe(true);
  });

  it('an ended session is expired at once', () => {
    expect(sessionExpired(session(0, at(0)), at(0))).toBe(true);
    expect(sessionExpired(session(0, at(1000)), at(10))).toBe(true);
  });

  it('reports the idle expiry, capped by the absolute one', () => {
    expect(idleExpiry(at(0), at(SESSION_ABSOLUTE_MS))).toEqual(at(SESSION_IDLE_MS));
    expect(idleExpiry(at(SESSION_ABSOLUTE_MS - 10 * MIN), at(SESSION_ABSOLUTE_MS))).toEqual(at(SESSION_ABSOLUTE_MS));
    expect(idleExpiry(at(SESSION_ABSOLUTE_MS - SESSION_IDLE_MS), at(SESSION_ABSOLUTE_MS))).toEqual(at(SESSION_ABSOLUTE_MS));
  });
});

describe('sign-in throttling', () => {
  const t0 = new Date('2031-01-01T08:00:00.000Z');
  const after = (ms: number) => new Date(t0.getTime() + ms);

  it('pauses 1 s, 2 s, 4 s … after each further failure in a row, never more than 15 minutes (no day-long lock)', () => {
    expect([1, 2, 3, 4, 5, 6].map(failureDelayMs)).toEqual([0, 1000, 2000, 4000, 8000, 16000]);
    expect(failureDelayMs(12)).toBe(15 * MIN);
    expect(failureDelayMs(5000)).toBe(15 * MIN);
    for (const n of [0, -1, Number.NaN]) expect(failureDelayMs(n)).toBe(0);
  });

  it('reserves at most 5 attempts per window, however many arrive before any is settled', () => {
    let state = EMPTY_THROTTLE;
    let allowed = 0;
    for (let i = 0; i < 40; i++) {
      const r = reserveAttempt(state, ACCOUNT_RULE, t0);
      if (r.allowed) {
        allowed += 1;
        state = r.next;
      } else expect(r.retryAfterMs).toBe(THROTTLE_WINDOW_MS);
    }
    expect(allowed).toBe(FAILURES_BEFORE_LOCK);
    expect(state.inFlight).toBe(5);
    for (let i = 0; i < 5; i++) state = settleAttempt(state, ACCOUNT_RULE, false, t0);
    expect(state).toMatchObject({ failures: 5, inFlight: 0, windowAttempts: 5 });
    expect(reserveAttempt(state, ACCOUNT_RULE, after(THROTTLE_WINDOW_MS - 1))).toEqual({ allowed: false, retryAfterMs: 1 });
    // A new window: the right password may be tried again (after the growing pause).
    expect(reserveAttempt(state, ACCOUNT_RULE, after(THROTTLE_WINDOW_MS)).allowed).toBe(true);
  });

  it('a second failure blocks the next attempt for its pause; a success clears an account', () => {
    const first = reserveAttempt({ ...EMPTY_THROTTLE, failures: 1, windowStartedAt: t0, windowAttempts: 1 }, ACCOUNT_RULE, t0);
    if (!first.allowed) throw new Error('first attempt refused');
    const failed = settleAttempt(first.next, ACCOUNT_RULE, false, t0);
    expect(reserveAttempt(failed, ACCOUNT_RULE, after(400))).toEqual({ allowed: false, retryAfterMs: 600 });
    const second = reserveAttempt(failed, ACCOUNT_RULE, after(1000));
    if (!second.allowed) throw new Error('second attempt refused');
    expect(settleAttempt(second.next, ACCOUNT_RULE, true, after(1000))).toMatchObject({ failures: 0, inFlight: 0, windowAttempts: 0, blockedUntil: null });
  });

  it("an address's successes are never counted and never wipe its failures", () => {
    let state = EMPTY_THROTTLE;
    for (let i = 0; i < 100; i++) {
      const r = reserveAttempt(state, ADDRESS_RULE, t0);
      if (!r.allowed) throw new Error(`success ${i} refused`);
      state = settleAttempt(r.next, ADDRESS_RULE, true, t0);
    }
    expect(state).toMatchObject({ windowAttempts: 0, inFlight: 0, failures: 0 });
    const r = reserveAttempt(state, ADDRESS_RULE, t0);
    if (!r.allowed) throw new Error('refused');
    const failed = settleAttempt(r.next, ADDRESS_RULE, false, t0);
    const ok = reserveAttempt(failed, ADDRESS_RULE, t0);
    if (!ok.allowed) throw new Error('an address has no pause of its own');
    expect(settleAttempt(ok.next, ADDRESS_RULE, true, t0)).toMatchObject({ failures: 1, windowAttempts: 1 });
  });

  it('says when to try again, in whole seconds', () => {
    expect(throttledMessage(600)).toBe('Too many failed sign-ins; try again in 1 s');
    expect(throttledMessage(14_001)).toBe('Too many failed sign-ins; try again in 15 s');
  });
});
