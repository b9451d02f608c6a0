import { describe, expect, it } from 'vitest';
import { FAILURES_BEFORE_LOCK, idleExpiry, lockDurationMs, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_TOUCH_MS, sessionExpired } from '../../src-main/domain/session-policy';

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
  it('locks on every 5th consecutive failure, and only then', () => {
    expect(FAILURES_BEFORE_LOCK).toBe(5);
    for (const n of [0, 1, 2, 3, 4, 6, 7, 8, 9, 11, 14, 16, 24, 26]) expect(lockDurationMs(n), `${n}`).toBe(0);
  });

  it('doubles the lock each round from 15 minutes, up to a day', () => {
    expect(lockDurationMs(5)).toBe(15 * MIN);
    expect(lockDurationMs(10)).toBe(30 * MIN);
    expect(lockDurationMs(15)).toBe(60 * MIN);
    expect(lockDurationMs(20)).toBe(2 * HOUR);
    expect(lockDurationMs(35)).toBe(16 * HOUR);
    expect(lockDurationMs(40)).toBe(24 * HOUR); // 32 h, capped
    expect(lockDurationMs(5000)).toBe(24 * HOUR);
    expect(Number.isFinite(lockDurationMs(5 * 10_000))).toBe(true);
  });

  it('is never negative for nonsense counts', () => {
    for (const n of [-5, -1, Number.NaN]) expect(lockDurationMs(n)).toBe(0);
  });
});
