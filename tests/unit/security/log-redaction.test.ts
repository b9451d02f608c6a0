import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { engines, openTestApp, type TestApp } from '../../support/engines';
import { setUpWorkspace } from '../../support/actors';
import { createDispatch } from '../../../src-main/dispatch';
import { createHandlers } from '../../../src-main/handlers';
import type { Handlers } from '../../../src-main/handlers/types';
import { describeError, isDatabaseError, log } from '../../../src-main/log';

/**
 * Logs never carry inputs, SQL parameters, hashes or file bytes (issue 9, point 9). A procedure
 * whose insert hits a unique constraint (a handler swapped in for staff.list, run through the
 * real dispatch on every engine) logs the error's class and code; the captured log holds none
 * of the values the statement carried.
 */
const SECRET_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c2VjcmV0LXNhbHQ$LOG-MUST-NOT-SHOW-THIS-HASH';
const FILE_BYTES = Buffer.from('%PDF-1.7 secret bytes of a passport scan').toString('base64');

describe.each(engines)('log redaction on $name', (engine) => {
  let app: TestApp;
  let token = '';
  const lines: string[] = [];

  beforeAll(async () => {
    app = await openTestApp(engine);
    token = (await setUpWorkspace(app)).token;
  });
  afterAll(() => app.dispose());
  afterEach(() => {
    vi.restoreAllMocks();
    lines.length = 0;
  });

  const capture = () => {
    const record = (...args: unknown[]) => void lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    vi.spyOn(console, 'error').mockImplementation(record);
    vi.spyOn(console, 'warn').mockImplementation(record);
    vi.spyOn(console, 'log').mockImplementation(record);
  };

  it('a failing insert logs its class and code, never the values, the SQL parameters or the hash', async () => {
    const { staffUsers } = app.database.t;
    const handlers: Handlers = {
      ...createHandlers(app.services),
      // The e-mail of the admin set-up made: a unique violation, with a hash and file bytes as parameters.
      'staff.list': () =>
        app.database.write((tx) =>
          tx.insert(staffUsers).values({ id: 'dup-user', email: 'ada@acme.test', name: `Mallory ${FILE_BYTES}`, passwordHash: SECRET_HASH, createdAt: new Date() }),
        ) as never,
    };
    const dispatch = createDispatch(app.services, handlers);
    capture();
    const outcome = await dispatch('staff.list', {}, { token, clientKey: 'test' });
    expect(outcome.response).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong; the change was not saved' } });
    const logged = lines.join('\n');
    expect(logged).toContain('procedure staff.list failed');
    expect(logged).toMatch(engine.name === 'sqlite' ? /SqliteError SQLITE_CONSTRAINT_UNIQUE/ : /23505/);
    for (const secret of ['ada@acme.test', SECRET_HASH, 'LOG-MUST-NOT-SHOW', FILE_BYTES, 'Mallory', 'dup-user', 'params', 'insert into', 'Failed query', 'Key (']) {
      expect(logged.toLowerCase(), secret).not.toContain(secret.toLowerCase());
    }
    expect(logged).toMatch(/\n\s+at /); // the frames stay: where it failed is still findable
  });
});

describe('describeError', () => {
  it('keeps the message of an ordinary error, unless told not to', () => {
    const error = new TypeError('PARTNERDESK_TRUSTED_PROXIES holds something that is not an IP address: x');
    expect(describeError(error)).toContain('TypeError: PARTNERDESK_TRUSTED_PROXIES holds');
    expect(describeError(error, { messages: false })).not.toContain('PARTNERDESK_TRUSTED_PROXIES');
    expect(describeError(error, { messages: false })).toMatch(/^TypeError\n\s+at /);
  });

  it('drops every message of an error that wraps a driver error, and keeps each class, code and constraint', () => {
    const driver = Object.assign(new Error('duplicate key value violates unique constraint "staff_users_email_unique"'), {
      name: 'error',
      code: '23505',
      severity: 'ERROR',
      constraint: 'staff_users_email_unique',
      detail: 'Key (email)=(ada@acme.test) already exists.',
    });
    const wrapped = Object.assign(new Error('Failed query: insert into "staff_users" values ($1, $2)\nparams: ada@acme.test,secret-hash'), { name: 'DrizzleQueryError', cause: driver });
    expect(isDatabaseError(wrapped)).toBe(true);
    const text = describeError(wrapped);
    expect(text).toContain('DrizzleQueryError');
    expect(text).toContain('caused by error 23505 (constraint staff_users_email_unique)');
    for (const secret of ['ada@acme.test', 'secret-hash', 'Failed query', 'params', 'Key (']) expect(text).not.toContain(secret);
    log.error('check', wrapped); // and through the logger itself
  });
});
