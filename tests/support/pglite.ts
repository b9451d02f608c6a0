import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { schema } from '../../src-main/data/schema/pg';
import { createSerialQueue, createSignalBus, type AppDb, type Database, type Tables } from '../../src-main/data/database';
import { migratePostgres } from '../../src-main/data/migrate';

/**
 * PGlite: real Postgres semantics in-process, for the engine tests and the bench without a
 * server. It lives with the tests because the app never opens it (desktop: SQLite; team and
 * server mode: Postgres), and PGlite is a dev dependency.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  // pg_trgm for the partner search's GIN index (drizzle/pg/0007_partner_list.sql creates the extension).
  const client = new PGlite({ ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm } });
  try {
    await migratePostgres(async (text, params) => (await client.query<Record<string, unknown>>(text, params as unknown[])).rows, {
      exec: async (text) => {
        await client.exec(text);
      },
    });
  } catch (error) {
    await client.close();
    throw error;
  }
  const db = drizzle(client, { schema }) as unknown as AppDb;
  // One connection: transactions must not overlap.
  const enqueue = createSerialQueue();
  // In-process only: a PGlite database has one client, this process.
  const signals = createSignalBus();
  return {
    engine: 'pglite',
    t: schema as unknown as Tables,
    dialect: { lockForUpdate: true },
    db,
    write: (fn) =>
      enqueue(() =>
        signals.around((begin) =>
          db.transaction((tx) => {
            begin(tx);
            return fn(tx as unknown as AppDb);
          }),
        ),
      ),
    // Queued like the writes: PGlite has one connection, so a transaction must not overlap another.
    snapshot: (fn) => enqueue(() => db.transaction((tx) => fn(tx as unknown as AppDb), { isolationLevel: 'repeatable read', accessMode: 'read only' })),
    signalAtCommit: async (tx, channel, message) => signals.queue(tx, channel, message),
    listen: (channel, handlers) => {
      const stop = signals.add(channel, handlers);
      return { live: () => true, stop };
    },
    raw: async (sqlText, params = []) => (await client.query<Record<string, unknown>>(sqlText, params)).rows,
    close: () => client.close(),
  };
}
