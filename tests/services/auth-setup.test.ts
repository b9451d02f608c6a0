import { afterEach, describe, expect, it } from 'vitest';
import { createAppOn, type App } from '../../src-main/app';
import type { Database } from '../../src-main/data/database';
import { openPostgres } from '../../src-main/data/engines/postgres';
import { newSetupCode, setupCodeMatches } from '../../src-main/services/auth/setup-code';
import { engines, type ScratchStore } from '../support/engines';
import { rawCall, STRONG_PASSWORD } from '../support/actors';
import { countRows, snapshot } from '../support/db';
import { callError } from '../support/outcomes';

/**
 * First run (point 4 of issue 9): `auth.setup` needs the one-time code the process printed on
 * its console, and concurrent set-ups (two servers on one database) give exactly one workspace.
 */
describe.each(engines)('first-run set-up on $name', (engine) => {
  let store: ScratchStore | undefined;
  const extra: Database[] = [];
  const SETUP = { workspaceName: 'Acme Partners', currency: 'EUR', adminName: 'Ada Admin', adminEmail: 'ada@acme.test', password: STRONG_PASSWORD };

  afterEach(async () => {
    for (const database of extra.splice(0)) await database.close();
    await store?.dispose();
  });

  async function open(): Promise<App> {
    store = await engine.open();
    return createAppOn(store.database, store.dataDir);
  }

  /** A second app on the same store, as a second server in team mode would be (its own pool, its own code). */
  async function second(): Promise<App> {
    if (!store) throw new Error('open first');
    // PGlite has one connection, and a second SQLite handle in this process would block the
    // event loop in its busy wait while the first holds the writer: those share the handle (and
    // its write queue); Postgres gets a real second pool, as a second server would have.
    let database = store.database;
    if (engine.name === 'postgres') database = await openPostgres(process.env.DATABASE_URL ?? '', { searchPath: store.schema ?? '' });
    if (database !== store.database) extra.push(database);
    return createAppOn(database, store.dataDir);
  }

  it('refuses a missing or wrong set-up code, saying where the code is, and writes nothing', async () => {
    const app = await open();
    expect(app.setupCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const before = await snapshot(app.database);
    const wrong = { code: 'forbidden', message: 'The set-up code is wrong; it is printed on the console where PartnerDesk was started', field: 'setupCode' };
    expect(await callError(app, 'auth.setup', SETUP)).toEqual(wrong);
    expect(await callError(app, 'auth.setup', { ...SETUP, setupCode: '' })).toEqual(wrong);
    expect(await callError(app, 'auth.setup', { ...SETUP, setupCode: newSetupCode() === app.setupCode ? 'AAAA-AAAA-AAAA' : newSetupCode() })).toEqual(wrong);
    expect(await snapshot(app.database)).toEqual(before);
    // Typed loosely from a console: lower case, spaces instead of dashes.
    const ok = await rawCall(app, 'auth.setup', { ...SETUP, setupCode: ` ${app.setupCode.toLowerCase().replace(/-/g, ' ')} ` });
    expect(ok.response.ok).toBe(true);
  });

  it('a transport in the same process (the desktop window) vouches for the code itself', async () => {
    const app = await open();
    const outcome = await app.dispatch('auth.setup', SETUP, { token: null, clientKey: 'desktop', setupCode: app.setupCode });
    expect(outcome.response.ok).toBe(true);
  });

  it('concurrent set-ups from two apps on one database give exactly one workspace', async () => {
    const a = await open();
    const b = await second();
    const attempts = [a, b, a, b].map((app, i) => rawCall(app, 'auth.setup', { ...SETUP, workspaceName: `Race ${i}`, adminEmail: `admin${i}@acme.test`, setupCode: app.setupCode }));
    const outcomes = await Promise.all(attempts);
    const codes = outcomes.map((o) => (o.response.ok ? 'ok' : o.response.error.code)).sort();
    expect(codes).toEqual(['conflict', 'conflict', 'conflict', 'ok']);
    expect(await countRows(a.database)).toMatchObject({ tenants: 1, staff_users: 1, memberships: 1, setup_guard: 1 });
  });
});

describe('set-up codes', () => {
  it('are three groups of four unambiguous characters, compared loosely and in full', () => {
    const codes = new Set(Array.from({ length: 200 }, newSetupCode));
    expect(codes.size).toBe(200);
    expect(setupCodeMatches('7KQ2-M9XD-T401', '7kq2 m9xd t4o1')).toBe(true);
    expect(setupCodeMatches('7KQ2-M9XD-T401', '7KQ2-M9XD-T40')).toBe(false);
    expect(setupCodeMatches('7KQ2-M9XD-T401', undefined)).toBe(false);
  });
});
