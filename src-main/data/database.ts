import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { schema as pgSchema } from './schema/pg';

export type Schema = typeof pgSchema;
export type Tables = Schema;

/**
 * The query-builder type services are written against. Both engines expose the same Drizzle
 * call shapes (select/insert/update/delete/returning/onConflict…); we type them once, as the
 * Postgres flavour, and keep the handful of real differences in `Dialect` below.
 */
export type AppDb = PgDatabase<PgQueryResultHKT, Schema>;

export type EngineName = 'sqlite' | 'pglite' | 'postgres';

/**
 * The few things that truly differ between engines, each named. (Case-insensitive search is
 * not one: text search runs LIKE over a lower-cased column such as partners.search_text, the
 * same statement on both engines.)
 */
export interface Dialect {
  /** Appended to a select that must lock its rows until commit; SQLite's writer is already exclusive. */
  readonly lockForUpdate: boolean;
}

export interface Database {
  readonly engine: EngineName;
  readonly t: Tables;
  readonly dialect: Dialect;
  /** For reads outside a write: never sees another call's uncommitted work. */
  readonly db: AppDb;
  /**
   * Runs `fn` in one write transaction. All writes of the process pass through here, one at a
   * time on SQLite (BEGIN IMMEDIATE on the dedicated writer connection), so two async service
   * calls can never interleave inside one SQLite transaction. Never call `write` from inside
   * `fn`: pass `tx` down instead.
   */
  write<T>(fn: (tx: AppDb) => Promise<T>): Promise<T>;
  /**
   * Runs reads in one read-only snapshot: every read inside `fn` sees the same committed state,
   * however many writes commit meanwhile (audit verification reads rows and head this way).
   * SQLite: a transaction on a connection of its own (WAL keeps its snapshot); Postgres:
   * REPEATABLE READ, READ ONLY. Writers are never blocked.
   */
  snapshot<T>(fn: (db: AppDb) => Promise<T>): Promise<T>;
  /**
   * After `tx` commits, delivers `message` on `channel` to this process's listeners and, on
   * Postgres, to every other process's (NOTIFY, which the database sends at commit). A rolled
   * back write delivers nothing. Used for cache invalidation: see services/auth/session-cache.ts.
   */
  signalAtCommit(tx: AppDb, channel: string, message: string): Promise<void>;
  /**
   * Receives the signals of `channel`. `reset` runs whenever signals may have been missed (the
   * Postgres listener lost its connection, and again once it is back): drop what you cached.
   * `live()` is false while they may be missed, so a cache should not fill meanwhile.
   */
  listen(channel: string, handlers: SignalHandlers): Listening;
  /** Raw SQL for tools (bench's raw baseline, verify CLI): rows as plain objects. */
  raw(sqlText: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export interface SignalHandlers {
  message(message: string): void;
  reset(): void;
}

export interface Listening {
  live(): boolean;
  stop(): void;
}

/**
 * The in-process half of signals, for every engine: listeners by channel, and the messages a
 * write queued for after its commit (keyed by the write's transaction handle).
 */
export function createSignalBus() {
  const listeners = new Map<string, Set<SignalHandlers>>();
  const queued = new WeakMap<object, { channel: string; message: string }[]>();
  return {
    /** Runs one write: `body` gets the place to queue its signals; they go out only if it commits. */
    async around<T>(run: (begin: (tx: object) => void) => Promise<T>): Promise<T> {
      let handle: object | undefined;
      const result = await run((tx) => {
        handle = tx;
        queued.set(tx, []);
      });
      const pending = handle ? queued.get(handle) : undefined;
      if (handle) queued.delete(handle);
      for (const { channel, message } of pending ?? []) this.deliver(channel, message);
      return result;
    },
    queue(tx: object, channel: string, message: string): void {
      const pending = queued.get(tx);
      if (!pending) throw new Error('signalAtCommit needs the transaction of a database.write');
      pending.push({ channel, message });
    },
    deliver(channel: string, message: string): void {
      for (const handlers of listeners.get(channel) ?? []) handlers.message(message);
    },
    reset(): void {
      for (const set of listeners.values()) for (const handlers of set) handlers.reset();
    },
    add(channel: string, handlers: SignalHandlers): () => void {
      const set = listeners.get(channel) ?? new Set<SignalHandlers>();
      listeners.set(channel, set);
      set.add(handlers);
      return () => set.delete(handlers);
    },
  };
}

export type SignalBus = ReturnType<typeof createSignalBus>;

/** A FIFO lock: each caller waits for the previous one to finish, success or failure. */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return function enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}
