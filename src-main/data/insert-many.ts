import type BetterSqlite3 from 'better-sqlite3';
import { getTableColumns, getTableName, sql, type Table } from 'drizzle-orm';
import type { AppDb, Database } from './database';

/*
 * Inserting thousands of rows in one transaction (a CSV import). Drizzle's `insert().values()`
 * builds one bound parameter per cell, and building a 500-row statement of the 47-column leads
 * table cost more than the database's work on it. Instead:
 * - SQLite: one prepared INSERT run per row on the transaction's own connection (better-sqlite3
 *   runs it synchronously, in about 17 µs before index upkeep); the statement is prepared once
 *   per table and connection.
 * - Postgres: the rows travel as ONE JSON parameter that the server unpacks with
 *   json_populate_recordset: one round trip per chunk instead of one per row.
 * Values are converted the way the schema's columns convert them, so the rows read back exactly
 * as Drizzle-inserted ones (tests/services/insert-many.test.ts).
 */

const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

const prepared = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

export async function insertMany(database: Database, tx: AppDb, table: Table, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table));
  const name = getTableName(table);
  const list = columns.map(([, c]) => quoted(c.name)).join(', ');
  if (database.engine === 'sqlite') {
    // Drizzle's better-sqlite3 database exposes its connection; inside `write` it is the writer, in its open transaction.
    const client = (tx as unknown as { $client: BetterSqlite3.Database }).$client;
    let statements = prepared.get(client);
    if (!statements) prepared.set(client, (statements = new Map()));
    let insert = statements.get(name);
    if (!insert) {
      insert = client.prepare(`insert into ${quoted(name)} (${list}) values (${columns.map(() => '?').join(', ')})`);
      statements.set(name, insert);
    }
    for (const row of rows) insert.run(columns.map(([key, column]) => (row[key] === null || row[key] === undefined ? null : column.mapToDriverValue(row[key]))));
    return;
  }
  // Postgres and PGlite: JSON values as they are (objects for jsonb, ISO text for timestamps).
  const payload = rows.map((row) => Object.fromEntries(columns.map(([key, column]) => [column.name, toJsonValue(row[key])])));
  const statement = sql`${sql.raw(`insert into ${quoted(name)} (${list}) select ${list} from json_populate_recordset(null::${quoted(name)}, `)}${JSON.stringify(payload)}${sql.raw('::json)')}`;
  await tx.execute(statement);
}

function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return value;
}
