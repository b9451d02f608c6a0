import BetterSqlite3 from 'better-sqlite3';
import { migrateSqlite } from '../src-main/data/migrate';
import type { Database } from '../src-main/data/database';
import { facetsOf } from '../src-main/services/activity/audit';
import { postgresBulk, sqliteBulk, tableNameOf, type RowOf, type TableKey } from './bulk-insert';
import { activityBatches, type ActivityRow, type DatasetPlan } from './dataset';
import { leadBatches } from './leads';
import { note, progress } from './progress';

/**
 * Bulk loaders: they write the dataset planned in ./dataset.ts straight into the tables, much
 * faster than going through the services (which would hash a password and append one audit row
 * per call). Values are encoded by the schema kits (./bulk-insert.ts), and what the services
 * maintain row by row is derived with the services' own functions: the filter facets with
 * `facetsOf`, the audit head (seq, hash, last time) from the chain as generated.
 */

export interface LoadReport {
  activityRows: number;
  leadRows: number;
  /** Generating and loading the leads (and lead_counts), included in `ms`. */
  leadMs: number;
  /** Rows per partner-side table (partners, partner_documents, partner_users). */
  partnerRows: Record<string, number>;
  ms: number;
}

interface TableLoad<K extends TableKey = TableKey> {
  key: K;
  rows: readonly RowOf<K>[];
}

/** Checks `rows` against the table named by `key` (a TableLoad of the union alone would accept any table's rows). */
const rowsFor = <K extends TableKey>(key: K, rows: readonly RowOf<K>[]): TableLoad => ({ key, rows }) as TableLoad;

/** The workspace and its staff, in foreign-key order. */
function foundationTables(plan: DatasetPlan, passwordHash: string): TableLoad[] {
  const { tenant, staff } = plan.facts;
  return [
    rowsFor('tenants', [tenant]),
    rowsFor('staffUsers', staff.map((s) => ({ id: s.id, email: s.email, name: s.name, passwordHash, createdAt: s.createdAt }))),
    rowsFor('memberships', staff.map((s) => ({ tenantId: tenant.id, userId: s.id, role: s.role, createdAt: s.createdAt, acceptedAt: s.createdAt, roleSince: s.createdAt }))),
  ];
}

/** In foreign-key order. Portal users without an invite get the shared password hash (see PartnerUserRow). */
function partnerTables(plan: DatasetPlan, passwordHash: string): TableLoad[] {
  const { partners, documents, users } = plan.partnerData;
  return [
    rowsFor('partners', partners),
    rowsFor('partnerDocuments', documents),
    rowsFor('partnerUsers', users.map((u) => (u.inviteTokenHash === null ? { ...u, passwordHash } : u))),
  ];
}

/** What audit.record() maintains beside each row: the trail's facets and its head. */
class TrailFollower {
  private readonly facets = new Map<string, RowOf<'activityFacets'>>();
  private last: ActivityRow | undefined;

  add(rows: readonly ActivityRow[]): void {
    for (const row of rows) {
      for (const facet of facetsOf({ tenantId: row.tenantId, action: row.action, actor: { type: row.actorType, id: row.actorId, name: row.actorName } })) {
        const key = `${facet.tenantId}\u0000${facet.kind}\u0000${facet.value}`;
        if (!this.facets.has(key)) this.facets.set(key, facet);
      }
      this.last = row;
    }
  }

  finish(tenantId: string, end: { seq: number; hash: string }): TableLoad[] {
    return [
      rowsFor('auditHeads', [{ tenantId, seq: end.seq, hash: end.hash, lastAt: this.last?.at ?? null }]),
      rowsFor('activityFacets', [...this.facets.values()]),
    ];
  }
}

const countsOf = (tables: TableLoad[]) => Object.fromEntries(tables.map((t) => [tableNameOf(t.key), t.rows.length]));
const describeCounts = (tables: TableLoad[]) => tables.map((t) => `${t.rows.length.toLocaleString('en-US')} ${tableNameOf(t.key)}`).join(', ');

// ---------------------------------------------------------------------------------------------
// SQLite

const SQLITE_ROWS_PER_TRANSACTION = 50_000;

