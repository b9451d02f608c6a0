import type BetterSqlite3 from 'better-sqlite3';
import { getTableColumns, getTableName, type Column, type Table } from 'drizzle-orm';
import type { Database } from '../src-main/data/database';
import { schema as pgSchema } from '../src-main/data/schema/pg';
import { schema as sqliteSchema } from '../src-main/data/schema/sqlite';

/*
 * Bulk inserts of rows of the app's own types (`$inferInsert` of a table), encoded by the
 * schema kits themselves: each value goes through its column's `mapToDriverValue`, the same
 * call Drizzle makes on a normal insert (SQLite: epoch ms, 0/1, JSON text; Postgres: ISO
 * timestamps, JSON text), and an omitted value takes the column's schema default. So a loader
 * never encodes a value by hand, and a column added or changed in the schema is picked up.
 * What is NOT Drizzle is the statement shape, chosen for speed: one prepared single-row
 * statement per row on SQLite, one `unnest` of per-column arrays per chunk on Postgres.
 */

export type TableKey = keyof typeof pgSchema;
export type RowOf<K extends TableKey> = (typeof pgSchema)[K]['$inferInsert'];

/** The SQL name of a table, e.g. partnerDocuments → partner_documents. */
export const tableNameOf = (key: TableKey): string => getTableName(pgSchema[key] as unknown as Table);

interface ColumnPlan {
  key: string;
  name: string;
  /** The Postgres type of the column (for the unnest array casts). */
  pgType: string;
  encode(value: unknown): unknown;
}

function columnPlans(table: Table): ColumnPlan[] {
  return Object.entries(getTableColumns(table) as Record<string, Column>).map(([key, column]) => ({
    key,
    name: column.name,
    pgType: column.getSQLType(),
    encode(value: unknown) {
      const given = value === undefined && column.hasDefault ? column.default : value;
      return given === null || given === undefined ? null : column.mapToDriverValue(given);
    },
  }));
}

/** SQLite: a raw better-sqlite3 connection (the bench loads the file before the app opens it). */
export function sqliteBulk<K extends TableKey>(conn: BetterSqlite3.Database, key: K) {
  const table = sqliteSchema[key] as unknown as Table;
  const columns = columnPlans(table);
  const statement = conn.prepare(`INSERT INTO ${getTableName(table)} (${columns.map((c) => c.name).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const insertAll = conn.transaction((rows: readonly RowOf<K>[]) => {
    for (const row of rows) statement.run(columns.map((c) => c.encode((row as Record<string, unknown>)[c.key])));
  });
  /** Inserts `rows` in one transaction. */
  return (rows: readonly RowOf<K>[]): void => insertAll(rows);
}

/** The array type each column travels as: jsonb as text (cast back in the select list), timestamps as timestamptz. */
const arrayType = (c: ColumnPlan) => (c.pgType === 'jsonb' ? 'text' : c.pgType.startsWith('timestamp') ? 'timestamptz' : c.pgType);

/**
 * Postgres and PGlite, through `database.raw`: one statement per `rowsPerStatement` rows, one
 * array parameter per column spread back into rows by unnest (no 65,535-parameter limit).
 * Returns one promise per call; the caller decides how many run at once.
 */
export function postgresBulk<K extends TableKey>(database: Database, key: K, rowsPerStatement = 2_000) {
  const table = pgSchema[key] as unknown as Table;
  const columns = columnPlans(table);
  const names = columns.map((c) => c.name).join(', ');
  const text = `INSERT INTO ${getTableName(table)} (${names})
SELECT ${columns.map((c) => (c.pgType === 'jsonb' ? `${c.name}::jsonb` : c.name)).join(', ')}
FROM unnest(${columns.map((c, i) => `$${i + 1}::${arrayType(c)}[]`).join(', ')}) AS t(${names})`;
  return async (rows: readonly RowOf<K>[]): Promise<void> => {
    for (let start = 0; start < rows.length; start += rowsPerStatement) {
      const chunk = rows.slice(start, start + rowsPerStatement) as readonly Record<string, unknown>[];
      await database.raw(
        text,
        columns.map((c) => chunk.map((row) => c.encode(row[c.key]))),
      );
    }
  };
}
