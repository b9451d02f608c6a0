import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { schema } from '../schema/pg';
import { createSignalBus, type AppDb, type Database, type Tables } from '../database';
import { migratePostgres } from '../migrate';
import { createPgListener } from './pg-listener';

/**
 * Team mode: many desktops and the portal server share one Postgres. Each write is a
 * transaction on its own pooled connection; uniqueness and "never twice" rules are
 * constraints or row locks, so concurrency is the database's job, not the process's.
 */
export async function openPostgres(url: string, options: { searchPath?: string } = {}): Promise<Database> {
  const connection: pg.ClientConfig = {
    connectionString: url,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  };
  const pool = new pg.Pool({ ...connection, max: 10 });
  pool.on('error', () => undefined); // An idle client's error must not crash the process; the next query reports it.
  try {
    const migrationClient = await pool.connect();
    try {
      await migratePostgres(async (text, params) => (await migrationClient.query(text, params as unknown[])).rows);
    } finally {
      migrationClient.release();
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