/**
 * What the partners' triggers maintain row by row (drizzle/sqlite/0007_partner_list.sql): the
 * FTS5 index of search_text and the partner_counts counters. Per row they cost 7 of every 10
 * seconds of the partner load (30,000 partners: 11 s of CPU with them, 2.3 s without them and
 * rebuilt once after), which at 100,000 partners was minutes. So the loader drops these
 * triggers, inserts, rebuilds both once, and recreates the triggers from the very SQL it read
 * from sqlite_master: the schema the app opens is the migrated one. Triggers of other names
 * stay in place (a new one keeps working, only slower); a missing one fails the load, so a
 * renamed trigger cannot leave its data unbuilt.
 */
const SUSPENDED_PARTNER_TRIGGERS = ['partners_fts_insert', 'partners_fts_update', 'partners_fts_delete', 'partner_counts_insert', 'partner_counts_update', 'partner_counts_delete'];

function withPartnerTriggersSuspended(conn: BetterSqlite3.Database, load: () => void): void {
  const triggers = conn
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'partners' AND name IN (${SUSPENDED_PARTNER_TRIGGERS.map(() => '?').join(', ')})`)
    .all(...SUSPENDED_PARTNER_TRIGGERS) as { name: string; sql: string }[];
  const missing = SUSPENDED_PARTNER_TRIGGERS.filter((name) => !triggers.some((t) => t.name === name));
  if (missing.length) throw new Error(`bench/load.ts: the partners triggers ${missing.join(', ')} are gone; update SUSPENDED_PARTNER_TRIGGERS and what the loader rebuilds`);
  conn.transaction(() => {
    for (const t of triggers) conn.exec(`DROP TRIGGER ${t.name}`);
  })();
  load();
  conn.transaction(() => {
    // As the migration builds both from existing partners.
    conn.exec("INSERT INTO partners_fts (partners_fts) VALUES ('rebuild')");
    conn.exec('DELETE FROM partner_counts');
    conn.exec(`INSERT INTO partner_counts (tenant_id, type, status, tier, kyc_status, total)
      SELECT tenant_id, type, status, tier, kyc_status, count(*) FROM partners WHERE deleted_at IS NULL
      GROUP BY tenant_id, type, status, tier, kyc_status`);
    for (const t of triggers) conn.exec(t.sql);
  })();
  const restored = conn.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'partners'").get() as { n: number };
  if (restored.n < triggers.length) throw new Error('bench/load.ts: the partners triggers were not all recreated');
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
export async function loadSqlite(file: string, plan: DatasetPlan, passwordHash: string, label: string, auditKey: Buffer): Promise<LoadReport> {
  const conn = new BetterSqlite3(file);
  try {
    conn.pragma('journal_mode = WAL');
    migrateSqlite(conn);
    conn.pragma('synchronous = OFF');
    // 1 GiB, for the load only: the leads' twelve indexes, four of them on random keys (email, phone, domain,
    // idempotency), outgrow 256 MiB at 1M rows, and the load rate then halved as inserts started missing the cache.
    conn.pragma('cache_size = -1048576');
    conn.pragma('temp_store = MEMORY');
    const load = (t: TableLoad) => sqliteBulk(conn, t.key)(t.rows);
    const started = performance.now();

    for (const t of foundationTables(plan, passwordHash)) load(t);
    const partnerLoads = partnerTables(plan, passwordHash);
    const partnersStarted = performance.now();
    withPartnerTriggersSuspended(conn, () => {
      for (const t of partnerLoads) load(t);
    });
    note(`[${label}] partners: ${describeCounts(partnerLoads)} in ${((performance.now() - partnersStarted) / 1000).toFixed(1)}s`);

    const insertActivity = sqliteBulk(conn, 'activity');
    const trail = new TrailFollower();
    const bar = progress(`[${label}] activity`, plan.facts.activityRows);
    const batches = activityBatches(plan, SQLITE_ROWS_PER_TRANSACTION, auditKey);
    for (;;) {
      const next = batches.next();
      if (next.done) {
        for (const t of trail.finish(plan.facts.tenant.id, next.value)) load(t);
        break;
      }
      insertActivity(next.value);
      trail.add(next.value);
      bar.add(next.value.length);
      await new Promise((resolve) => setImmediate(resolve)); // let Ctrl-C and timers through between transactions
    }
    bar.finish();

    const insertLeads = sqliteBulk(conn, 'leads');
    const leadBar = progress(`[${label}] leads`, plan.facts.leads.total);
    const leads = leadBatches(plan.leadPlan, plan.facts.leads, SQLITE_ROWS_PER_TRANSACTION);
    for (;;) {
      const next = leads.next();
      if (next.done) {
        load(rowsFor('leadCounts', next.value));
        break;
      }
      insertLeads(next.value);
      leadBar.add(next.value.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const leadMs = leadBar.finish();
    conn.pragma('wal_checkpoint(TRUNCATE)');
    return { activityRows: plan.facts.activityRows, leadRows: plan.facts.leads.total, leadMs, partnerRows: countsOf(partnerLoads), ms: performance.now() - started };
  } finally {
    conn.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Postgres and PGlite

const PG_ROWS_PER_STATEMENT = 5_000;
/** Two statements on two pooled connections: ~40% faster than one; three gained nothing on 2 cores. */
const PG_STATEMENTS_IN_FLIGHT = 2;

/**
 * Postgres (and PGlite): through `database.raw` on the freshly migrated schema, before the app
 * is built on it. Each statement inserts up to 5,000 rows via unnest, with up to two
 * statements in flight on the pool while Node hashes the next batch, so generating overlaps
 * with inserting. (On PGlite, which has one connection, the statements simply queue.) ANALYZE
 * at the end stands in for autovacuum, which would do the same within a minute of such a load
 * in production.
 */
export async function loadPostgres(database: Database, plan: DatasetPlan, passwordHash: string, label: string, auditKey: Buffer): Promise<LoadReport> {
  const load = (t: TableLoad) => postgresBulk(database, t.key)(t.rows);
  const started = performance.now();
  for (const t of foundationTables(plan, passwordHash)) await load(t);

  const partnerLoads = partnerTables(plan, passwordHash);
  const partnersStarted = performance.now();
  for (const t of partnerLoads) await load(t);
  note(`[${label}] partners: ${describeCounts(partnerLoads)} in ${((performance.now() - partnersStarted) / 1000).toFixed(1)}s`);

  const insertActivity = postgresBulk(database, 'activity', PG_ROWS_PER_STATEMENT);
  const trail = new TrailFollower();
  const bar = progress(`[${label}] activity`, plan.facts.activityRows);
  const batches = activityBatches(plan, PG_ROWS_PER_STATEMENT, auditKey);
  const inFlight = new Set<Promise<void>>();
  for (;;) {
    const next = batches.next();
    if (next.done) {
      await Promise.all(inFlight);
      for (const t of trail.finish(plan.facts.tenant.id, next.value)) await load(t);
      break;
    }
    const rows = next.value;
    trail.add(rows);
    const insert: Promise<void> = insertActivity(rows).then(() => {
      inFlight.delete(insert);
      bar.add(rows.length);
    });
    inFlight.add(insert);
    if (inFlight.size >= PG_STATEMENTS_IN_FLIGHT) await Promise.race(inFlight);
  }
  bar.finish();

  const insertLeads = postgresBulk(database, 'leads', PG_ROWS_PER_STATEMENT);
  const leadBar = progress(`[${label}] leads`, plan.facts.leads.total);
  const leads = leadBatches(plan.leadPlan, plan.facts.leads, PG_ROWS_PER_STATEMENT);
  for (;;) {
    const next = leads.next();
    if (next.done) {
      await Promise.all(inFlight);
      await load(rowsFor('leadCounts', next.value));
      break;
    }
    const rows = next.value;
    const insert: Promise<void> = insertLeads(rows).then(() => {
      inFlight.delete(insert);
      leadBar.add(rows.length);
    });
    inFlight.add(insert);
    if (inFlight.size >= PG_STATEMENTS_IN_FLIGHT) await Promise.race(inFlight);
  }
  const leadMs = leadBar.finish();
  await database.raw('ANALYZE');
  return { activityRows: plan.facts.activityRows, leadRows: plan.facts.leads.total, leadMs, partnerRows: countsOf(partnerLoads), ms: performance.now() - started };
}
