import BetterSqlite3 from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { migrateSqlite } from '../src-main/data/migrate';
import type { Database } from '../src-main/data/database';
import { schema as pgSchema } from '../src-main/data/schema/pg';
import { activityBatches, type ActivityRow, type DatasetPlan } from './dataset';
import { note, progress } from './progress';

/** What audit.record() maintains row by row (filter facets, the head's last time), derived once after a bulk load. */
const FACET_AND_HEAD_BACKFILL = [
  `INSERT INTO activity_facets (tenant_id, kind, value, label) SELECT DISTINCT tenant_id, 'action', action, action FROM activity WHERE tenant_id = $1`,
  `INSERT INTO activity_facets (tenant_id, kind, value, label) SELECT tenant_id, CASE WHEN actor_type = 'staff' THEN 'actor' ELSE 'actor:' || actor_type END, actor_id, coalesce(max(actor_name), actor_id) FROM activity WHERE tenant_id = $1 AND actor_id IS NOT NULL GROUP BY tenant_id, actor_type, actor_id`,
  `UPDATE audit_heads SET last_at = (SELECT max(at) FROM activity WHERE activity.tenant_id = audit_heads.tenant_id) WHERE tenant_id = $1`,
];

/**
 * Bulk loaders: they write the dataset planned in ./dataset.ts straight into the tables, much
 * faster than going through the services (which would hash a password and append one audit row
 * per call). What they write is exactly what the services would read back: same columns, same
 * value encodings (SQLite: epoch ms integers and JSON text; Postgres: timestamptz and jsonb).
 */

export interface LoadReport {
  activityRows: number;
  /** Rows per partner-side table (partners, partner_documents, partner_users). */
  partnerRows: Record<string, number>;
  ms: number;
}

// ---------------------------------------------------------------------------------------------
// The partner tables: rows of the app's own types, columns and value encodings read from the
// schema (Drizzle's column metadata), so both loaders write what Drizzle would have written.

interface ColumnSpec {
  /** Property of the row object (camelCase). */
  key: string;
  /** Column in the database (snake_case). */
  name: string;
  /** The Postgres type: decides the encoding on both engines. */
  sqlType: string;
}

interface TableLoad {
  table: string;
  columns: ColumnSpec[];
  rows: readonly Record<string, unknown>[];
}

function columnsOf(table: PgTable): ColumnSpec[] {
  return Object.entries(getTableColumns(table)).map(([key, column]) => ({ key, name: column.name, sqlType: column.getSQLType() }));
}

/** In foreign-key order. Portal users without an invite get the shared password hash (see PartnerUserRow). */
function partnerTables(plan: DatasetPlan, passwordHash: string): TableLoad[] {
  const { partners, documents, users } = plan.partnerData;
  return [
    { table: 'partners', columns: columnsOf(pgSchema.partners), rows: partners },
    { table: 'partner_documents', columns: columnsOf(pgSchema.partnerDocuments), rows: documents },
    {
      table: 'partner_users',
      columns: columnsOf(pgSchema.partnerUsers),
      rows: users.map((u) => (u.inviteTokenHash === null ? { ...u, passwordHash } : u)),
    },
  ];
}

const isJson = (c: ColumnSpec) => c.sqlType === 'jsonb';
const isTime = (c: ColumnSpec) => c.sqlType.startsWith('timestamp');

/** SQLite, as the app's sqlite kit stores values: epoch ms, 0/1, JSON text. */
function sqliteValue(c: ColumnSpec, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return isJson(c) ? JSON.stringify(value) : value;
}

/** Postgres: ISO timestamps, JSON text cast to jsonb by the statement. */
function pgValue(c: ColumnSpec, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return isJson(c) ? JSON.stringify(value) : value;
}

function partnerCounts(tables: TableLoad[]): Record<string, number> {
  return Object.fromEntries(tables.map((t) => [t.table, t.rows.length]));
}

const ACTIVITY_COLUMNS = [
  'id',
  'tenant_id',
  'seq',
  'at',
  'actor_type',
  'actor_id',
  'actor_name',
  'action',
  'resource_type',
  'resource_id',
  'details',
  'prev_hash',
  'hash',
] as const;

// ---------------------------------------------------------------------------------------------
// SQLite

const SQLITE_ROWS_PER_TRANSACTION = 50_000;

function sqliteActivityValues(row: ActivityRow): unknown[] {
  return [
    row.id,
    row.tenantId,
    row.seq,
    row.at.getTime(),
    row.actorType,
    row.actorId,
    row.actorName,
    row.action,
    row.resourceType,
    row.resourceId,
    JSON.stringify(row.details),
    row.prevHash,
    row.hash,
  ];
}

