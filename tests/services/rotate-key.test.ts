import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppOn, type App } from '../../src-main/app';
import { appRoot } from '../../src-main/app-root';
import { rotateDataKey } from '../../src-main/cli/rotate-key';
import { KEY_FILE_NAME } from '../../src-main/security/key-provider';
import { checkDataKeyIdentity, DATA_KEY_ID_SETTING, readSetting } from '../../src-main/security/key-identity';
import { dataKeyFrom, type DataKey } from '../../src-main/security/secret-box';
import { openSqlite } from '../../src-main/data/engines/sqlite';
import { call, setUpWorkspace } from '../support/actors';
import { callError } from '../support/outcomes';
import { engines } from '../support/engines';
import { createPartner, ownWorkspace, setUpPartnerSuite, type PartnerSuite } from '../support/partners';

const run = promisify(execFile);
const sqlite = engines.find((e) => e.name === 'sqlite');
if (!sqlite) throw new Error('no sqlite engine');

const details = (n: number) => ({ method: 'iban' as const, accountHolder: `Partner ${n} GmbH`, bankName: 'Commerzbank', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' });
const dirs: string[] = [];

function keyDir(key: DataKey): string {
  const dir = mkdtempSync(join(tmpdir(), 'partnerdesk-rotate-'));
  dirs.push(dir);
  writeFileSync(join(dir, KEY_FILE_NAME), `${JSON.stringify({ v: 1, wrapped: false, key: key.key.toString('base64') })}\n`, { mode: 0o600 });
  return dir;
}

/**
 * Rotation of the data key on SQLite: every banking record re-sealed under the new key in
 * audited batches, resumable after a crash, the database then naming the new key; a server
 * with the new key opens every record and still verifies the audit trail written before.
 */
describe('rotate-key on sqlite', () => {
  let s: PartnerSuite;
  let oldKey: DataKey;
  const newKey = dataKeyFrom(randomBytes(32));
  const partners: { id: string; token: string; tenantId: string }[] = [];
  const sealedOf = async (app: App, id: string) => {
    const p = app.database.t.partners;
    const [row] = await app.database.db.select({ sealed: p.bankingSealed }).from(p).where(eq(p.id, id));
    return row?.sealed ?? null;
  };
  const deps = () => ({ database: s.app.database, audit: s.app.services.activity, clock: s.app.deps.clock });

  beforeAll(async () => {
    s = await setUpPartnerSuite(sqlite);
    oldKey = await s.app.deps.keys.getDataKey();
    await checkDataKeyIdentity(s.app.database, s.app.deps.keys);
    const other = await ownWorkspace(s);
    for (const [i, where] of [s.tenantId, s.tenantId, s.tenantId, other.tenantId, other.tenantId].entries()) {
      const token = where === s.tenantId ? s.admin.token : other.token;
      const partner = await createPartner(s.app, token);
      await call(s.app, 'partners.banking.set', { id: partner.id, details: details(i) }, token);
      partners.push({ id: partner.id, token, tenantId: where });
    }
    await createPartner(s.app, s.admin.token); // one without banking details: nothing to re-seal
  });
  afterAll(async () => {
    await s?.app.dispose();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('resumes after a crash: records under the new key are left alone, the rest re-sealed, then the new key is recorded', async () => {
    // The first run dies after its first batch (two records) has committed.
    const crash = new Error('crash');
    await expect(
      rotateDataKey(deps(), oldKey, newKey, {
        batchSize: 2,
        progress: (m) => {
          if (m.startsWith('batch 1')) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    const envelopes = await Promise.all(partners.map((p) => sealedOf(s.app, p.id)));
    expect(envelopes.filter((e) => e?.split(':')[1] === newKey.id)).toHaveLength(2);
    expect(await readSetting(s.app.database.db, s.app.database, DATA_KEY_ID_SETTING)).toBe(oldKey.id);

    const messages: string[] = [];
    const result = await rotateDataKey(deps(), oldKey, newKey, { batchSize: 2, progress: (m) => messages.push(m) });
    expect(result).toEqual({ resealed: 3, alreadyNew: 2, unopenable: [], switched: true });
    expect(messages.some((m) => m.startsWith('batch 1'))).toBe(true);
    for (const p of partners) expect((await sealedOf(s.app, p.id))?.split(':')[1]).toBe(newKey.id);
    expect(await readSetting(s.app.database.db, s.app.database, DATA_KEY_ID_SETTING)).toBe(newKey.id);
    for (const envelope of await Promise.all(partners.map((p) => sealedOf(s.app, p.id)))) expect(envelope).not.toContain(newKey.key.toString('base64'));
  });

  it('audits each batch in each workspace it touched, by key ids only', async () => {
    const { activity } = s.app.database.t;
    const rows = await s.app.database.db.select().from(activity).where(eq(activity.action, 'workspace.banking_resealed'));
    const moved = (tenantId: string) => rows.filter((r) => r.tenantId === tenantId).reduce((n, r) => n + Number((r.details as { resealed: number }).resealed), 0);
    expect(moved(s.tenantId) + moved(partners[4]?.tenantId ?? '')).toBe(5);
    for (const row of rows) {
      expect(row).toMatchObject({ actorType: 'system', actorName: 'rotate-key', resourceType: 'workspace', resourceId: row.tenantId });
      expect(row.details).toMatchObject({ fromKeyId: oldKey.id, toKeyId: newKey.id });
    }
  });

  it('a server with the new key opens every record and verifies the trail written before; one with the old key is refused', async () => {
    const next = createAppOn(s.app.database, keyDir(newKey));
    await checkDataKeyIdentity(next.database, next.deps.keys);
    for (const [i, p] of partners.entries()) {
      expect(await call(next, 'partners.banking.reveal', { id: p.id }, p.token)).toMatchObject({ accountHolder: `Partner ${i} GmbH` });
    }
    for (const tenantId of new Set(partners.map((p) => p.tenantId))) {
      expect((await next.services.activity.verification.check(tenantId)).result).toMatchObject({ ok: true, problems: [] });
    }
    // The fingerprint of the same account is the one the trail already holds (the subkey was carried over).
    const { activity } = s.app.database.t;
    const [first] = partners;
    if (!first) throw new Error('no partner');
    const fingerprints = await s.app.database.db
      .select({ details: activity.details })
      .from(activity)
      .where(and(eq(activity.resourceId, first.id), inArray(activity.action, ['partner.banking_changed', 'partner.banking_revealed'])));
    expect(fingerprints).toHaveLength(2);
    expect(new Set(fingerprints.map((r) => (r.details as { fingerprint: string }).fingerprint)).size).toBe(1);

    await expect(checkDataKeyIdentity(s.app.database, s.app.deps.keys)).rejects.toThrow(`key id ${newKey.id} expected, ${oldKey.id} given`);
    expect(await callError(s.app, 'partners.banking.reveal', { id: first.id }, first.token)).toMatchObject({ code: 'unavailable' });
  });

  it('rotates again from the new key to a third, still carrying the first subkeys', async () => {
    const next = createAppOn(s.app.database, keyDir(newKey));
    await checkDataKeyIdentity(next.database, next.deps.keys);
    const third = dataKeyFrom(randomBytes(32));
    const result = await rotateDataKey({ database: next.database, audit: next.services.activity, clock: next.deps.clock }, newKey, third);
    expect(result).toMatchObject({ resealed: 5, switched: true });
    const last = createAppOn(s.app.database, keyDir(third));
    await checkDataKeyIdentity(last.database, last.deps.keys);
    for (const tenantId of new Set(partners.map((p) => p.tenantId))) {
      expect((await last.services.activity.verification.check(tenantId)).result.ok).toBe(true);
    }
  });

  it('refuses an old key that is not the database key, changing nothing', async () => {
    const stranger = dataKeyFrom(randomBytes(32));
    await expect(rotateDataKey(deps(), stranger, dataKeyFrom(randomBytes(32)))).rejects.toThrow(/is not this database's key/);
    await expect(rotateDataKey(deps(), stranger, stranger)).rejects.toThrow(/same key/);
  });
});

/** `npm run rotate-key` as an operator runs it: a real process on a SQLite data folder, keys from the environment. */
describe('the rotate-key command', () => {
  const oldKey = dataKeyFrom(randomBytes(32));
  const newKey = dataKeyFrom(randomBytes(32));
  let dataDir = '';
  let partnerId = '';

  beforeAll(async () => {
    dataDir = keyDir(oldKey);
    const opened = createAppOn(openSqlite(join(dataDir, 'partnerdesk.sqlite')), dataDir);
    const app = { ...opened, dispose: opened.close };
    try {
      await checkDataKeyIdentity(app.database, app.deps.keys);
      const { token } = await setUpWorkspace(app);
      partnerId = (await createPartner(app, token)).id;
      await call(app, 'partners.banking.set', { id: partnerId, details: details(1) }, token);
    } finally {
      await app.close();
    }
  });

  it('re-seals, prints progress, and never prints a key', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PARTNERDESK_DATA_DIR: dataDir, PARTNERDESK_DATA_KEY: oldKey.key.toString('base64'), PARTNERDESK_NEW_DATA_KEY: newKey.key.toString('base64') };
    delete env.DATABASE_URL;
    const tsx = join(appRoot(), 'node_modules', '.bin', 'tsx');
    const { stdout } = await run(tsx, ['src-main/cli/rotate-key.ts'], { cwd: appRoot(), env });
    expect(stdout).toContain(`Re-sealing banking details from key ${oldKey.id} to key ${newKey.id}`);
    expect(stdout).toContain('batch 1: 1 record(s), 1 re-sealed');
    expect(stdout).toContain(`The database now names key ${newKey.id}`);
    for (const key of [oldKey, newKey]) expect(stdout).not.toContain(key.key.toString('base64'));

    // Run again with the old key: the database now refuses it, and says which key it wants.
    const again = await run(tsx, ['src-main/cli/rotate-key.ts'], { cwd: appRoot(), env }).then(
      () => null,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(again?.code).toBe(1);
    expect(again?.stderr).toContain(`key id ${newKey.id} expected, ${oldKey.id} given`);

    const reopened = openSqlite(join(dataDir, 'partnerdesk.sqlite'));
    try {
      expect(await readSetting(reopened.db, reopened, DATA_KEY_ID_SETTING)).toBe(newKey.id);
      const p = reopened.t.partners;
      const [row] = await reopened.db.select({ sealed: p.bankingSealed }).from(p).where(eq(p.id, partnerId));
      expect(row?.sealed?.split(':')[1]).toBe(newKey.id);
    } finally {
      await reopened.close();
    }
  }, 60_000);
});
