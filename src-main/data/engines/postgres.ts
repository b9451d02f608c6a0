import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { schema } from '../schema/pg';
import type { AppDb, Database, Tables } from '../database';
import { migratePostgres } from '../migrate';

/**
 * Team mode: many desktops and the portal server share one Postgres. Each write is a
 * transaction on its own pooled connection; uniqueness and "never twice" rules are
 * constraints or row locks, so concurrency is the database's job, not the process's.
 */
export async function openPostgres(url: string, options: { searchPath?: string } = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
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
  return {
    engine: 'postgres',
    t: schema as unknown as Tables,
    dialect: { lockForUpdate: true },
    db,
    write: (fn) => db.transaction((tx) => fn(tx as unknown as AppDb)),
    raw: async (sqlText, params = []) => (await pool.query(sqlText, params)).rows as Record<string, unknown>[],
    close: () => pool.end(),
  };
}
