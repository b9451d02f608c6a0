import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Database, EngineName } from '../src-main/data/database';
import { openSqlite } from '../src-main/data/engines/sqlite';
import { openPglite } from '../src-main/data/engines/pglite';
import { openPostgres } from '../src-main/data/engines/postgres';
import type { DatasetPlan } from './dataset';
import { loadPostgres, loadSqlite, type LoadReport } from './load';
import type { RawRunner } from './operations';

/**
 * Each engine as the bench uses it: a fresh, empty store, loaded with the dataset, opened the
 * way the app opens it, and removed afterwards.
 *  - sqlite: a real file in a new temp dir (loaded before the app opens it; see loadSqlite).
 *  - postgres: a new schema `pd_bench_…` on DATABASE_URL (search_path, as the tests do), dropped afterwards.
 *  - pglite: in memory.
 */

export interface OpenedEngine {
  database: Database;
  dataDir: string;
  load: LoadReport;
  /** Where raw baselines run (see RawRunner). */
  raw: RawRunner;
  dispose(): Promise<void>;
}

/** Postgres and PGlite: reads and writes through the app's own pool. */
function poolRunner(database: Database): RawRunner {
  return { engine: database.engine, read: (sqlText, params) => database.raw(sqlText, params), write: (sqlText, params) => database.raw(sqlText, params) };
}

/**
 * SQLite: reads on the app's reader connection; writes on a connection of the bench's own
 * (opened on first use, same pragmas as the app's writer), because the app's reader is
 * read-only and its writer is private to database.write. Writes are autocommitted statements,
 * never concurrent with the app's (operations run one after another).
 */
function sqliteRunner(database: Database, file: string): { runner: RawRunner; close(): void } {
  let writer: BetterSqlite3.Database | undefined;
  const open = () => {
    if (!writer) {
      writer = new BetterSqlite3(file);
      writer.pragma('busy_timeout = 5000');
      writer.pragma('synchronous = NORMAL');
      writer.pragma('foreign_keys = ON');
    }
    return writer;
  };
  return {
    runner: {
      engine: 'sqlite',
      read: (sqlText, params) => database.raw(sqlText, params),
      write: async (sqlText, params) => open().prepare(sqlText).all(...params) as Record<string, unknown>[],
    },
    close: () => writer?.close(),
  };
}

export const ENGINE_NAMES: readonly EngineName[] = ['sqlite', 'pglite', 'postgres'];

export function isEngineName(name: string): name is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(name);
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'partnerdesk-bench-'));
}

/** Clean-ups of stores not yet disposed, run on Ctrl-C so no temp dir or bench schema is left behind. */
const pending = new Set<() => Promise<void>>();

export async function disposeAll(): Promise<void> {
  for (const dispose of [...pending]) await dispose().catch(() => undefined);
}

/** Registers `cleanup` until it has run once; returns the run-once version. */
function tracked(cleanup: () => Promise<void>): () => Promise<void> {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    pending.delete(once);
    await cleanup();
  };
  pending.add(once);
  return once;
}

export async function openEngine(name: EngineName, plan: DatasetPlan, passwordHash: string): Promise<OpenedEngine> {
  const dataDir = tempDir();
  let database: Database | undefined;
  let schema: string | undefined;
  let closeRawWriter: (() => void) | undefined;
  const url = process.env.DATABASE_URL;
  const dispose = tracked(async () => {
    closeRawWriter?.();
    await database?.close();
    if (schema && url) await adminQuery(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    rmSync(dataDir, { recursive: true, force: true });
  });
  try {
    switch (name) {
      case 'sqlite': {
        const file = join(dataDir, 'partnerdesk.sqlite');
        const load = await loadSqlite(file, plan, passwordHash, name);
        database = openSqlite(file);
        const raw = sqliteRunner(database, file);
        closeRawWriter = raw.close;
        return { database, dataDir, load, raw: raw.runner, dispose };
      }
      case 'pglite': {
        database = await openPglite();
        return { database, dataDir, load: await loadPostgres(database, plan, passwordHash, name), raw: poolRunner(database), dispose };
      }
      case 'postgres': {
        if (!url) throw new Error('postgres needs DATABASE_URL');
        schema = `pd_bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
        await adminQuery(url, `CREATE SCHEMA ${schema}`);
        database = await openPostgres(url, { searchPath: schema });
        return { database, dataDir, load: await loadPostgres(database, plan, passwordHash, name), raw: poolRunner(database), dispose };
      }
    }
  } catch (error) {
    await dispose();
    throw error;
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
