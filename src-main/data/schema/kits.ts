import * as pg from 'drizzle-orm/pg-core';
import * as sqlite from 'drizzle-orm/sqlite-core';

/**
 * One logical column vocabulary, two dialects (the better-auth approach): each logical kind
 * maps to exactly one column kind per engine, so both schemas come from one description and
 * read back the same JavaScript values (Date, boolean, number, parsed JSON, Buffer).
 */

const bytea = pg.customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const pgKit = {
  table: pg.pgTable,
  text: (name: string) => pg.text(name),
  int: (name: string) => pg.integer(name),
  /** Money in integer minor units; bigint so that seed-scale sums never overflow. */
  money: (name: string) => pg.bigint(name, { mode: 'number' }),
  bool: (name: string) => pg.boolean(name),
  time: (name: string) => pg.timestamp(name, { withTimezone: true, mode: 'date', precision: 3 }),
  json: <T>(name: string) => pg.jsonb(name).$type<T>(),
  bytes: (name: string) => bytea(name),
  index: pg.index,
  uniqueIndex: pg.uniqueIndex,
  primaryKey: pg.primaryKey,
};

export type SchemaKit = typeof pgKit;

export const sqliteKit = {
  table: sqlite.sqliteTable,
  text: (name: string) => sqlite.text(name),
  int: (name: string) => sqlite.integer(name),
  money: (name: string) => sqlite.integer(name),
  bool: (name: string) => sqlite.integer(name, { mode: 'boolean' }),
  time: (name: string) => sqlite.integer(name, { mode: 'timestamp_ms' }),
  json: <T>(name: string) => sqlite.text(name, { mode: 'json' }).$type<T>(),
  bytes: (name: string) => sqlite.blob(name, { mode: 'buffer' }),
  index: sqlite.index,
  uniqueIndex: sqlite.uniqueIndex,
  primaryKey: sqlite.primaryKey,
} as unknown as SchemaKit; // Same call shapes; services are typed against the pg flavour (see ../database.ts).