/**
 * SQLite: a raw better-sqlite3 connection on the database file BEFORE the app opens it. It
 * applies the app's migrations, then inserts with one prepared single-row statement (faster
 * here than 100-row statements, which spend their gain building parameter arrays), committing
 * every 50,000 rows, with synchronous=OFF and a large page cache for the load only (the app
 * reopens the file with its own pragmas). The indexes stay in place while loading: dropping and
 * recreating them saved only ~10% at 1M rows and would put the schema at risk. The app then opens the file as
 * in production (openSqlite), finds its migrations applied, and sees the data.
 */
export async function loadSqlite(file: string, plan: DatasetPlan, passwordHash: string, label: string): Promise<LoadReport> {
  const conn = new BetterSqlite3(file);
  try {
    conn.pragma('journal_mode = WAL');
    migrateSqlite(conn);
    conn.pragma('synchronous = OFF');
    conn.pragma('cache_size = -262144'); // 256 MiB: the indexes of a 1M-row trail stay in memory while loading
    conn.pragma('temp_store = MEMORY');

    const { tenant, staff } = plan.facts;
    conn.transaction(() => {
      conn
        .prepare('INSERT INTO tenants (id, name, currency, settings, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(tenant.id, tenant.name, tenant.currency, JSON.stringify(tenant.settings), tenant.createdAt.getTime());
      const user = conn.prepare('INSERT INTO staff_users (id, email, name, password_hash, failed_sign_ins, created_at) VALUES (?, ?, ?, ?, 0, ?)');
      const member = conn.prepare('INSERT INTO memberships (tenant_id, user_id, role, created_at) VALUES (?, ?, ?, ?)');
      for (const s of staff) {
        user.run(s.id, s.email, s.name, passwordHash, s.createdAt.getTime());
        member.run(tenant.id, s.id, s.role, s.createdAt.getTime());
      }
    })();

    const partnerLoads = partnerTables(plan, passwordHash);
    const partnersStarted = performance.now();
    for (const load of partnerLoads) {
      const statement = conn.prepare(`INSERT INTO ${load.table} (${load.columns.map((c) => c.name).join(', ')}) VALUES (${load.columns.map(() => '?').join(', ')})`);
      conn.transaction(() => {
        for (const row of load.rows) statement.run(load.columns.map((c) => sqliteValue(c, row[c.key])));
      })();
    }
    note(`[${label}] partners: ${describeCounts(partnerLoads)} in ${((performance.now() - partnersStarted) / 1000).toFixed(1)}s`);

    const insert = conn.prepare(`INSERT INTO activity (${ACTIVITY_COLUMNS.join(', ')}) VALUES (${ACTIVITY_COLUMNS.map(() => '?').join(', ')})`);
    const insertBatch = conn.transaction((rows: ActivityRow[]) => {
      for (const row of rows) insert.run(sqliteActivityValues(row));
    });

    const bar = progress(`[${label}] activity`, plan.facts.activityRows);
    const batches = activityBatches(plan, SQLITE_ROWS_PER_TRANSACTION);
    for (;;) {
      const next = batches.next();
      if (next.done) {
        conn.prepare('INSERT INTO audit_heads (tenant_id, seq, hash) VALUES (?, ?, ?)').run(tenant.id, next.value.seq, next.value.hash);
        for (const statement of FACET_AND_HEAD_BACKFILL) conn.prepare(statement.replaceAll('$1', '?')).run(tenant.id);
        break;
      }
      insertBatch(next.value);
      bar.add(next.value.length);
      await new Promise((resolve) => setImmediate(resolve)); // let Ctrl-C and timers through between transactions
    }
    const ms = bar.finish();
    conn.pragma('wal_checkpoint(TRUNCATE)');
    return { activityRows: plan.facts.activityRows, partnerRows: partnerCounts(partnerLoads), ms };
  } finally {
    conn.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Postgres and PGlite

const PG_ROWS_PER_STATEMENT = 5_000;
/** Two statements on two pooled connections: ~40% faster than one; three gained nothing on 2 cores. */
const PG_STATEMENTS_IN_FLIGHT = 2;

/** One statement per 5,000 rows: one array parameter per column, spread back into rows by unnest. */
const PG_ACTIVITY_INSERT = `INSERT INTO activity (${ACTIVITY_COLUMNS.join(', ')})
SELECT id, tenant_id, seq, at, actor_type, actor_id, actor_name, action, resource_type, resource_id, details::jsonb, prev_hash, hash
FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
  AS t(id, tenant_id, seq, at, actor_type, actor_id, actor_name, action, resource_type, resource_id, details, prev_hash, hash)`;

function pgActivityColumns(rows: ActivityRow[]): unknown[][] {
  const cols: unknown[][] = ACTIVITY_COLUMNS.map(() => new Array<unknown>(rows.length));
  rows.forEach((row, i) => {
    const values = [
      row.id,
      row.tenantId,
      row.seq,
      row.at.toISOString(),
      row.actorType,
      row.actorId,
      row.actorName,
      row.action,
      row.resourceType,
      row.resourceId,
      JSON.stringify(row.details),
      row.prevHash,
      row.hash,
    ];
    values.forEach((v, c) => {
      (cols[c] as unknown[])[i] = v;
    });
  });
  return cols;
}

/**
 * Postgres (and PGlite): through `database.raw` on the freshly migrated schema, before the app
 * is built on it. Each statement inserts 5,000 rows via unnest (one array parameter per column,
 * no 65,535-parameter limit), with up to two statements in flight on the pool while Node
 * hashes the next batch, so generating overlaps with inserting. (On PGlite, which has one
 * connection, the statements simply queue.) ANALYZE at the end stands in for
 * autovacuum, which would do the same within a minute of such a load in production.
 */
export async function loadPostgres(database: Database, plan: DatasetPlan, passwordHash: string, label: string): Promise<LoadReport> {
  const { tenant, staff } = plan.facts;
  await database.raw('INSERT INTO tenants (id, name, currency, settings, created_at) VALUES ($1, $2, $3, $4::jsonb, $5::timestamptz)', [
    tenant.id,
    tenant.name,
    tenant.currency,
    JSON.stringify(tenant.settings),
    tenant.createdAt.toISOString(),
  ]);
  await database.raw(
    `INSERT INTO staff_users (id, email, name, password_hash, failed_sign_ins, created_at)
     SELECT id, email, name, $4, 0, created_at FROM unnest($1::text[], $2::text[], $3::text[], $5::timestamptz[]) AS t(id, email, name, created_at)`,
    [staff.map((s) => s.id), staff.map((s) => s.email), staff.map((s) => s.name), passwordHash, staff.map((s) => s.createdAt.toISOString())],
  );
  await database.raw(
    `INSERT INTO memberships (tenant_id, user_id, role, created_at)
     SELECT $1, user_id, role, created_at FROM unnest($2::text[], $3::text[], $4::timestamptz[]) AS t(user_id, role, created_at)`,
    [tenant.id, staff.map((s) => s.id), staff.map((s) => s.role), staff.map((s) => s.createdAt.toISOString())],
  );

  const partnerLoads = partnerTables(plan, passwordHash);
  const partnersStarted = performance.now();
  for (const load of partnerLoads) await insertPg(database, load);
  note(`[${label}] partners: ${describeCounts(partnerLoads)} in ${((performance.now() - partnersStarted) / 1000).toFixed(1)}s`);

  const bar = progress(`[${label}] activity`, plan.facts.activityRows);
  const batches = activityBatches(plan, PG_ROWS_PER_STATEMENT);
  const inFlight = new Set<Promise<void>>();
  for (;;) {
    const next = batches.next();
    if (next.done) {
      await Promise.all(inFlight);
      await database.raw('INSERT INTO audit_heads (tenant_id, seq, hash) VALUES ($1, $2, $3)', [tenant.id, next.value.seq, next.value.hash]);
      for (const statement of FACET_AND_HEAD_BACKFILL) await database.raw(statement, [tenant.id]);
      break;
    }
    const rows = next.value;
    const insert: Promise<void> = database.raw(PG_ACTIVITY_INSERT, pgActivityColumns(rows)).then(() => {
      inFlight.delete(insert);
      bar.add(rows.length);
    });
    inFlight.add(insert);
    if (inFlight.size >= PG_STATEMENTS_IN_FLIGHT) await Promise.race(inFlight);
  }
  const ms = bar.finish();
  await database.raw('ANALYZE');
  return { activityRows: plan.facts.activityRows, partnerRows: partnerCounts(partnerLoads), ms };
}

const PG_PARTNER_ROWS_PER_STATEMENT = 2_000;

/** The array type each column travels as (jsonb as text, cast back in the select list). */
const pgArrayType = (c: ColumnSpec) => (isJson(c) ? 'text' : isTime(c) ? 'timestamptz' : c.sqlType);

/** Same shape as the activity insert: one array parameter per column, unnest back into rows. */
async function insertPg(database: Database, load: TableLoad): Promise<void> {
  const { columns } = load;
  const sql = `INSERT INTO ${load.table} (${columns.map((c) => c.name).join(', ')})
SELECT ${columns.map((c) => (isJson(c) ? `${c.name}::jsonb` : c.name)).join(', ')}
FROM unnest(${columns.map((c, i) => `$${i + 1}::${pgArrayType(c)}[]`).join(', ')}) AS t(${columns.map((c) => c.name).join(', ')})`;
  for (let start = 0; start < load.rows.length; start += PG_PARTNER_ROWS_PER_STATEMENT) {
    const rows = load.rows.slice(start, start + PG_PARTNER_ROWS_PER_STATEMENT);
    await database.raw(
      sql,
      columns.map((c) => rows.map((row) => pgValue(c, row[c.key]))),
    );
  }
}

function describeCounts(tables: TableLoad[]): string {
  return tables.map((t) => `${t.rows.length.toLocaleString('en-US')} ${t.table}`).join(', ');
}
