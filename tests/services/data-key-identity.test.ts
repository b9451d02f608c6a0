import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppOn } from '../../src-main/app';
import { createKeyProvider, KEY_FILE_NAME } from '../../src-main/security/key-provider';
import { checkDataKeyIdentity, DATA_KEY_ID_SETTING, keyId, readSetting, requireTeamDataKey } from '../../src-main/security/key-identity';
import { keyIdOf } from '../../src-main/security/secret-box';
import { engines } from '../support/engines';
import { call } from '../support/actors';
import { callError } from '../support/outcomes';
import { createPartner, setUpPartnerSuite, type PartnerSuite } from '../support/partners';

const quiet = { warn: () => undefined };
const providerFor = (key: Buffer) => createKeyProvider({ dataDir: '/nonexistent', wrapper: null, env: { PARTNERDESK_DATA_KEY: key.toString('base64') }, logger: quiet });
const ibanDetails = { method: 'iban' as const, accountHolder: 'Rhein Partner GmbH', bankName: 'Commerzbank', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' };

describe('the data key id', () => {
  it('is 16 hex characters of an HMAC under the key: stable, distinct per key, and not the key', () => {
    const key = randomBytes(32);
    expect(keyId(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyId(key)).toBe(keyId(Buffer.from(key)));
    expect(keyId(key)).not.toBe(keyId(randomBytes(32)));
    // The id banking envelopes carry: one id names the key everywhere.
    expect(keyId(key)).toBe(keyIdOf(key));
    expect(key.toString('hex')).not.toContain(keyId(key));
  });
});

describe('a server on PostgreSQL needs PARTNERDESK_DATA_KEY', () => {
  const team = { databaseUrl: 'postgres://db.example/partnerdesk' };

  it('refuses to start without it, and says how to make one and that every instance needs the same', () => {
    for (const env of [{}, { PARTNERDESK_DATA_KEY: '' }, { PARTNERDESK_DATA_KEY: '   ' }]) {
      expect(() => requireTeamDataKey(team, env)).toThrow(/PARTNERDESK_DATA_KEY/);
    }
    let message = '';
    try {
      requireTeamDataKey(team, {});
    } catch (error) {
      message = error instanceof Error ? error.message : '';
    }
    expect(message).toContain('openssl rand -base64 32');
    expect(message).toMatch(/every server instance .* same key/);
  });

  it('lets a server with the key start, and a SQLite instance without one (its key file is enough)', () => {
    expect(() => requireTeamDataKey(team, { PARTNERDESK_DATA_KEY: randomBytes(32).toString('base64') })).not.toThrow();
    expect(() => requireTeamDataKey({ databaseUrl: null }, {})).not.toThrow();
  });
});

describe.each(engines)('the database remembers its data key on $name', (engine) => {
  let s: PartnerSuite;
  const dirs: string[] = [];

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** A second app on the same database with its own data key, as another server of the team started with another key. */
  function appWithKey(key: Buffer) {
    const dir = mkdtempSync(join(tmpdir(), 'partnerdesk-otherkey-'));
    dirs.push(dir);
    writeFileSync(join(dir, KEY_FILE_NAME), `${JSON.stringify({ v: 1, wrapped: false, key: key.toString('base64') })}\n`, { mode: 0o600 });
    return createAppOn(s.app.database, dir);
  }

  it('records the id of the first key, accepts it again, and refuses another without printing either key', async () => {
    const { database } = s.app;
    const mine = await s.app.deps.keys.getDataKey();
    await checkDataKeyIdentity(database, s.app.deps.keys);
    expect(await readSetting(database.db, database, DATA_KEY_ID_SETTING)).toBe(mine.id);
    await checkDataKeyIdentity(database, s.app.deps.keys);
    await checkDataKeyIdentity(database, providerFor(mine.key));

    const other = randomBytes(32);
    const refusal = await checkDataKeyIdentity(database, providerFor(other)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(Error);
    const message = (refusal as Error).message;
    expect(message).toBe(
      `this server's PARTNERDESK_DATA_KEY is not the key this database's banking details are sealed with (key id ${mine.id} expected, ${keyId(other)} given); start it with the right key`,
    );
    for (const secret of [mine.key, other]) {
      expect(message).not.toContain(secret.toString('base64'));
      expect(message).not.toContain(secret.toString('hex'));
    }
    expect(await readSetting(database.db, database, DATA_KEY_ID_SETTING)).toBe(mine.id);
  });

  it('answers a reveal with the wrong key as unavailable, naming the key, not as an internal error', async () => {
    const partner = await createPartner(s.app, s.admin.token);
    await call(s.app, 'partners.banking.set', { id: partner.id, details: ibanDetails }, s.admin.token);
    expect(await call(s.app, 'partners.banking.reveal', { id: partner.id }, s.admin.token)).toMatchObject({ iban: ibanDetails.iban });

    const wrong = appWithKey(randomBytes(32));
    const error = await callError(wrong, 'partners.banking.reveal', { id: partner.id }, s.admin.token);
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/^The banking details cannot be opened with this server's data key/);
    // The four-eyes verification opens the details too: the same answer, and nothing verified.
    await call(s.app, 'partners.banking.reveal', { id: partner.id }, s.staff.admin2.token);
    expect(await callError(wrong, 'partners.banking.verify', { id: partner.id }, s.staff.admin2.token)).toMatchObject({ code: 'unavailable', message: error.message });
    expect((await call(s.app, 'partners.get', { id: partner.id }, s.admin.token)).bankingOnHold).toBe(true);
  });
});
