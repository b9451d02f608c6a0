import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { appRoot } from '../app-root';

/**
 * Applies drizzle-kit's generated migrations at start-up, and refuses to start when the
 * database's applied history and the files disagree (a file edited after it was applied, a
 * migration missing, or a database newer than this build): silently running on a schema we
 * did not write is how data gets corrupted.
 */

export interface MigrationFile {
  idx: number;
  tag: string;
  hash: string;
  statements: string[];
}

export class MigrationDivergenceError extends Error {
  constructor(message: string) {
    super(`Refusing to start: ${message}`);
    this.name = 'MigrationDivergenceError';
  }
}

export function readMigrations(engine: 'sqlite' | 'pg'): MigrationFile[] {
  const dir = join(appRoot(), 'drizzle', engine);
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  return journal.entries.map(({ idx, tag }) => {
    const text = readFileSync(join(dir, `${tag}.sql`), 'utf8');
    return {
      idx,
      tag,
      hash: createHash('sha256').update(text).digest('hex'),
      statements: text
        .split('--> statement-breakpoint')
        // drizzle-kit qualifies references with "public"; dropping it lets team mode (and each
        // test run) live in any schema chosen by search_path.
        .map((s) => (engine === 'pg' ? s.replaceAll('"public".', '') : s).trim())
        .filter((s) => s.replace(/--.*$/gm, '').trim().length > 0),
    };
  });
}

interface AppliedRow {
  idx: number;
  tag: string;
  hash: string;
}

/** Returns the migrations still to apply, or throws when history and files diverge. */
export function pendingMigrations(files: MigrationFile[], applied: AppliedRow[]): MigrationFile[] {
  const sorted = [...applied].sort((a, b) => Number(a.idx) - Number(b.idx));
  if (sorted.length > files.length) {
    throw new MigrationDivergenceError(
      `the database has ${sorted.length} migrations applied but this build knows only ${files.length}; it was migrated by a newer PartnerDesk.`,
    );
  }
  sorted.forEach((row, i) => {
    const file = files[i];
    if (!file || Number(row.idx) !== file.idx || row.tag !== file.tag) {
      throw new MigrationDivergenceError(`applied migration #${row.idx} (${row.tag}) does not match the migration files.`);
    }
    if (row.hash !== file.hash) {
      throw new MigrationDivergenceError(`migration ${row.tag} was changed after it was applied (hash differs).`);
    }
  });
  return files.slice(sorted.length);
}

const HISTORY_DDL = `CREATE TABLE IF NOT EXISTS pd_migrations (
  idx integer PRIMARY KEY,
  tag text NOT NULL,
  hash text NOT NULL,
  applied_at text NOT NULL
)`;

export function migrateSqlite(conn: BetterSqlite3.Database): void {
  conn.exec(HISTORY_DDL);
  const files = readMigrations('sqlite');
  conn.exec('BEGIN IMMEDIATE');
  try {
    const applied = conn.prepare('SELECT idx, tag, hash FROM pd_migrations').all() as AppliedRow[];
    const insert = conn.prepare('INSERT INTO pd_migrations (idx, tag, hash, applied_at) VALUES (?, ?, ?, ?)');
    for (const m of pendingMigrations(files, applied)) {
      for (const statement of m.statements) conn.exec(statement);
      insert.run(m.idx, m.tag, m.hash, new Date().toISOString());
    }
    conn.exec('COMMIT');
  } catch (error) {
    if (conn.inTransaction) conn.exec('ROLLBACK');
    throw error;
  }
}

type Query = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * `query` must run on one connection for the whole call (a checked-out pool client or PGlite).
 * An advisory lock keeps two desktops starting at once from migrating the same database twice.
 */
export async function migratePostgres(query: Query, opts: { exec?: (text: string) => Promise<void> } = {}): Promise<void> {
  const exec = opts.exec ?? (async (text: string) => void (await query(text)));
  await query('SELECT pg_advisory_lock(727274)');
  try {
    await exec(HISTORY_DDL);
    const files = readMigrations('pg');
    const applied = (await query('SELECT idx, tag, hash FROM pd_migrations')) as unknown as AppliedRow[];
    for (const m of pendingMigrations(files, applied)) {
      await exec('BEGIN');
      try {
        for (const statement of m.statements) await exec(statement);
        await query('INSERT INTO pd_migrations (idx, tag, hash, applied_at) VALUES ($1, $2, $3, $4)', [
          m.idx,
          m.tag,
          m.hash,
          new Date().toISOString(),
        ]);
        await exec('COMMIT');
      } catch (error) {
        await exec('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await query('SELECT pg_advisory_unlock(727274)');
  }
}
