import { getTableColumns, getTableName, sql, type Table } from 'drizzle-orm';
import type { AppDb, Database } from './database';

/*
 * Inserting thousands of rows in one transaction (a CSV import): Drizzle's `insert().values()`
 * builds one bound parameter per cell, and building a 500-row statement of the 47-column leads
 * table costs more than the database's work on it (measured: most of an import's write time).
 * Here the rows travel as ONE JSON parameter that the database itself unpacks: SQLite with
 * json_each/json_extract, Postgres with json_populate_recordset. Values are converted the way
 * the schema's columns convert them, so the rows read back exactly as Drizzle-inserted ones.
 */

export async function insertRowsAsJson(database: Database, tx: AppDb, table: Table, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table));
  const name = getTableName(table);
  const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
  if (database.engine === 'sqlite') {
    // Each cell as its driver value (ms for instants, 0/1 for booleans, JSON text for JSON columns).
    const payload = rows.map((row) => Object.fromEntries(columns.map(([key, column]) => [column.name, row[key] === null || row[key] === undefined ? null : column.mapToDriverValue(row[key])])));
    const list = columns.map(([, c]) => quoted(c.name)).join(', ');
    const values = columns.map(([, c]) => `json_extract(value, '$.${quoted(c.name).replace(/'/g, "''")}')`).join(', ');
    const statement = sql`${sql.raw(`insert into ${quoted(name)} (${list}) select ${values} from json_each(`)}${JSON.stringify(payload)}${sql.raw(')')}`;
    await (tx as unknown as { run(query: typeof statement): Promise<unknown> }).run(statement);
    return;
  }
  // Postgres and PGlite: JSON values as they are (objects for jsonb, ISO text for timestamps).
  const payload = rows.map((row) => Object.fromEntries(columns.map(([key, column]) => [column.name, toJsonValue(row[key])])));
  const list = columns.map(([, c]) => quoted(c.name)).join(', ');
  const statement = sql`${sql.raw(`insert into ${quoted(name)} (${list}) select ${list} from json_populate_recordset(null::${quoted(name)}, `)}${JSON.stringify(payload)}${sql.raw('::json)')}`;
  await tx.execute(statement);
}

function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return value;
}
