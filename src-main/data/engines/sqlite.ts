import { chmodSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { schema } from '../schema/sqlite';
import { createSerialQueue, createSignalBus, type AppDb, type Database, type Tables } from '../database';
import { migrateSqlite } from '../migrate';
import { AUTOCHECKPOINT_PAGES, CHECKPOINT_DEFAULTS, scheduledCheckpoints, WAL_SIZE_LIMIT, type CheckpointOptions } from './sqlite-checkpoints';

export { WAL_SIZE_LIMIT, type CheckpointOptions };

function open(file: string, readonly: boolean): BetterSqlite3.Database {
  const conn = new BetterSqlite3(file, { readonly, fileMustExist: readonly });
  conn.pragma('busy_timeout = 5000');
  if (!readonly) {
    conn.pragma('journal_mode = WAL');
    // FULL, not NORMAL: in WAL mode NORMAL skips the fsync at each COMMIT, so a power loss (not
    // a process crash, which WAL survives either way) can roll back the last commits. A payment
    // marked paid with its bank reference and then forgotten that way could be paid twice; FULL
    // syncs the WAL at every commit (one fsync per write: see the bench's write-cost row).
    conn.pragma('synchronous = FULL');
    conn.pragma('foreign_keys = ON');
  }
  return conn;
}

/**
 * The database, its WAL and its shared-memory file readable by this user only (0600), on every
 * open, however a copy or an earlier version left them. SQLite gives a new WAL or SHM the mode of
 * the database file, so once that is 0600 the files it creates later are too.
 */
function tightenFileModes(file: string): void {
  if (process.platform === 'win32') return; // POSIX modes mean little there
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(path, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/**
 * SQLite: one writer connection used only inside serialised BEGIN IMMEDIATE transactions, and
 * one reader connection for everything else. WAL lets the reader see the last committed state
 * while a write is in progress, so a read never observes another call's half-done transaction.
 */
export function openSqlite(file: string, options: { checkpoint?: CheckpointOptions } = {}): Database {
  const writer = open(file, false);
  try {
    // After the open: it created the file (if new) and, in WAL mode, the -wal and -shm.
    tightenFileModes(file);
    migrateSqlite(writer);
  } catch (error) {
    writer.close();
    throw error;
  }
  // Lets the planner use fresh statistics (the partial and composite indexes depend on them).
  writer.pragma('optimize=0x10002');
  writer.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  writer.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
  const reader = open(file, true);
  const writeDb = drizzle(writer, { schema }) as unknown as AppDb;
  const readDb = drizzle(reader, { schema }) as unknown as AppDb;
  const enqueue = createSerialQueue();
  const checkpoints = scheduledCheckpoints(file, writer, enqueue, options.checkpoint ?? CHECKPOINT_DEFAULTS);
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
            checkpoints.wrote();
            return result;
          } catch (error) {
            if (writer.inTransaction) writer.exec('ROLLBACK');
            throw error;
          }
        }),
      ),
    snapshot: async (fn) => {
      // Its own connection: a transaction held open on the shared reader would freeze what every
      // other call reads until it ends.
      const conn = open(file, true);
      try {
        conn.exec('BEGIN');
        return await fn(drizzle(conn, { schema }) as unknown as AppDb);
      } finally {
        if (conn.inTransaction) conn.exec('COMMIT');
        conn.close();
      }
    },
    signalAtCommit: async (tx, channel, message) => signals.queue(tx, channel, message),
    listen: (channel, handlers) => {
      const stop = signals.add(channel, handlers);
      return { live: () => true, stop };
    },
    raw: async (sqlText, params = []) => reader.prepare(sqlText).all(...params) as Record<string, unknown>[],
    close: async () => {
      await checkpoints.stop();
      reader.close();
      writer.close();
    },
  };
}
