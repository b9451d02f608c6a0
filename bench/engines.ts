import BetterSqlite3 from 'better-sqlite3';
import { dirname, join } from 'node:path';
import type { Database, EngineName } from '../src-main/data/database';
import { createKeyProvider, SUBKEY_INFO } from '../src-main/security/key-provider';
import { openStore } from '../tests/support/engines';
import type { DatasetPlan } from './dataset';
import { loadPostgres, loadSqlite, type LoadReport } from './load';
import type { RawRunner } from './operations';

/**
 * Each engine as the bench uses it: a fresh, empty store (the tests' helper), loaded with the
 * dataset, opened the way the app opens it, and removed afterwards (also on Ctrl-C).
 */

export interface OpenedEngine {
  database: Database;
  dataDir: string;
  load: LoadReport;
  /** Where raw baselines run (see RawRunner). */
  raw: RawRunner;
  dispose(): Promise<void>;
}

/**
 * The raw baselines run as a tuned service would: each distinct SQL text prepared once and
 * reused, never rebuilt per call (CONVENTIONS §16). Otherwise the baseline pays a compile per
 * call that prepared hot reads do not, and the gap to dispatch would understate our layers.
 * The statements run on the app's own connections, reached through Drizzle's `$client`: the
 * same page cache and pool as the calls they are compared with.
 */

/** `db.$client` of the app's Drizzle instance: better-sqlite3's connection, pg's Pool, or PGlite. */
function clientOf(database: Database): unknown {
  const client = (database.db as unknown as { $client?: unknown }).$client;
  if (!client) throw new Error(`bench: the ${database.engine} database exposes no Drizzle $client for the raw baseline`);
  return client;
}

/** A pg Pool (or Client): what named queries need. */
interface NamedQueries {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * Postgres: named queries on the app's pool (`{ name, text, values }`), so each pooled
 * connection parses and plans a statement once and then only binds and executes it, as the
 * app's named hot reads do. PGlite has a single in-process connection and no named-statement
 * cache in its query API: its baselines stay plain `database.raw`.
 */
function poolRunner(database: Database): RawRunner {
  if (database.engine === 'pglite') return { engine: database.engine, read: (sqlText, params) => database.raw(sqlText, params), write: (sqlText, params) => database.raw(sqlText, params) };
  const pool = clientOf(database) as NamedQueries;
  if (typeof pool.query !== 'function') throw new Error('bench: the postgres $client is not a pg pool');
  const names = new Map<string, string>();
  const run = async (text: string, values: unknown[]) => {
    let name = names.get(text);
    if (name === undefined) {
      name = `bench_raw_${names.size + 1}`;
      names.set(text, name);
    }
    return (await pool.query({ name, text, values })).rows;
  };
  return { engine: database.engine, read: run, write: run };
}

/** Prepares each distinct SQL text once on `conn`, then reuses the statement. */
function statementCache(conn: () => BetterSqlite3.Database) {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return async (sqlText: string, params: unknown[]) => {
    let statement = statements.get(sqlText);
    if (!statement) {
      statement = conn().prepare(sqlText);
      statements.set(sqlText, statement);
    }
    return statement.all(...params) as Record<string, unknown>[];
  };
}

/**
 * SQLite: reads on the app's reader connection; writes on a connection of the bench's own
 * (opened on first use, same pragmas as the app's writer), because the app's reader is
 * read-only and its writer is private to database.write. Writes are autocommitted statements,
 * never concurrent with the app's (operations run one after another). Both prepare once.
 */
function sqliteRunner(database: Database, file: string): { runner: RawRunner; close(): void } {
  const reader = clientOf(database) as BetterSqlite3.Database;
  if (typeof reader.prepare !== 'function') throw new Error('bench: the sqlite $client is not a better-sqlite3 connection');
  let writer: BetterSqlite3.Database | undefined;
  const open = () => {
    if (!writer) {
      writer = new BetterSqlite3(file);
      writer.pragma('busy_timeout = 5000');
      writer.pragma('synchronous = FULL'); // as the app's writer (data/engines/sqlite.ts)
      writer.pragma('foreign_keys = ON');
    }
    return writer;
  };
  return {
    runner: { engine: 'sqlite', read: statementCache(() => reader), write: statementCache(open) },
    close: () => writer?.close(),
  };
}

export const ENGINE_NAMES: readonly EngineName[] = ['sqlite', 'pglite', 'postgres'];

export function isEngineName(name: string): name is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(name);
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

/** The audit key the app will derive in this data folder (its key file, or PARTNERDESK_DATA_KEY), so the loaded chain verifies. */
function storeAuditKey(dataDir: string): Promise<Buffer> {
  return createKeyProvider({ dataDir, wrapper: null, logger: { warn: () => undefined } }).getSubkey(SUBKEY_INFO.auditChain);
}

/**
 * A store from the tests' engine helper (tests/support/engines.ts: same temp dirs, PGlite
 * template and Postgres schemas), loaded with the dataset: SQLite through a connection of the
 * loader's own before the app opens the file, the Postgres engines through the app's pool.
 */
export async function openEngine(name: EngineName, plan: DatasetPlan, passwordHash: string): Promise<OpenedEngine> {
  let sqliteLoad: LoadReport | undefined;
  let closeRawWriter: (() => void) | undefined;
  const store = await openStore(name, {
    label: 'bench',
    prepareSqliteFile: async (file) => {
      sqliteLoad = await loadSqlite(file, plan, passwordHash, name, await storeAuditKey(dirname(file)));
    },
  });
  const dispose = tracked(async () => {
    closeRawWriter?.();
    await store.dispose();
  });
  try {
    const { database, dataDir } = store;
    if (name === 'sqlite') {
      if (!sqliteLoad) throw new Error('sqlite store opened without its load');
      const raw = sqliteRunner(database, join(dataDir, 'partnerdesk.sqlite'));
      closeRawWriter = raw.close;
      return { database, dataDir, load: sqliteLoad, raw: raw.runner, dispose };
    }
    return { database, dataDir, load: await loadPostgres(database, plan, passwordHash, name, await storeAuditKey(dataDir)), raw: poolRunner(database), dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
