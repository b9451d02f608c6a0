import { createHash } from 'node:crypto';
import { param, sql, type Column, type Placeholder, type SQL } from 'drizzle-orm';
import type { AppDb, Database, Tables } from './database';

/**
 * Hot reads built once. Drizzle builds a query's SQL on every call (tens of µs for a join) and
 * the engine then compiles it again; a hot read (the session lookup, an entity by id) pays that
 * on every request. A statement defined here is built on first use per database handle and
 * reused, with its variable parts as placeholders:
 *
 *   const byId = prepared(database, 'partner_by_id', (db, t) =>
 *     db.select().from(t.partners).where(and(eq(t.partners.tenantId, slot('tenantId')), eq(t.partners.id, slot('id')))));
 *   const [row] = await byId.run(db, { tenantId, id });
 *
 * Which handle decides how it is cached:
 * - the read handle (`database.db`: SQLite's reader connection, the Postgres pool): built once;
 *   on Postgres it is a named statement, so each pooled connection parses and plans it once;
 * - SQLite's writer (the same handle in every write, one connection): built once as well;
 * - a Postgres transaction (a new handle on one pooled connection each time): built for that
 *   call and sent unnamed. A statement bound to the pool would run on another connection,
 *   outside the transaction, and a named one could fail there after a migration and abort it.
 *
 * A named statement that Postgres refuses with "cached plan must not change result type" (the
 * table changed under it, e.g. a migration by another server) is re-prepared under a new name
 * and the read retried once; reads are safe to retry.
 */

type Values = Record<string, unknown>;

/** What `.prepare()` gives on either driver: execute(values) resolves to the rows. */
interface Executable<R> {
  execute(values?: Values): PromiseLike<R>;
}

/** A query builder, before `.prepare()`: `prepare(name)` on Postgres, `prepare()` on SQLite (which ignores the name). */
export interface Preparable<R> {
  prepare(name: string): Executable<R>;
  execute(values?: Values): PromiseLike<R>;
}

export interface PreparedStatement<V extends Values, R> {
  readonly name: string;
  run(db: AppDb, values: V): Promise<R>;
}

/**
 * A placeholder for a statement's variable part. With `column`, the value is encoded as that
 * column encodes it (a Date for a SQLite timestamp column becomes its integer); without it the
 * value goes to the driver as given (text ids, numbers).
 */
export function slot(name: string): Placeholder;
export function slot(name: string, column: Column): SQL;
export function slot(name: string, column?: Column): Placeholder | SQL {
  // Wrapped in sql``: insert values and conditions both take SQL, and the Param inside keeps the encoder.
  return column ? sql`${param(sql.placeholder(name), column)}` : sql.placeholder(name);
}

const namesInUse = new WeakMap<Database, Map<string, number>>();

/** Postgres's refusal of a named statement whose table changed; Drizzle wraps the driver's error (its `cause`). */
function isStaleNamedPlan(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '0A000' && /cached plan must not change result type/i.test(String((e as Error).message))) return true;
  }
  return false;
}

export function prepared<V extends Values, R>(database: Database, name: string, build: (db: AppDb, t: Tables) => Preparable<R>): PreparedStatement<V, R> {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`statement name "${name}" must be lower_snake_case`);
  // Two statements under one name would collide on a Postgres connection ("prepared statements
  // must be unique"): a name already taken on this database (a second set of services on it, as
  // the demo loader and the app make) gets a number. Long names (many filters) are shortened by
  // a hash, well inside Postgres's 63-character identifiers.
  const names = namesInUse.get(database) ?? new Map<string, number>();
  namesInUse.set(database, names);
  const taken = names.get(name) ?? 0;
  names.set(name, taken + 1);
  const unique = taken ? `${name}_${taken + 1}` : name;
  const base = unique.length <= 48 ? unique : `${unique.slice(0, 32)}_${createHash('sha256').update(unique).digest('hex').slice(0, 12)}`;

  let generation = 0;
  let built = new WeakMap<AppDb, Executable<R>>();
  const stable = (db: AppDb) => db === database.db || database.engine === 'sqlite';
  const statementName = () => `pd_${base}${generation ? `_g${generation}` : ''}`;

  function executable(db: AppDb): Executable<R> {
    let exec = built.get(db);
    if (!exec) {
      exec = build(db, database.t).prepare(statementName());
      built.set(db, exec);
    }
    return exec;
  }

  return {
    name,
    async run(db, values) {
      if (!stable(db)) return build(db, database.t).execute(values);
      try {
        return await executable(db).execute(values);
      } catch (error) {
        if (!isStaleNamedPlan(error) || db !== database.db) throw error;
        generation += 1;
        built = new WeakMap();
        return executable(db).execute(values);
      }
    },
  };
}

/**
 * Statements for module-level functions that take the database as an argument: the set is
 * made once per database, on first use.
 *
 *   const reads = statementsFor((database) => ({ byId: prepared(database, 'partner_by_id', …) }));
 *   await reads(database).byId.run(db, { id });
 */
export function statementsFor<S>(make: (database: Database) => S): (database: Database) => S {
  const sets = new WeakMap<Database, S>();
  return (database) => {
    let set = sets.get(database);
    if (!set) {
      set = make(database);
      sets.set(database, set);
    }
    return set;
  };
}

/**
 * A read whose shape varies with the filters given (a list with optional filters): one prepared
 * statement per combination in use, keyed by `shape` (e.g. the names of the filters present),
 * built on first use. Keep the number of shapes small and bounded: each is a statement.
 */
export function preparedShapes<V extends Values, R>(database: Database, name: string, build: (shape: string, db: AppDb, t: Tables) => Preparable<R>) {
  const shapes = new Map<string, PreparedStatement<V, R>>();
  return {
    run(db: AppDb, shape: string, values: V): Promise<R> {
      let statement = shapes.get(shape);
      if (!statement) {
        if (!/^[a-z0-9_]*$/.test(shape)) throw new Error(`shape "${shape}" must be lower_snake_case`);
        statement = prepared<V, R>(database, shape ? `${name}__${shape}` : name, (d, t) => build(shape, d, t));
        shapes.set(shape, statement);
      }
      return statement.run(db, values);
    },
  };
}

/**
 * "`column` is one of the list given as `name`", as a fixed-shape condition (an IN list of
 * varying length would be a new statement for every length): SQLite reads the list from a JSON
 * array, Postgres from a text array.
 */
export function inListSlot(database: Database, column: Column, name: string) {
  const list = param(sql.placeholder(name), {
    mapToDriverValue: (value: unknown) => (database.engine === 'sqlite' ? JSON.stringify(value) : value),
  });
  return database.engine === 'sqlite' ? sql`${column} in (select value from json_each(${list}))` : sql`${column} = any(${list}::text[])`;
}

/** The shape of a `preparedShapes` read: which of the optional `keys` have a value, in their given order. */
export function shapeOf<K extends string>(keys: readonly K[], values: Partial<Record<K, unknown>>): string {
  return keys
    .filter((key) => values[key] !== undefined)
    .map((key) => key.toLowerCase())
    .join('_');
}

/** In a shape's builder: whether the optional value `key` is part of `shape` (made by shapeOf). */
export function inShape(shape: string, key: string): boolean {
  return shape.split('_').includes(key.toLowerCase());
}
