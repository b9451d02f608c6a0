import BetterSqlite3 from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { schema } from '../schema/sqlite';
import { createSerialQueue, createSignalBus, type AppDb, type Database, type Tables } from '../database';
import { migrateSqlite } from '../migrate';

function open(file: string, readonly: boolean): BetterSqlite3.Database {
  const conn = new BetterSqlite3(file, { readonly, fileMustExist: readonly });
  conn.pragma('busy_timeout = 5000');
  if (!readonly) {
    conn.pragma('journal_mode = WAL');
    conn.pragma('synchronous = NORMAL');
    conn.pragma('foreign_keys = ON');
  }
  return conn;
}

/**
 * SQLite: one writer connection used only inside serialised BEGIN IMMEDIATE transactions, and
 * one reader connection for everything else. WAL lets the reader see the last committed state
 * while a write is in progress, so a read never observes another call's half-done transaction.
 */
export function openSqlite(file: string): Database {
  const writer = open(file, false);
  try {
    migrateSqlite(writer);
  } catch (error) {
    writer.close();
    throw error;
  }
  // Lets the planner use fresh statistics (the partial and composite indexes depend on them).
  writer.pragma('optimize=0x10002');
  const reader = open(file, true);
  const writeDb = drizzle(writer, { schema }) as unknown as AppDb;
  const readDb = drizzle(reader, { schema }) as unknown as AppDb;
  const enqueue = createSerialQueue();
  // One process owns a SQLite file, so its signals never need to leave it.
  const signals = createSignalBus();

  return {
    engine: 'sqlite',
    t: schema as unknown as Tables,
    dialect: { lockForUpdate: false },
    db: readDb,
    write: (fn) =>
      enqueue(() =>
        signals.around(async (begin) => {
          writer.exec('BEGIN IMMEDIATE');
          begin(writeDb);
          try {
            // The queue guarantees nothing else touches `writer` until COMMIT/ROLLBACK, so the
            // awaits inside `fn` (which resolve synchronously on this driver) cannot interleave.
            const result = await fn(writeDb);
            writer.exec('COMMIT');
            return result;
          } catch (error) {
            if (writer.inTransaction) writer.exec('ROLLBACK');
            throw error;
          }
        }),
      ),
    signalAtCommit: async (tx, channel, message) => signals.queue(tx, channel, message),
    listen: (channel, handlers) => {
      const stop = signals.add(channel, handlers);
      return { live: () => true, stop };
    },
    raw: async (sqlText, params = []) => reader.prepare(sqlText).all(...params) as Record<string, unknown>[],
    close: async () => {
      reader.close();
      writer.close();
    },
  };
}
