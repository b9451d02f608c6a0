import type { App } from '../src-main/app';
import type { EngineName } from '../src-main/data/database';
import { escapeLike } from '../src-main/data/text-search';
import { hashToken } from '../src-main/services/auth/sessions';
import { SHORT_SEARCH_COUNT_CAP } from '../src-main/services/partners/partner-list';
import type { Input, Output, ProcedureName } from '../src-shared/contract';
import type { PartnerPage } from '../src-shared/contract/partners';
import type { DatasetFacts } from './dataset';
import { QUEUE_PAGE } from './leads';
import { PARTNER_PAGE } from './partners';

/**
 * The operations the bench times. Each is one procedure called through the app's real dispatch
 * (validation, session resolution, role check, handler, service, Drizzle), plus the equivalent
 * raw SQL, prepared once and run on the app's own connections in the same process on the same
 * data (./engines.ts), as a baseline: the gap between the two is what our layers cost on top of
 * the database.
 *
 * To add one, append an `operation({...})` to OPERATIONS; put the ids it needs in DatasetFacts,
 * and its target, if an issue sets one, in ./targets.ts.
 * Operations run in list order on one loaded database; those that change data (approve) come
 * last, so that the reads before them see the dataset as planned.
 */

export interface BenchContext {
  app: App;
  engine: EngineName;
  facts: DatasetFacts;
  /** A session of the workspace admin, signed in through dispatch. */
  token: string;
  raw: RawRunner;
}

