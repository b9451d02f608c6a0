import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { schema } from '../schema/pg';
import { createSignalBus, type AppDb, type Database, type Tables } from '../database';
import { migratePostgres, pendingMigrations, readMigrations, type MigrationFile } from '../migrate';
import { createPgListener } from './pg-listener';

export interface OpenPostgresOptions {
  searchPath?: string;
  /**
   * The owner's URL (PARTNERDESK_MIGRATE_URL, read by the caller): migrations run over a short-lived
   * connection on it, and `url` then only needs to read and write rows. Without it `url`'s role
   * migrates, as a single-role install always did.
   */
  migrateUrl?: string;
}

/** The runtime role found migrations to apply and may not apply them itself. */
export class MigrationsPendingError extends Error {
  constructor(pending: MigrationFile[], options?: { cause?: unknown }) {
    super(`the database needs migrations: run npm run migrate (pending: ${pending.map((m) => m.tag).join(', ')})`, options);
    this.name = 'MigrationsPendingError';
  }
}

const connectionFor = (url: string, searchPath?: string): pg.ClientConfig => ({
  connectionString: url,
  ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
});

type ClientQuery = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
const queryOn = (client: pg.ClientBase): ClientQuery => async (text, params) => (await client.query(text, params)).rows;

/** What is left to apply; reads the history without creating it, so a DML-only role can ask. */
async function pendingOn(query: ClientQuery): Promise<MigrationFile[]> {
  const files = readMigrations('pg');
  const [table] = await query("SELECT to_regclass('pd_migrations') IS NOT NULL AS present");
  if (!table?.present) return files;
  const applied = await query('SELECT idx, tag, hash FROM pd_migrations');
  return pendingMigrations(files, applied as unknown as { idx: number; tag: string; hash: string }[]);
}

/** Migrates as `url`'s role (the owner) over one connection and returns the tags it applied. */
export async function migratePostgresAt(url: string, options: { searchPath?: string } = {}): Promise<string[]> {
  const client = new pg.Client(connectionFor(url, options.searchPath));
  await client.connect();
  try {
    const query = queryOn(client);
    const before = await pendingOn(query);
    if (before.length === 0) return [];
    await migratePostgres(query);
    // Another migrator may have applied some of them meanwhile (the advisory lock serialises us).
    const after = new Set((await pendingOn(query)).map((m) => m.tag));
    return before.map((m) => m.tag).filter((tag) => !after.has(tag));
  } finally {
    await client.end();
  }
}

const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * Team mode: many desktops and the portal server share one Postgres. Each write is a
 * transaction on its own pooled connection; uniqueness and "never twice" rules are
 * constraints or row locks, so concurrency is the database's job, not the process's.
 */
export async function openPostgres(url: string, options: OpenPostgresOptions = {}): Promise<Database> {
  if (options.migrateUrl) await migratePostgresAt(options.migrateUrl, { searchPath: options.searchPath });
  const connection = connectionFor(url, options.searchPath);
  const pool = new pg.Pool({ ...connection, max: 10 });
  pool.on('error', () => undefined); // An idle client's error must not crash the process; the next query reports it.
  try {
    const client = await pool.connect();
    try {
      const query = queryOn(client);
      const pending = await pendingOn(query);
      // After a migrate URL ran, anything still pending means the two URLs name different stores.
      if (pending.length > 0 && options.migrateUrl) throw new MigrationsPendingError(pending);
      if (pending.length > 0) {
        try {
          await migratePostgres(query);
        } catch (error) {
          if ((error as { code?: unknown }).code === INSUFFICIENT_PRIVILEGE) throw new MigrationsPendingError(pending, { cause: error });
          throw error;
        }
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = drizzle(pool, { schema }) as unknown as AppDb;
  const signals = createSignalBus();
  const listener = createPgListener(connection, signals);
  return {
    engine: 'postgres',
    t: schema as unknown as Tables,
    dialect: { lockForUpdate: true },
    db,
    write: (fn) =>
      signals.around((begin) =>
        db.transaction((tx) => {
          begin(tx);
          return fn(tx as unknown as AppDb);
        }),
      ),
    snapshot: (fn) => db.transaction((tx) => fn(tx as unknown as AppDb), { isolationLevel: 'repeatable read', accessMode: 'read only' }),
    // Here at once after commit (the bus), elsewhere through NOTIFY, which Postgres sends at commit too.
    signalAtCommit: async (tx, channel, message) => {
      signals.queue(tx, channel, message);
      await tx.execute(sql`select pg_notify(${channel}, ${message})`);
    },
    listen: (channel, handlers) => {
      const stop = signals.add(channel, handlers);
      void listener.add(channel);
      return { live: listener.live, stop };
    },
    raw: async (sqlText, params = []) => (await pool.query(sqlText, params)).rows as Record<string, unknown>[],
    close: async () => {
      await listener.stop();
      await pool.end();
    },
  };
}
