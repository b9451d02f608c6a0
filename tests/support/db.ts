import { asc, eq, getTableName, is, sql, Table } from 'drizzle-orm';
import type { Database } from '../../src-main/data/database';

/** Every table of the schema, by its SQL name (new tables are picked up automatically). */
export function schemaTables(database: Database): { name: string; table: Table }[] {
  return Object.values(database.t as Record<string, unknown>)
    .filter((value): value is Table => is(value, Table))
    .map((table) => ({ name: getTableName(table), table }));
}

/** Row count of every table, by SQL name. */
export async function countRows(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { name, table } of schemaTables(database)) {
    const [row] = await database.db.select({ n: sql<number>`count(*)` }).from(table);
    counts[name] = Number(row?.n ?? 0);
  }
  return counts;
}

/**
 * The full content of every table, rows in a stable order: comparing two snapshots proves that
 * nothing was inserted, updated or deleted in between (row counts alone miss updates).
 */
export async function snapshot(database: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const { name, table } of schemaTables(database)) {
    const rows = await database.db.select().from(table);
    out[name] = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).sort();
  }
  return out;
}

/** A workspace's audit trail straight from the table, oldest first. */
export async function activityRows(database: Database, tenantId: string) {
  const { activity } = database.t;
  return database.db.select().from(activity).where(eq(activity.tenantId, tenantId)).orderBy(asc(activity.seq));
}

/**
 * Counts the statements the app executes on its read handle from now on, at the driver (prepared
 * statements are built once, so counting query-builder calls would see none): better-sqlite3's
 * statement runs on SQLite, the client's query calls on PGlite and Postgres.
 */
export function countReads(database: Database): { count(): number; restore(): void } {
  const client = (database.db as unknown as { $client: Record<string, unknown> }).$client;
  let n = 0;
  const restores: (() => void)[] = [];
  const wrap = (target: Record<string, unknown>, method: string) => {
    const original = target[method] as (...args: unknown[]) => unknown;
    target[method] = function (this: unknown, ...args: unknown[]) {
      n += 1;
      return original.apply(this, args);
    };
    restores.push(() => {
      target[method] = original;
    });
  };
  if (database.engine === 'sqlite') {
    const prototype = Object.getPrototypeOf((client.prepare as (sql: string) => object).call(client, 'select 1')) as Record<string, unknown>;
    for (const method of ['all', 'get', 'run', 'iterate']) wrap(prototype, method);
  } else {
    wrap(client, 'query');
  }
  return { count: () => n, restore: () => restores.forEach((restore) => restore()) };
}
