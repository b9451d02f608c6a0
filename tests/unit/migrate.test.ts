import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MigrationDivergenceError, pendingMigrations, readMigrations, type MigrationFile } from '../../src-main/data/migrate';
import { openSqlite } from '../../src-main/data/engines/sqlite';
import { openPglite } from '../support/pglite';
import { openPostgres } from '../../src-main/data/engines/postgres';
import { openPgliteCopy } from '../support/engines';

const file = (idx: number, tag: string): MigrationFile => ({ idx, tag, hash: `hash-${tag}`, statements: [`-- ${tag}`] });
const FILES = [file(0, '0000_first'), file(1, '0001_second'), file(2, '0002_third')];
const applied = (f: MigrationFile) => ({ idx: f.idx, tag: f.tag, hash: f.hash });

describe('pendingMigrations', () => {
  it('returns every file for an empty history, the tail for a partial one, nothing when up to date', () => {
    expect(pendingMigrations(FILES, [])).toEqual(FILES);
    expect(pendingMigrations(FILES, FILES.slice(0, 1).map(applied))).toEqual(FILES.slice(1));
    expect(pendingMigrations(FILES, FILES.slice(0, 2).map(applied))).toEqual(FILES.slice(2));
    expect(pendingMigrations(FILES, FILES.map(applied))).toEqual([]);
  });

  it('does not care in which order the history rows come back', () => {
    expect(pendingMigrations(FILES, [applied(FILES[1] as MigrationFile), applied(FILES[0] as MigrationFile)])).toEqual(FILES.slice(2));
  });

  it('tolerates drivers that return idx as a string (bigint columns)', () => {
    const rows = FILES.slice(0, 2).map((f) => ({ ...applied(f), idx: String(f.idx) as unknown as number }));
    expect(pendingMigrations(FILES, rows)).toEqual(FILES.slice(2));
  });

  it('refuses a file edited after it was applied', () => {
    const history = FILES.slice(0, 2).map(applied);
    const edited = FILES.map((f) => (f.idx === 1 ? { ...f, hash: 'edited' } : f));
    expect(() => pendingMigrations(edited, history)).toThrow(MigrationDivergenceError);
    expect(() => pendingMigrations(edited, history)).toThrow(/0001_second was changed after it was applied/);
  });

  it('refuses a history that names other files (renamed, removed or reordered)', () => {
    expect(() => pendingMigrations(FILES, [applied(FILES[0] as MigrationFile), { idx: 1, tag: '0001_other', hash: 'hash-0001_second' }])).toThrow(/#1 \(0001_other\) does not match/);
    expect(() => pendingMigrations(FILES, [applied(FILES[1] as MigrationFile)])).toThrow(MigrationDivergenceError); // a gap: #0 never applied
    expect(() => pendingMigrations([FILES[0], FILES[2]] as MigrationFile[], FILES.slice(0, 2).map(applied))).toThrow(MigrationDivergenceError);
  });

  it('refuses a database migrated by a newer build (history longer than the files)', () => {
    const history = [...FILES.map(applied), { idx: 3, tag: '0003_future', hash: 'h' }];
    expect(() => pendingMigrations(FILES, history)).toThrow(MigrationDivergenceError);
    expect(() => pendingMigrations(FILES, history)).toThrow(/4 migrations applied but this build knows only 3.*newer PartnerDesk/);
  });

  it('says that it refuses to start', () => {
    expect(() => pendingMigrations(FILES, [{ idx: 0, tag: '0000_first', hash: 'x' }])).toThrow(/^Refusing to start: /);
  });
});

describe('readMigrations', () => {
  it.each(['sqlite', 'pg'] as const)('reads the %s journal: numbered from 0, hashed, split into statements', (engine) => {
    const files = readMigrations(engine);
    expect(files.length).toBeGreaterThanOrEqual(2);
    files.forEach((f, i) => {
      expect(f.idx).toBe(i);
      expect(f.tag).toMatch(/^\d{4}_/);
      expect(f.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(f.statements.length).toBeGreaterThan(0);
      for (const s of f.statements) expect(s).not.toMatch(/--> statement-breakpoint/);
      if (engine === 'pg') for (const s of f.statements) expect(s).not.toContain('"public".');
    });
  });
});

describe('start-up refuses a database whose history diverges', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'partnerdesk-migrate-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };

  it('sqlite: a history hash altered in the file', async () => {
    const path = join(tempDir(), 'partnerdesk.sqlite');
    const db = openSqlite(path);
    await db.close();
    await openSqlite(path).close(); // reopening an up-to-date file is fine

    const conn = new BetterSqlite3(path);
    const before = conn.prepare('SELECT idx, tag, hash FROM pd_migrations ORDER BY idx').all();
    conn.prepare("UPDATE pd_migrations SET hash = 'edited' WHERE idx = 0").run();
    conn.close();
    expect(() => openSqlite(path)).toThrow(MigrationDivergenceError);
    expect(() => openSqlite(path)).toThrow(/0000_\w+ was changed after it was applied/);

    const check = new BetterSqlite3(path, { readonly: true });
    expect(check.prepare('SELECT idx, tag FROM pd_migrations ORDER BY idx').all()).toEqual((before as { idx: number; tag: string }[]).map(({ idx, tag }) => ({ idx, tag })));
    check.close();
  });

  it('sqlite: a file migrated by a newer build', async () => {
    const path = join(tempDir(), 'partnerdesk.sqlite');
    await openSqlite(path).close();
    const conn = new BetterSqlite3(path);
    conn.prepare("INSERT INTO pd_migrations (idx, tag, hash, applied_at) VALUES (9999, '9999_future', 'h', '2099-01-01')").run();
    conn.close();
    expect(() => openSqlite(path)).toThrow(/newer PartnerDesk/);
  });

  it('pglite: a history hash altered in the data folder', async () => {
    const dir = tempDir();
    const db = await openPgliteCopy(dir);
    await db.raw("UPDATE pd_migrations SET hash = 'edited' WHERE idx = 1");
    await db.close();
    await expect(openPglite(join(dir, 'pglite'))).rejects.toThrow(MigrationDivergenceError);
  });

  // Skipped without a server: set DATABASE_URL to run it (as the Postgres run of the suite does).
  it.skipIf(!process.env.DATABASE_URL)('postgres: a history hash altered on the server (needs DATABASE_URL)', async () => { // skip reason: needs a real Postgres server (DATABASE_URL); PGlite's history check runs above
    const url = process.env.DATABASE_URL as string;
    const schema = `pd_migrate_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    cleanup.push(async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    });
    const db = await openPostgres(url, { searchPath: schema });
    await db.raw("UPDATE pd_migrations SET hash = 'edited' WHERE idx = 0");
    await db.close();
    await expect(openPostgres(url, { searchPath: schema })).rejects.toThrow(/was changed after it was applied/);
  });
});
