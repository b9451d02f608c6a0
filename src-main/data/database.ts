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
  /** Raw SQL for tools (bench's raw baseline, verify CLI): rows as plain objects. */
  raw(sqlText: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** A FIFO lock: each caller waits for the previous one to finish, success or failure. */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return function enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}