/** Where raw baselines run: the app's own connections, except SQLite writes (see engines.ts). */
export interface RawRunner {
  engine: EngineName;
  /** SQLite: the app's reader connection; Postgres: the app's pool (named statements, each SQL text prepared once). */
  read(sqlText: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  /** Postgres: the app's pool; SQLite: a connection of the bench's own on the same file (the app's reader is read-only). */
  write(sqlText: string, params: unknown[]): Promise<Record<string, unknown>[]>;
}

/** A parameter taken from an earlier statement's first row, as a service passes one query's result to the next. */
export class Earlier {
  constructor(
    readonly statement: number,
    readonly column: string,
  ) {}
}

/** Raw SQL with Postgres-style $1… placeholders; `runRaw` rewrites them for SQLite. */
export interface RawQuery {
  sql: string;
  params: unknown[];
  /** Runs through RawRunner.write (an UPDATE … RETURNING, so that the "returns rows" check still holds). */
  write?: boolean;
  /** Exempt from the "every raw statement returns rows" check (e.g. a partner's documents: none before KYC starts). */
  mayBeEmpty?: boolean;
}

export interface Operation {
  name: string;
  procedure: ProcedureName;
  warmup: number;
  iterations: number;
  /**
   * How many distinct indices `call` and `raw` each accept (e.g. approve: one pending partner per
   * call); the runner shrinks the iterations to fit. Index 0 is the check; timed calls use 1….
   */
  capacity?(ctx: BenchContext): number;
  /** Raw statements run concurrently, as the service runs them (Promise.all). */
  rawConcurrent: boolean;
  /** One call through dispatch; rejects when the procedure answers with an error. */
  call(ctx: BenchContext, i: number): Promise<void>;
  /** One untimed call (index 0) whose result is checked (e.g. "a full page of 50"), so we never time an error or an empty page; returns a line for the log. */
  check(ctx: BenchContext): Promise<string | null>;
  /** The equivalent raw SQL, statement by statement (run in sequence, timed together). */
  raw(ctx: BenchContext, i: number): RawQuery[];
}

export interface OperationSpec<N extends ProcedureName> {
  name: string;
  procedure: N;
  /** Timed iterations (before BENCH_ITERATIONS scaling); default 200. */
  iterations?: number;
  /** Untimed warm-up calls; default a tenth of the iterations. */
  warmup?: number;
  input(ctx: BenchContext, i: number): Input<N>;
  /** The session the call runs under; default the admin's. */
  token?(ctx: BenchContext, i: number): string | null;
  /** A description of what is wrong with the output, or null when it is what we mean to measure. */
  expect?(output: Output<N>, ctx: BenchContext): string | null | Promise<string | null>;
  /** A line for the log about the checked output (e.g. the total the filter matched). */
  describe?(output: Output<N>, ctx: BenchContext): string;
  /** Untimed set-up before the check (e.g. walking a cursor to a deep page); may throw BenchSkipped. */
  prepare?(ctx: BenchContext): Promise<void>;
  capacity?(ctx: BenchContext): number;
  /** See Operation.rawConcurrent; default false. */
  rawConcurrent?: boolean;
  raw(ctx: BenchContext, i: number): RawQuery[];
}

export class BenchCallError extends Error {}

/** Thrown by a check when the app does not offer what the operation measures yet (e.g. during a contract change): the runner logs it and goes on. */
export class BenchSkipped extends Error {}

async function dispatchOnce<N extends ProcedureName>(spec: OperationSpec<N>, ctx: BenchContext, i: number): Promise<Output<N>> {
  const token = spec.token ? spec.token(ctx, i) : ctx.token;
  const outcome = await ctx.app.dispatch(spec.procedure, spec.input(ctx, i), { token, clientKey: 'bench' });
  if (!outcome.response.ok) {
    const { code, message } = outcome.response.error;
    throw new BenchCallError(`${spec.name}: ${spec.procedure} answered ${code}: ${message}`);
  }
  return outcome.response.result as Output<N>;
}

/** Erases the procedure's type parameter so that operations of every procedure fit one list. */
export function operation<N extends ProcedureName>(spec: OperationSpec<N>): Operation {
  const iterations = spec.iterations ?? 200;
  return {
    name: spec.name,
    procedure: spec.procedure,
    iterations,
    warmup: spec.warmup ?? Math.max(2, Math.round(iterations / 10)),
    ...(spec.capacity ? { capacity: spec.capacity } : {}),
    rawConcurrent: spec.rawConcurrent ?? false,
    call: async (ctx, i) => {
      await dispatchOnce(spec, ctx, i);
    },
    check: async (ctx) => {
      await spec.prepare?.(ctx);
      const output = await dispatchOnce(spec, ctx, 0);
      const problem = (await spec.expect?.(output, ctx)) ?? null;
      if (problem) throw new BenchCallError(`${spec.name}: ${problem}`);
      return spec.describe?.(output, ctx) ?? null;
    },
    raw: spec.raw,
  };
}

function resolveParams(params: unknown[], results: Record<string, unknown>[][]): unknown[] {
  return params.map((p) => {
    if (!(p instanceof Earlier)) return p;
    const row = results[p.statement]?.[0];
    if (!row || !(p.column in row)) throw new Error(`raw statement #${p.statement + 1} gave no ${p.column} for a later one`);
    return row[p.column];
  });
}

/** Runs raw statements in sequence (or all at once when `concurrent`), with `?` placeholders on SQLite. */
export async function runRaw(runner: RawRunner, queries: RawQuery[], concurrent = false): Promise<Record<string, unknown>[][]> {
  const one = (q: RawQuery, results: Record<string, unknown>[][]) => {
    const resolved = { ...q, params: resolveParams(q.params, results) };
    const { sql, params } = runner.engine === 'sqlite' ? toSqlite(resolved) : resolved;
    return q.write ? runner.write(sql, params) : runner.read(sql, params);
  };
  if (concurrent) return Promise.all(queries.map((q) => one(q, [])));
  const results: Record<string, unknown>[][] = [];
  for (const q of queries) results.push(await one(q, results));
  return results;
}

/** `$n` → `?`, with the parameters reordered (and repeated) to match. */
export function toSqlite(q: RawQuery): RawQuery {
  const params: unknown[] = [];
  const sql = q.sql.replace(/\$(\d+)/g, (_m, n: string) => {
    params.push(q.params[Number(n) - 1]);
    return '?';
  });
  return { sql, params };
}

// ---------------------------------------------------------------------------------------------
// Shared raw statements (mirroring the queries the services issue)

const workspacesOfSql: (userId: string) => RawQuery = (userId) => ({
  sql: `SELECT t.id, t.name, t.currency, m.role FROM memberships m JOIN tenants t ON t.id = m.tenant_id
        WHERE m.user_id = $1 AND m.disabled_at IS NULL AND m.accepted_at IS NOT NULL ORDER BY t.name`,
  params: [userId],
});

const ACTIVITY_PAGE = 50;

function expectPage(page: Output<'activity.list'>, what: (seq: number, action: string) => boolean): string | null {
  if (page.items.length !== ACTIVITY_PAGE) return `expected a full page of ${ACTIVITY_PAGE}, got ${page.items.length}`;
  if (page.nextBeforeSeq === null) return 'expected a next page';
  const wrong = page.items.find((item) => !what(item.seq, item.action));
  return wrong ? `unexpected row seq ${wrong.seq} (${wrong.action})` : null;
}

const deepSeq = (facts: DatasetFacts) => Math.floor(facts.activityRows / 2);

/** A timestamp parameter as each engine's column stores it (SQLite: epoch ms; Postgres: timestamptz). */
const timeParam = (ctx: BenchContext, iso: string): number | string => (ctx.engine === 'sqlite' ? Date.parse(iso) : iso);

// Partners

const partnerFacts = (ctx: BenchContext) => ctx.facts.partners;
const lookupId = (ctx: BenchContext, i: number): string => {
  const ids = partnerFacts(ctx).lookupIds;
  return ids[i % ids.length] as string;
};


const LIVE_PARTNERS = 'tenant_id = $1 AND deleted_at IS NULL';
/** What a list row shows (PartnerSummary; kyc_expires_on for its effective KYC status): the app's list selects these, not `*`. */
const PARTNER_SUMMARY_COLUMNS = 'id, code, type, legal_name, display_name, status, kyc_status, kyc_expires_on, tier, country, contact_email, created_at, updated_at';

/**
 * The list service's two statements (services/partners/partner-list.ts, run with Promise.all):
 * the page, limit + 1 rows (the extra one says whether there is a next page), and the total.
 */
function partnerListSql(ctx: BenchContext, where: string, params: unknown[], orderBy: string, total: RawQuery, columns = PARTNER_SUMMARY_COLUMNS): RawQuery[] {
  const all = [ctx.facts.tenant.id, ...params];
  return [{ sql: `SELECT ${columns} FROM partners WHERE ${where} ORDER BY ${orderBy} LIMIT $${all.length + 1}`, params: [...all, PARTNER_PAGE + 1] }, total];
}

/** Without a text query the total is the sum of the matching partner_counts rows (kept by triggers), not a count of partners. */
const countersSql = (ctx: BenchContext, where = '', params: unknown[] = []): RawQuery => ({
  sql: `SELECT coalesce(sum(total), 0) AS n FROM partner_counts WHERE tenant_id = $1${where}`,
  params: [ctx.facts.tenant.id, ...params],
});

interface ExpectedPage {
  total: number;
  /** False when the list counted only up to its cap (a short search). */
  totalExact?: boolean;
  /** What the raw total statement returns, when not `total` (a capped count returns cap + 1). */
  rawTotal?: number;
  row?: (r: PartnerPage['rows'][number]) => boolean;
}

/**
 * The page has the expected total and size, every row passes `row`, and it is exactly the page
 * the raw baseline returns (same ids, same order, same count): so the baseline really is the
 * equivalent SQL, and collation differences between engines cannot fool the check.
 */
async function expectPartnerPage(page: PartnerPage, ctx: BenchContext, raw: RawQuery[], expected: ExpectedPage): Promise<string | null> {
  const { total, totalExact = true, rawTotal = total, row = () => true } = expected;
  if (page.total !== total || page.totalExact !== totalExact) return `expected a total of ${total} (exact ${totalExact}), got ${page.total} (exact ${page.totalExact})`;
  const size = Math.min(PARTNER_PAGE, total);
  if (page.rows.length !== size) return `expected ${size} rows, got ${page.rows.length}`;
  const wrong = page.rows.find((r) => !row(r));
  if (wrong) return `unexpected row ${wrong.code} (${wrong.status}, ${wrong.tier})`;
  const [rawRows = [], rawCount = []] = await runRaw(ctx.raw, raw);
  const ids = page.rows.map((r) => r.id).join();
  if (rawRows.slice(0, PARTNER_PAGE).map((r) => String(r.id)).join() !== ids) return 'the raw baseline returns other rows or another order';
  if (Number(rawCount[0]?.n) !== rawTotal) return `the raw total is ${String(rawCount[0]?.n)}, not ${rawTotal}`;
  return null;
}

const filteredSql = (ctx: BenchContext) => {
  const { status, tier } = partnerFacts(ctx).filter;
  return partnerListSql(ctx, `${LIVE_PARTNERS} AND status = $2 AND tier = $3`, [status, tier], 'created_at DESC, id DESC', countersSql(ctx, ' AND status = $2 AND tier = $3', [status, tier]));
};

/**
 * A search the index answers, as the service words it (data/text-search.ts): on SQLite the FTS5
 * trigram table as one quoted phrase, on Postgres the LIKE that the pg_trgm GIN index serves;
 * ranked name-first (the text in the legal or display name), then newest; counted exactly.
 */
const searchSql = (ctx: BenchContext): RawQuery[] => {
  const needle = partnerFacts(ctx).search;
  const sqlite = ctx.engine === 'sqlite';
  // On SQLite the tenant term is `+tenant_id` as in the service (data/text-search.ts unindexed): the FTS matches drive the plan, not a tenant index.
  const match = sqlite
    ? `+tenant_id = $1 AND deleted_at IS NULL AND partners.rowid IN (SELECT rowid FROM partners_fts WHERE partners_fts MATCH $2)`
    : `${LIVE_PARTNERS} AND search_text LIKE $2 ESCAPE '\\'`;
  const term = sqlite ? `"${needle.replaceAll('"', '""')}"` : `%${escapeLike(needle)}%`;
  const names = 'substr(search_text, length(code) + 2, length(legal_name) + 1 + length(display_name))';
  const rank = `(CASE WHEN ${sqlite ? `instr(${names}, $3) > 0` : `strpos(${names}, $3) > 0`} THEN 0 ELSE 1 END)`;
  return partnerListSql(ctx, match, [term, needle], `rank ASC, created_at DESC, id DESC`, { sql: `SELECT count(*) AS n FROM partners WHERE ${match}`, params: [ctx.facts.tenant.id, term] }, `${PARTNER_SUMMARY_COLUMNS}, ${rank} AS rank`);
};

/**
 * Two letters have no trigram: the service reads the newest rows through its index and filters
 * them with LIKE until the page is full, and counts only up to SHORT_SEARCH_COUNT_CAP + 1.
 */
const shortSearchSql = (ctx: BenchContext): RawQuery[] => {
  const match = `${LIVE_PARTNERS} AND search_text LIKE $2 ESCAPE '\\'`;
  const term = `%${escapeLike(partnerFacts(ctx).shortSearch)}%`;
  return partnerListSql(ctx, match, [term], 'created_at DESC, id DESC', {
    sql: `SELECT count(*) AS n FROM (SELECT 1 FROM partners WHERE ${match} LIMIT $3) AS m`,
    params: [ctx.facts.tenant.id, term, SHORT_SEARCH_COUNT_CAP + 1],
  });
};

/** Where the deep page starts: found once per engine by walking the list's cursors (untimed), used by every timed call. */
interface DeepPosition {
  cursor: string;
  /** The sort key of the row just before the page (the keyset the cursor stands for). */
  after: { legalName: string; id: string };
}
const deepPositions = new WeakMap<BenchContext, DeepPosition>();
const DEEP_SORT = { field: 'legalName', direction: 'asc' } as const;

function deepPosition(ctx: BenchContext): DeepPosition {
  const position = deepPositions.get(ctx);
  if (!position) throw new Error('partners.list deep page: the cursor was not walked (check runs first)');
  return position;
}

/**
 * Walks `deepOffset` rows into the list by name, page by page through `nextCursor`, as a user
 * scrolling the virtualised table would; checks on the way that no row comes twice.
 */
async function walkToDeepPage(ctx: BenchContext): Promise<DeepPosition> {
  const depth = partnerFacts(ctx).deepOffset;
  const seen = new Set<string>();
  let cursor: string | undefined;
  let last: PartnerPage['rows'][number] | undefined;
  while (seen.size < depth) {
    const outcome = await ctx.app.dispatch('partners.list', { sort: DEEP_SORT, limit: PARTNER_PAGE, ...(cursor ? { cursor } : {}) }, { token: ctx.token, clientKey: 'bench' });
    if (!outcome.response.ok) throw new BenchCallError(`partners.list deep page: walking the cursor: ${outcome.response.error.code}: ${outcome.response.error.message}`);
    const page = outcome.response.result as PartnerPage;
    for (const r of page.rows) {
      if (seen.has(r.id)) throw new BenchCallError(`partners.list deep page: ${r.code} came twice while walking the cursor`);
      seen.add(r.id);
    }
    last = page.rows[page.rows.length - 1];
    if (!page.nextCursor || !last) {
      if (seen.size < depth) throw new BenchSkipped(`partners.list gave no nextCursor after ${seen.size.toLocaleString('en-US')} of ${partnerFacts(ctx).live.toLocaleString('en-US')} rows (keyset pages not served yet?)`);
      break;
    }
    cursor = page.nextCursor;
  }
  if (!cursor || !last) throw new BenchCallError('partners.list deep page: the walk ended before its first cursor');
  return { cursor, after: { legalName: last.legalName, id: last.id } };
}

/** The keyset page the cursor stands for: one range of the (tenant_id, legal_name, id) index over live partners. */
const deepPageSql = (ctx: BenchContext): RawQuery[] => {
  const { after } = deepPosition(ctx);
  // The total is the whole list's, not what follows the cursor.
  return partnerListSql(ctx, `${LIVE_PARTNERS} AND (legal_name, id) > ($2, $3)`, [after.legalName, after.id], 'legal_name ASC, id ASC', countersSql(ctx));
};

/** Approve candidates: the first half of the pending-and-verified partners for dispatch, the second half for the raw UPDATE. */
const approveCapacity = (ctx: BenchContext) => Math.floor(partnerFacts(ctx).approvable.length / 2);
const approveCandidate = (ctx: BenchContext, i: number, side: 'dispatch' | 'raw'): string => {
  const capacity = approveCapacity(ctx);
  if (i >= capacity) throw new Error(`partners.approve: only ${capacity} pending partners with verified KYC per side`);
  return partnerFacts(ctx).approvable[side === 'dispatch' ? i : capacity + i] as string;
};

// Activity

const weekSql = (ctx: BenchContext): RawQuery[] => {
  const { from, to } = ctx.facts.activityWeek;
  const tenant = ctx.facts.tenant.id;
  return [
    { sql: 'SELECT seq FROM activity WHERE tenant_id = $1 AND at >= $2 ORDER BY at ASC, seq ASC LIMIT 1', params: [tenant, timeParam(ctx, from)] },
    { sql: 'SELECT seq FROM activity WHERE tenant_id = $1 AND at <= $2 ORDER BY at DESC, seq DESC LIMIT 1', params: [tenant, timeParam(ctx, to)] },
    {
      sql: 'SELECT * FROM activity WHERE tenant_id = $1 AND seq >= $2 AND seq <= $3 ORDER BY seq DESC LIMIT $4',
      params: [tenant, new Earlier(0, 'seq'), new Earlier(1, 'seq'), ACTIVITY_PAGE + 1],
    },
  ];
};

// Leads

const leadFacts = (ctx: BenchContext) => ctx.facts.leads;
/** As the service's PENDING_SQL: literal statuses, so SQLite sees that the partial queue index applies. */
const PENDING_LEADS = "tenant_id = $1 AND status IN ('submitted', 'under_review') AND deleted_at IS NULL";
const QUEUE_ORDER = 'ORDER BY queue_rank ASC, created_at ASC, id ASC';
/** What a page row shows (summaryColumns in services/leads/lead-rows.ts). */
const SUMMARY_COLUMNS = 'id, partner_id, type, status, contact_name, company, email, country, estimated_value_minor, score, queue_rank, duplicate_flag, created_at, claimed_by, claimed_at, version';

const queueFirstSql = (ctx: BenchContext): RawQuery[] => [
  { sql: `SELECT ${SUMMARY_COLUMNS} FROM leads WHERE ${PENDING_LEADS} ${QUEUE_ORDER} LIMIT $2`, params: [ctx.facts.tenant.id, QUEUE_PAGE + 1] },
];

/** The service's keyset condition: a row value strictly after (rank, at, id), one index range on both engines. */
const queueDeepSql = (ctx: BenchContext): RawQuery[] => {
  const { rank, at, id } = leadFacts(ctx).deep.key;
  return [
    {
      sql: `SELECT ${SUMMARY_COLUMNS} FROM leads WHERE ${PENDING_LEADS} AND (queue_rank, created_at, id) > ($2, $3, $4) ${QUEUE_ORDER} LIMIT $5`,
      params: [ctx.facts.tenant.id, rank, timeParam(ctx, new Date(at).toISOString()), id, QUEUE_PAGE + 1],
    },
  ];
};

/** A full page in queue order, the same ids in the same order as the raw baseline's, and (deep) starting where the dataset says. */
async function expectQueuePage(page: Output<'leads.queue'>, ctx: BenchContext, raw: RawQuery[], firstId?: string): Promise<string | null> {
  if (page.rows.length !== QUEUE_PAGE) return `expected a full page of ${QUEUE_PAGE}, got ${page.rows.length}`;
  if (!page.nextCursor) return 'expected a next page';
  const wrong = page.rows.find((r) => r.status !== 'submitted' && r.status !== 'under_review');
  if (wrong) return `a ${wrong.status} lead in the queue`;
  for (let i = 1; i < page.rows.length; i++) {
    const [a, b] = [page.rows[i - 1], page.rows[i]];
    if (a && b && (a.score < b.score || (a.score === b.score && a.submittedAt > b.submittedAt))) return `rows ${i - 1} and ${i} are out of queue order`;
  }
  if (firstId && page.rows[0]?.id !== firstId) return `the page starts at ${page.rows[0]?.id ?? '-'}, not at the dataset's lead ${firstId}`;
  const [rows = []] = await runRaw(ctx.raw, raw);
  const ids = page.rows.map((r) => r.id).join();
  return rows.slice(0, QUEUE_PAGE).map((r) => String(r.id)).join() === ids ? null : 'the raw baseline returns other rows or another order';
}

/** Approve candidates: submitted leads at version 0, the first half for dispatch, the second half for the raw UPDATE. */
const leadApproveCapacity = (ctx: BenchContext) => Math.floor(leadFacts(ctx).approvable.length / 2);
const leadApproveCandidate = (ctx: BenchContext, i: number, side: 'dispatch' | 'raw'): string => {
  const capacity = leadApproveCapacity(ctx);
  if (i >= capacity) throw new Error(`leads.approve: only ${capacity} submitted leads per side`);
  return leadFacts(ctx).approvable[side === 'dispatch' ? i : capacity + i] as string;
};

/** Distinguishes this run's submissions from the dataset's and from an earlier run's. */
const RUN = Date.now().toString(36);
const submitPartner = (ctx: BenchContext, i: number) => {
  const ids = leadFacts(ctx).submitPartners;
  return ids[i % ids.length] as string;
};

/** Every other submission repeats a recent lead's email (the dedupe lookups find it and the lead is flagged), the rest are new contacts. */
function submitInput(ctx: BenchContext, i: number, side: 'dispatch' | 'raw'): Input<'leads.submit'> {
  const recent = leadFacts(ctx).recentEmails;
  const n = side === 'dispatch' ? 2 * i : 2 * i + 1;
  const email = i % 2 === 1 && recent.length ? (recent[i % recent.length] as string) : `contact.${RUN}.${n}@bench-new-${RUN}-${n}.example`;
  return {
    partnerId: submitPartner(ctx, i),
    type: 'new_lead',
    idempotencyKey: `bench-${RUN}-${side}-${i}`,
    contactName: `Bench Contact ${n}`,
    company: `Bench Company ${n}`,
    email,
    phone: `+49 30 ${90_000_000 + (n % 9_000_000)}`,
    country: 'DE',
    jobTitle: 'Head of IT',
    productInterest: 'Platform',
    estimatedValueMinor: 2_500_000,
  };
}

/**
 * The submission's statements by hand: the idempotency lookup, the three dedupe lookups in the
 * 90-day window, the partner's decisions for the score, the insert (the columns without
 * defaults; no scoring in SQL, no counter or audit write).
 */
function submitSql(ctx: BenchContext, i: number): RawQuery[] {
  const input = submitInput(ctx, i, 'raw');
  const tenant = ctx.facts.tenant.id;
  const partner = input.partnerId as string;
  const email = (input.email as string).toLowerCase();
  const domain = email.split('@')[1] as string;
  const phone = (input.phone as string).replace(/ /g, '');
  const now = new Date();
  const since = timeParam(ctx, new Date(now.getTime() - 90 * 86_400_000).toISOString());
  const dedupe = (column: string, value: string): RawQuery => ({
    sql: `SELECT id, partner_id, status, created_at, email_key, phone_e164, company_domain FROM leads
          WHERE tenant_id = $1 AND ${column} = $2 AND created_at >= $3 AND deleted_at IS NULL AND status <> 'rejected' ORDER BY created_at ASC LIMIT 20`,
    params: [tenant, value, since],
    mayBeEmpty: true,
  });
  const bool = (b: boolean) => (ctx.engine === 'sqlite' ? (b ? 1 : 0) : b);
  return [
    { sql: 'SELECT * FROM leads WHERE tenant_id = $1 AND partner_id = $2 AND idempotency_key = $3', params: [tenant, partner, input.idempotencyKey], mayBeEmpty: true },
    dedupe('email_key', email),
    dedupe('phone_e164', phone),
    dedupe('company_domain', domain),
    {
      sql: `SELECT status, count(*) AS n FROM leads WHERE tenant_id = $1 AND partner_id = $2 AND status IN ('approved', 'converted', 'rejected') AND deleted_at IS NULL GROUP BY status`,
      params: [tenant, partner],
      mayBeEmpty: true,
    },
    {
      sql: `INSERT INTO leads (id, tenant_id, partner_id, type, status, contact_name, company, email, phone, country, extra, score, queue_rank, score_breakdown,
              email_key, phone_e164, company_domain, duplicate_flag, duplicate_matches, idempotency_key, submitted_by_type, submitted_by, submitted_on, created_at, updated_at, version)
            VALUES ($1, $2, $3, 'new_lead', 'submitted', $4, $5, $6, $7, 'DE', '[]', 70, 30, '[]', $6, $8, $9, $10, '[]', $11, 'staff', $12, $13, $14, $14, 0) RETURNING id`,
      params: [
        crypto.randomUUID(),
        tenant,
        partner,
        input.contactName,
        input.company,
        email,
        input.phone,
        phone,
        domain,
        bool(false),
        input.idempotencyKey,
        ctx.facts.admin.id,
        now.toISOString().slice(0, 10),
        timeParam(ctx, now.toISOString()),
      ],
      write: true,
    },
  ];
}

const LEAD_READS: Operation[] = [
  operation({
    name: 'leads.queue first page',
    procedure: 'leads.queue',
    input: () => ({ limit: QUEUE_PAGE }),
    expect: (page, ctx) => expectQueuePage(page, ctx, queueFirstSql(ctx)),
    describe: (page, ctx) => `${leadFacts(ctx).pending.toLocaleString('en-US')} pending of ${leadFacts(ctx).total.toLocaleString('en-US')} leads; first score ${page.rows[0]?.score ?? '-'}`,
    raw: queueFirstSql,
  }),
  operation({
    name: 'leads.queue deep page',
    procedure: 'leads.queue',
    input: (ctx) => ({ limit: QUEUE_PAGE, cursor: leadFacts(ctx).deep.cursor }),
    expect: (page, ctx) => expectQueuePage(page, ctx, queueDeepSql(ctx), leadFacts(ctx).deep.firstId),
    describe: (page, ctx) => `keyset cursor after ${leadFacts(ctx).deep.depth.toLocaleString('en-US')} pending leads (rank ${leadFacts(ctx).deep.key.rank}); first score ${page.rows[0]?.score ?? '-'}`,
    raw: queueDeepSql,
  }),
  operation({
    name: 'leads.counts',
    procedure: 'leads.counts',
    iterations: 500,
    warmup: 50,
    input: () => ({}),
    expect: (counts, ctx) => {
      const wrong = Object.entries(leadFacts(ctx).counts).find(([status, c]) => counts.byStatus[status as keyof typeof counts.byStatus] !== c.total || counts.duplicatesByStatus[status as keyof typeof counts.byStatus] !== c.duplicates);
      if (!wrong) return null;
      const status = wrong[0] as keyof typeof counts.byStatus;
      return `${status}: ${counts.byStatus[status]} counted (${counts.duplicatesByStatus[status]} duplicates), the dataset has ${wrong[1].total} (${wrong[1].duplicates})`;
    },
    describe: (counts) => Object.entries(counts.byStatus).map(([s, n]) => `${s} ${n.toLocaleString('en-US')}`).join(', '),
    raw: (ctx) => [{ sql: 'SELECT * FROM lead_counts WHERE tenant_id = $1', params: [ctx.facts.tenant.id] }],
  }),
];

const LEAD_WRITES: Operation[] = [
  operation({
    name: 'leads.submit',
    procedure: 'leads.submit',
    // Each call a new idempotency key, for an active partner without a quota (a quota adds one indexed count).
    iterations: 200,
    input: (ctx, i) => submitInput(ctx, i, 'dispatch'),
    expect: (out, ctx) => {
      if (!out.created || out.lead.status !== 'submitted') return `created ${out.created}, status ${out.lead.status}`;
      return out.lead.partner.id === submitPartner(ctx, 0) ? null : 'the lead went to another partner';
    },
    describe: (out, ctx) => `score ${out.lead.score}, duplicate ${out.lead.duplicateFlag}; ${leadFacts(ctx).submitPartners.length.toLocaleString('en-US')} active partners without a quota, every other call repeating a recent email`,
    raw: submitSql,
  }),
  operation({
    name: 'leads.approve',
    procedure: 'leads.approve',
    iterations: 200,
    capacity: leadApproveCapacity,
    input: (ctx, i) => ({ id: leadApproveCandidate(ctx, i, 'dispatch'), version: 0 }),
    expect: (lead) => (lead.status === 'approved' && lead.version === 1 ? null : `the lead is ${lead.status} at version ${lead.version}`),
    describe: (lead, ctx) => `submitted → ${lead.status}; ${leadApproveCapacity(ctx).toLocaleString('en-US')} candidates per side`,
    // The bare compare-and-set: no transition table, no counters, no audit row, no read-back.
    raw: (ctx, i) => {
      const now = timeParam(ctx, new Date().toISOString());
      return [
        {
          sql: `UPDATE leads SET status = 'approved', decided_by = $3, decided_at = $4, updated_at = $4, version = version + 1
                WHERE tenant_id = $1 AND id = $2 AND version = 0 AND status IN ('submitted', 'under_review') RETURNING id`,
          params: [ctx.facts.tenant.id, leadApproveCandidate(ctx, i, 'raw'), ctx.facts.admin.id, now],
          write: true,
        },
      ];
    },
  }),
  // Import throughput (leads.startImport, rows/s) is timed apart, after these: bench/lead-import.ts.
  operation({
    name: 'one write (money settings)',
    procedure: 'payouts.updateSettings',
    // The cost of one committed write transaction: the tenant row changed (the journal's expense
    // account, alternating so every call changes it) and its audit row. On SQLite this is where
    // synchronous = FULL shows (one fsync of the WAL per commit; NORMAL skipped it).
    iterations: 200,
    input: (_ctx, i) => ({ expenseAccount: i % 2 ? '6401' : '6400' }),
    expect: (settings) => (settings.expenseAccount === '6400' ? null : `the expense account is ${settings.expenseAccount}`),
    describe: () => 'tenant settings updated and audited, one transaction',
    // The bare statement, autocommitted. It rewrites the row with its own values, so it is a floor
    // rather than the sync cost: the gap to the call is the transaction, the audit row and the sync.
    raw: (ctx) => [{ sql: 'UPDATE tenants SET name = name WHERE id = $1 RETURNING id', params: [ctx.facts.tenant.id], write: true }],
  }),
];

// ---------------------------------------------------------------------------------------------
// The list

export const OPERATIONS: Operation[] = [
  operation({
    name: 'auth.signIn',
    procedure: 'auth.signIn',
    // argon2id (19 MiB, t=2) dominates: few iterations. Each one also creates a session and
    // appends an audit row through the service, continuing the loaded chain.
    iterations: 20,
    warmup: 2,
    token: () => null,
    input: (ctx, i) => ({ email: (ctx.facts.staff[i % ctx.facts.staff.length] ?? ctx.facts.admin).email, password: ctx.facts.password }),
    expect: (info, ctx) => (info.tenant.id === ctx.facts.tenant.id ? null : 'signed in to an unexpected workspace'),
    // The baseline is the reads only: no password hash, no session or audit writes.
    raw: (ctx, i) => {
      const user = ctx.facts.staff[i % ctx.facts.staff.length] ?? ctx.facts.admin;
      return [{ sql: 'SELECT * FROM staff_users WHERE email = $1', params: [user.email] }, workspacesOfSql(user.id)];
    },
  }),
  operation({
    name: 'auth.session',
    procedure: 'auth.session',
    // Session resolution (hash the token, one join) plus the session info (workspaces, tenant).
    iterations: 500,
    warmup: 50,
    input: () => ({}),
    expect: (info, ctx) => (info?.user.id === ctx.facts.admin.id ? null : 'the session did not resolve'),
    raw: (ctx) => [
      {
        sql: `SELECT s.*, u.name, u.email, m.role, m.disabled_at, m.accepted_at FROM sessions s
              JOIN staff_users u ON u.id = s.user_id
              JOIN memberships m ON m.user_id = s.user_id AND m.tenant_id = s.tenant_id
              WHERE s.id = $1`,
        params: [hashToken(ctx.token)],
      },
      workspacesOfSql(ctx.facts.admin.id),
      { sql: 'SELECT * FROM tenants WHERE id = $1', params: [ctx.facts.tenant.id] },
    ],
  }),
  operation({
    name: 'activity.list first page',
    procedure: 'activity.list',
    input: () => ({ limit: ACTIVITY_PAGE }),
    expect: (page) => expectPage(page, () => true),
    raw: (ctx) => [{ sql: 'SELECT * FROM activity WHERE tenant_id = $1 ORDER BY seq DESC LIMIT $2', params: [ctx.facts.tenant.id, ACTIVITY_PAGE + 1] }],
  }),
  operation({
    name: 'activity.list by action',
    procedure: 'activity.list',
    input: (ctx) => ({ action: ctx.facts.filterAction, limit: ACTIVITY_PAGE }),
    expect: (page, ctx) => expectPage(page, (_seq, action) => action === ctx.facts.filterAction),
    raw: (ctx) => [
      {
        sql: 'SELECT * FROM activity WHERE tenant_id = $1 AND action = $2 ORDER BY seq DESC LIMIT $3',
        params: [ctx.facts.tenant.id, ctx.facts.filterAction, ACTIVITY_PAGE + 1],
      },
    ],
  }),
  operation({
    name: 'activity.list deep page',
    procedure: 'activity.list',
    input: (ctx) => ({ beforeSeq: deepSeq(ctx.facts), limit: ACTIVITY_PAGE }),
    expect: (page, ctx) => expectPage(page, (seq) => seq < deepSeq(ctx.facts)) ?? (page.items[0]?.seq === deepSeq(ctx.facts) - 1 ? null : 'the page does not start right below beforeSeq'),
    raw: (ctx) => [
      {
        sql: 'SELECT * FROM activity WHERE tenant_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3',
        params: [ctx.facts.tenant.id, deepSeq(ctx.facts), ACTIVITY_PAGE + 1],
      },
    ],
  }),
  operation({
    name: 'activity.list one week',
    procedure: 'activity.list',
    // from/to become a seq range (two lookups on the (tenant_id, at) index), then the page on seq.
    input: (ctx) => ({ from: ctx.facts.activityWeek.from, to: ctx.facts.activityWeek.to, limit: ACTIVITY_PAGE }),
    expect: async (page, ctx) => {
      const { from, to } = ctx.facts.activityWeek;
      const outside = page.items.find((item) => item.at < from || item.at > to);
      if (outside) return `seq ${outside.seq} at ${outside.at} is outside the week`;
      const full = expectPage(page, () => true);
      if (full) return full;
      const [, last = []] = await runRaw(ctx.raw, weekSql(ctx));
      return page.items[0]?.seq === last[0]?.seq ? null : "the page does not start at the week's last entry";
    },
    describe: (page, ctx) => `${ctx.facts.activityWeek.from.slice(0, 10)}…${ctx.facts.activityWeek.to.slice(0, 10)}, newest seq ${page.items[0]?.seq ?? '-'}`,
    raw: weekSql,
  }),
  operation({
    name: 'activity.facets',
    procedure: 'activity.facets',
    input: () => ({}),
    expect: (facets, ctx) =>
      !facets.actions.includes(ctx.facts.filterAction)
        ? `no ${ctx.facts.filterAction} among the actions`
        : facets.actors.length < ctx.facts.staff.length
          ? `only ${facets.actors.length} actors`
          : null,
    describe: (facets) => `${facets.actions.length} actions, ${facets.actors.length.toLocaleString('en-US')} actors`,
    raw: (ctx) => [{ sql: "SELECT * FROM activity_facets WHERE tenant_id = $1 AND kind IN ('action', 'actor')", params: [ctx.facts.tenant.id] }],
  }),
  operation({
    name: 'partners.get',
    procedure: 'partners.get',
    iterations: 300,
    input: (ctx, i) => ({ id: lookupId(ctx, i) }),
    expect: (partner, ctx) => {
      const row = partnerFacts(ctx).byId.get(lookupId(ctx, 0));
      if (!row || partner.id !== row.id || partner.code !== row.code) return 'returned another partner';
      // The detail derives KYC from the documents; it must agree with the stored status the list shows.
      return partner.kycStatus === row.kycStatus ? null : `KYC derives ${partner.kycStatus}, the dataset stored ${row.kycStatus}`;
    },
    describe: (partner) => `${partner.code} ${partner.status}, KYC ${partner.kycStatus}`,
    // What the service reads: the partner, its documents (for the KYC summary), the reviewer's name.
    raw: (ctx, i) => {
      const id = lookupId(ctx, i);
      const decidedBy = partnerFacts(ctx).byId.get(id)?.kycDecidedBy ?? null;
      return [
        { sql: `SELECT * FROM partners WHERE ${LIVE_PARTNERS} AND id = $2`, params: [ctx.facts.tenant.id, id] },
        { sql: 'SELECT * FROM partner_documents WHERE tenant_id = $1 AND partner_id = $2 AND deleted_at IS NULL', params: [ctx.facts.tenant.id, id], mayBeEmpty: true },
        ...(decidedBy ? [{ sql: 'SELECT id, name FROM staff_users WHERE id IN ($1)', params: [decidedBy] }] : []),
      ];
    },
  }),
  operation({
    name: 'partners.list filtered',
    procedure: 'partners.list',
    input: (ctx) => ({ ...partnerFacts(ctx).filter, limit: PARTNER_PAGE }),
    expect: (page, ctx) => {
      const { status, tier } = partnerFacts(ctx).filter;
      return expectPartnerPage(page, ctx, filteredSql(ctx), { total: partnerFacts(ctx).filterTotal, row: (r) => r.status === status && r.tier === tier });
    },
    describe: (page, ctx) => `tier ${partnerFacts(ctx).filter.tier}, status ${partnerFacts(ctx).filter.status}: total ${page.total.toLocaleString('en-US')}, first ${page.rows.length} by createdAt desc`,
    rawConcurrent: true,
    raw: filteredSql,
  }),
  operation({
    name: 'partners.list deep page',
    procedure: 'partners.list',
    prepare: async (ctx) => {
      deepPositions.set(ctx, await walkToDeepPage(ctx));
    },
    input: (ctx) => ({ sort: DEEP_SORT, cursor: deepPosition(ctx).cursor, limit: PARTNER_PAGE }),
    expect: (page, ctx) => expectPartnerPage(page, ctx, deepPageSql(ctx), { total: partnerFacts(ctx).live }),
    describe: (page, ctx) => `keyset cursor ${partnerFacts(ctx).deepOffset.toLocaleString('en-US')} rows into ${page.total.toLocaleString('en-US')} by legalName (walked untimed): ${page.rows[0]?.legalName ?? '-'} …`,
    rawConcurrent: true,
    raw: deepPageSql,
  }),
  operation({
    name: 'partners.list search',
    procedure: 'partners.list',
    input: (ctx) => ({ q: partnerFacts(ctx).search, limit: PARTNER_PAGE }),
    expect: (page, ctx) => expectPartnerPage(page, ctx, searchSql(ctx), { total: partnerFacts(ctx).searchIds.size, row: (r) => partnerFacts(ctx).searchIds.has(r.id) }),
    describe: (page, ctx) => `q "${partnerFacts(ctx).search}": total ${page.total} of ${partnerFacts(ctx).live.toLocaleString('en-US')}`,
    rawConcurrent: true,
    raw: searchSql,
  }),
  operation({
    name: 'partners.list search (2 chars)',
    procedure: 'partners.list',
    input: (ctx) => ({ q: partnerFacts(ctx).shortSearch, limit: PARTNER_PAGE }),
    expect: (page, ctx) => {
      const { shortSearch, shortSearchMatches, byId } = partnerFacts(ctx);
      return expectPartnerPage(page, ctx, shortSearchSql(ctx), {
        total: Math.min(shortSearchMatches, SHORT_SEARCH_COUNT_CAP),
        totalExact: shortSearchMatches <= SHORT_SEARCH_COUNT_CAP,
        rawTotal: Math.min(shortSearchMatches, SHORT_SEARCH_COUNT_CAP + 1),
        row: (r) => byId.get(r.id)?.searchText.includes(shortSearch) === true,
      });
    },
    describe: (page, ctx) =>
      `q "${partnerFacts(ctx).shortSearch}" (below the trigram length): ${partnerFacts(ctx).shortSearchMatches.toLocaleString('en-US')} match, shown as ${page.total.toLocaleString('en-US')}${page.totalExact ? '' : '+'}`,
    rawConcurrent: true,
    raw: shortSearchSql,
  }),
  ...LEAD_READS,
  // From here on operations change data: partner approvals, then lead submissions and approvals.
  operation({
    name: 'partners.approve',
    procedure: 'partners.approve',
    // Each call approves another pending partner whose KYC is verified (four current documents and
    // the reviewer's sign-off), so the service's checks pass as in production (approvalNeedsVerifiedKyc stays on).
    iterations: 100,
    warmup: 10,
    capacity: approveCapacity,
    input: (ctx, i) => ({ id: approveCandidate(ctx, i, 'dispatch') }),
    expect: (partner) => (partner.status === 'active' && partner.kycStatus === 'verified' ? null : `the partner is ${partner.status} with KYC ${partner.kycStatus}`),
    describe: (partner, ctx) => `${partner.code} pending → ${partner.status}; ${approveCapacity(ctx)} candidates per side`,
    // The bare status change on other candidates: no KYC refresh, no audit row, no detail read-back.
    raw: (ctx, i) => {
      const now = timeParam(ctx, new Date().toISOString());
      return [
        {
          sql: `UPDATE partners SET status = 'active', status_reason = NULL, status_changed_at = $3, updated_at = $3, approved_by = $4, approved_at = $3
                WHERE id = $1 AND tenant_id = $2 AND status = 'pending' RETURNING id`,
          params: [approveCandidate(ctx, i, 'raw'), ctx.facts.tenant.id, now, ctx.facts.admin.id],
          write: true,
        },
      ];
    },
  }),
  ...LEAD_WRITES,
];
