import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppOn, type App } from '../../src-main/app';
import { appRoot } from '../../src-main/app-root';
import { checkDataKeyIdentity } from '../../src-main/security/key-identity';
import { MigrationsPendingError, migratePostgresAt, openPostgres } from '../../src-main/data/engines/postgres';
import { readMigrations } from '../../src-main/data/migrate';
import { call, setUpWorkspace } from '../support/actors';
import { partnerInput } from '../support/partners';
import { adminQuery } from '../support/pg-admin';

/*
 * docs/postgres-roles.md, proved on a real server: the owner migrates, the runtime role gets the
 * document's grants block verbatim, runs the whole app, and is refused everything that would let
 * it change the schema or rewrite the audit trail.
 */

const adminUrl = process.env.DATABASE_URL;
const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const owner = `pd_owner_${tag}`;
const runtime = `pd_app_${tag}`;
const schema = `pd_roles_${tag}`;

function urlAs(user: string): string {
  const url = new URL(adminUrl as string);
  url.username = user;
  url.password = 'not-used-with-trust';
  return url.toString();
}

function markedBlock(file: string, name: string): string {
  const text = readFileSync(join(appRoot(), file), 'utf8');
  const block = new RegExp(`<!-- ${name}:begin -->\\s*\`\`\`sql\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${name}:end -->`).exec(text)?.[1];
  if (!block) throw new Error(`${file} lost its ${name} block`);
  return block;
}

/** A marked SQL block of the README (the same in docs/postgres-roles.md), exactly as an administrator would paste it. */
function documented(name: 'owner-setup' | 'runtime-grants'): string {
  return markedBlock('README.md', name)
    .replaceAll('{{app}}', runtime)
    .replaceAll('{{owner}}', owner)
    .replace(/'\{\{\w+_password\}\}'/g, "'not-used-with-trust'")
    .replaceAll('{{schema}}', schema);
}

const asAdmin = (text: string) => adminQuery(adminUrl as string, text);

/** Runs one statement as the runtime role and returns the SQLSTATE it failed with (or 'ok'). */
async function asRuntime(text: string): Promise<string> {
  const client = new pg.Client({ connectionString: urlAs(runtime) });
  await client.connect();
  try {
    await client.query(text);
    return 'ok';
  } catch (error) {
    return String((error as { code?: unknown }).code);
  } finally {
    await client.end();
  }
}

describe.skipIf(!adminUrl)('Postgres runtime role (docs/postgres-roles.md)', () => { // skip reason: creating roles needs a real Postgres server (DATABASE_URL)
  let app: App | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'partnerdesk-roles-'));

  beforeAll(async () => {
    await asAdmin(documented('owner-setup'));
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
    await asAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    for (const role of [runtime, owner]) {
      await asAdmin(`DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN EXECUTE 'DROP OWNED BY ${role}; DROP ROLE ${role}'; END IF; END $$`);
    }
  });

  it('the README and docs/postgres-roles.md show the same SQL', () => {
    for (const name of ['owner-setup', 'runtime-grants']) expect(markedBlock('README.md', name)).toBe(markedBlock('docs/postgres-roles.md', name));
  });

  it('the owner migrates, once', async () => {
    const applied = await migratePostgresAt(urlAs(owner));
    expect(applied).toEqual(readMigrations('pg').map((m) => m.tag));
    expect(await migratePostgresAt(urlAs(owner))).toEqual([]);
  });

  it('the runtime role with the documented grants runs the app', async () => {
    await asAdmin(documented('runtime-grants'));
    // As a server with PARTNERDESK_MIGRATE_URL starts: the owner finds nothing to apply, the runtime pool checks.
    const database = await openPostgres(urlAs(runtime), { migrateUrl: urlAs(owner) });
    app = createAppOn(database, dataDir);
    await checkDataKeyIdentity(app.database, app.deps.keys, app.deps.clock);
    const admin = await setUpWorkspace(app, 'Runtime Role Partners');
    const created = await call(app, 'partners.create', partnerInput(), admin.token);
    expect(created.status).toBe('pending');
    expect((await call(app, 'partners.list', {}, admin.token)).rows).toHaveLength(1);
  });

  it('the runtime role cannot change the schema, switch triggers off or rewrite the audit trail', async () => {
    const refusals = {
      updateAudit: await asRuntime('UPDATE activity SET action = action'),
      deleteAudit: await asRuntime('DELETE FROM activity'),
      truncateAudit: await asRuntime('TRUNCATE activity'),
      deleteHeads: await asRuntime('DELETE FROM audit_heads'),
      disableTriggers: await asRuntime('ALTER TABLE activity DISABLE TRIGGER ALL'),
      replicaRole: await asRuntime('SET session_replication_role = replica'),
      dropTable: await asRuntime('DROP TABLE partners'),
      createTable: await asRuntime('CREATE TABLE intruder (id int)'),
      forgeMigration: await asRuntime("INSERT INTO pd_migrations (idx, tag, hash) VALUES (9999, 'forged', 'x')"),
    };
    expect(refusals).toEqual(Object.fromEntries(Object.keys(refusals).map((k) => [k, '42501'])));
    expect(await asRuntime('SELECT count(*) FROM activity')).toBe('ok');
  });

  it('a pending migration refuses a runtime role that may not apply it, naming npm run migrate', async () => {
    const fresh = `${schema}_fresh`;
    await asAdmin(`CREATE SCHEMA ${fresh} AUTHORIZATION ${owner}; GRANT USAGE ON SCHEMA ${fresh} TO ${runtime};`);
    const opening = openPostgres(urlAs(runtime), { searchPath: fresh });
    await expect(opening).rejects.toBeInstanceOf(MigrationsPendingError);
    await expect(opening).rejects.toThrow(/run npm run migrate/);
    await asAdmin(`DROP SCHEMA ${fresh} CASCADE`);
  });
});
