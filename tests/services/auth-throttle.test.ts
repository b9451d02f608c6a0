import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { engines, type TestApp } from '../support/engines';
import { openTestAppWithClock, testClock } from '../support/clock';
import { call, rawCall, setUpWorkspace, signIn, STRONG_PASSWORD } from '../support/actors';
import { activityRows } from '../support/db';
import { FAILURES_BEFORE_LOCK } from '../../src-main/domain/session-policy';

/**
 * Sign-in throttling under bursts, on every engine: an attempt is reserved on sign_in_throttle
 * before its password is verified, so 40 parallel guesses verify at most 5 per window (each
 * verified guess leaves one `wrong_password` row per workspace, so the rows count the argon2
 * checks); a locked real account and an unknown e-mail answer alike.
 */
describe.each(engines)('sign-in throttling on $name', (engine) => {
  const clock = testClock('2031-03-03T08:00:00.000Z');
  let app: TestApp;
  let tenantId = '';
  const WRONG = 'definitely not the password';

  beforeEach(async () => {
    clock.set('2031-03-03T08:00:00.000Z');
    app = await openTestAppWithClock(engine, clock);
    tenantId = (await setUpWorkspace(app)).tenantId;
  });
  afterEach(async () => {
    await app?.dispose();
  });

  const burst = (email: string, password: string, n = 40) => Promise.all(Array.from({ length: n }, () => rawCall(app, 'auth.signIn', { email, password })));
  const codes = (outcomes: Awaited<ReturnType<typeof burst>>) => outcomes.map((o) => (o.response.ok ? 'ok' : o.response.error.code));

  it('a parallel burst of 40 wrong guesses verifies at most 5 passwords in the window', async () => {
    const outcomes = await burst('ada@acme.test', WRONG);
    const tally = codes(outcomes).reduce<Record<string, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {});
    expect(tally).toEqual({ unauthenticated: FAILURES_BEFORE_LOCK, rate_limited: 40 - FAILURES_BEFORE_LOCK });
    const verified = (await activityRows(app.database, tenantId)).filter((r) => r.action === 'auth.sign_in_failed' && r.details.reason === 'wrong_password');
    expect(verified).toHaveLength(FAILURES_BEFORE_LOCK);
    // A second burst later in the same window verifies nothing at all, the right password included.
    clock.advance(5 * 60_000);
    expect(new Set(codes(await burst('ada@acme.test', STRONG_PASSWORD, 10)))).toEqual(new Set(['rate_limited']));
    expect((await activityRows(app.database, tenantId)).filter((r) => r.details.reason === 'wrong_password')).toHaveLength(FAILURES_BEFORE_LOCK);
    const { signInThrottle, staffUsers } = app.database.t;
    const [ada] = await app.database.db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, 'ada@acme.test'));
    const [row] = await app.database.db.select().from(signInThrottle).where(eq(signInThrottle.key, `account:${ada?.id ?? ''}`));
    expect(row).toMatchObject({ failures: FAILURES_BEFORE_LOCK, inFlight: 0 });
  });

  it('a burst on an unknown e-mail is held the same way, with the same answers', async () => {
    const real = await burst('ada@acme.test', WRONG);
    const unknown = await burst('nobody@acme.test', WRONG);
    expect(codes(unknown).sort()).toEqual(codes(real).sort());
    const answers = (outcomes: typeof real) => [...new Set(outcomes.map((o) => JSON.stringify(o.response)))].sort();
    expect(answers(unknown)).toEqual(answers(real));
    const checked = (await activityRows(app.database, '_system')).filter((r) => r.details.reason === 'unknown_email');
    expect(checked).toHaveLength(FAILURES_BEFORE_LOCK);
  });

  it('a locked account and an unknown e-mail answer alike, in status, message and time', async () => {
    for (let i = 0; i < FAILURES_BEFORE_LOCK; i++) {
      await rawCall(app, 'auth.signIn', { email: 'ada@acme.test', password: WRONG });
      await rawCall(app, 'auth.signIn', { email: 'nobody@acme.test', password: WRONG });
      clock.advance(20_000); // past each pause, within the window
    }
    const locked = await rawCall(app, 'auth.signIn', { email: 'ada@acme.test', password: STRONG_PASSWORD });
    const unknown = await rawCall(app, 'auth.signIn', { email: 'nobody@acme.test', password: STRONG_PASSWORD });
    expect(locked.response).toMatchObject({ ok: false, error: { code: 'rate_limited', message: expect.stringMatching(/^Too many failed sign-ins; try again in \d+ s$/) } });
    expect(unknown.response).toEqual(locked.response);

    // Before any pause, an unknown e-mail costs an argon2 check like a real wrong password.
    clock.advance(60 * 60_000);
    const timed = async (email: string) => {
      const started = performance.now();
      await rawCall(app, 'auth.signIn', { email, password: WRONG });
      clock.advance(60 * 60_000);
      return performance.now() - started;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const realMs: number[] = [];
    const unknownMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      realMs.push(await timed('ada@acme.test'));
      unknownMs.push(await timed(`nobody${i}@acme.test`));
    }
    expect(median(unknownMs)).toBeGreaterThan(median(realMs) * 0.4);
  });

  it('successful sign-ins are never throttled, from one address', async () => {
    const admin = await signIn(app, 'ada@acme.test');
    for (let i = 1; i <= 12; i++) await call(app, 'staff.add', { name: `Office ${i}`, email: `office${i}@acme.test`, role: 'viewer', password: STRONG_PASSWORD }, admin);
    const tokens = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(app, `office${i + 1}@acme.test`)));
    expect(new Set(tokens).size).toBe(12);
  });
});
