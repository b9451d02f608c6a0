import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import type { Database, EngineName } from '../src-main/data/database';
import { contract } from '../src-shared/contract';
import { postgresBulk, sqliteBulk, type RowOf } from './bulk-insert';
import type { DatasetPlan } from './dataset';
import type { OpenedEngine } from './engines';
import { measure } from './measure';
import { BenchCallError, BenchSkipped, operation, runRaw, type BenchContext, type Operation, type RawQuery } from './operations';
import { note, progress } from './progress';
import { int, prng, shuffled, uuidV7At, type Rand } from './random';

/*
 * The money path at seed scale (issue 8 point 9): 1,000,000 credits × BENCH_SCALE over the
 * tenant's approved and converted leads, and about as many payout lines, loaded after the
 * leads, straight into the tables (values encoded by the schema kits, ./bulk-insert.ts), with
 * the semantics of schema/money.ts: over the 12 months before the run, by the month a credit
 * was earned (k months ago):
 *   k = 0   mostly pending approval, some approved in the pool;
 *   k = 1   approved in the pool (what "generate last month" picks up), a few pending or rejected;
 *   k = 2   in a pending payout (payout_stage 'pending', lines pending);
 *   k = 3   in an approved payout (stage 'approved', lines approved);
 *   k ≥ 4   paid (payout paid, payment date the 10th of the month after), a few rejected or reversed;
 * a few clawbacks (negative, approved, in the pool). One payout per partner and month; then
 * partner_months as the writers would have kept it: lead figures from the leads (the money
 * migration's own backfill), earned from approved and paid credits by earned_on, paid from paid
 * payouts by payment date.
 *
 * The operations (MONEY_OPERATIONS, after the others) read it; the generation ones are timed
 * once P's payouts.generate exists (until then they are reported as skipped).
 */

export const CREDITS_AT_SEED_SCALE = 1_000_000;
const SQLITE_ROWS_PER_TRANSACTION = 50_000;
const PG_ROWS_PER_STATEMENT = 5_000;
const DAY_MS = 86_400_000;
const MONTHS = 12;

type CreditRow = RowOf<'credits'>;
type PayoutRow = RowOf<'payouts'>;
type LineRow = RowOf<'payoutLines'>;

export interface MoneyFacts {
  credits: number;
  lines: number;
  payouts: number;
  /** Partners with credits, in a seeded random order (balance, monthly). */
  partners: string[];
  /** Pending payouts (the detail page), in a seeded random order. */
  pendingPayouts: string[];
  /** Partners with approved credits of last month in the pool (one partner-month generation each). */
  generationPartners: string[];
  /** Last calendar month (UTC, the bench tenant's zone): the generation period. */
  lastMonth: { start: string; end: string };
}

/** The facts per loaded database (the operations reach them from their context's app). */
const factsByDatabase = new WeakMap<Database, MoneyFacts>();

export function moneyFacts(ctx: BenchContext): MoneyFacts {
  const facts = factsByDatabase.get(ctx.app.database);
  if (!facts) throw new BenchSkipped('the money dataset was not loaded');
  return facts;
}

/** YYYY-MM of k months before `now`'s month (UTC), and its first and last day. */
function monthBefore(now: Date, k: number) {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k + 1, 0));
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { month: day(first).slice(0, 7), start: day(first), end: day(last), firstMs: first.getTime(), days: last.getUTCDate() };
}

interface Writer {
  credits(rows: CreditRow[]): Promise<void>;
  lines(rows: LineRow[]): Promise<void>;
  payouts(rows: PayoutRow[]): Promise<void>;
  exec(sqlText: string, params: unknown[]): Promise<void>;
  close(): void;
}

function writerFor(engine: EngineName, opened: OpenedEngine): Writer {
  if (engine === 'sqlite') {
    // A connection of the loader's own on the app's file (WAL: the app's reader sees the rows once committed).
    const conn = new BetterSqlite3(join(opened.dataDir, 'partnerdesk.sqlite'));
    conn.pragma('busy_timeout = 10000');
    conn.pragma('synchronous = OFF');
    conn.pragma('cache_size = -262144');
    const credits = sqliteBulk(conn, 'credits');
    const lines = sqliteBulk(conn, 'payoutLines');
    const payouts = sqliteBulk(conn, 'payouts');
    return {
      credits: async (rows) => credits(rows),
      lines: async (rows) => lines(rows),
      payouts: async (rows) => payouts(rows),
      exec: async (sqlText, params) => {
        conn.prepare(sqlText).run(...params);
      },
      close: () => {
        conn.pragma('wal_checkpoint(TRUNCATE)');
        conn.close();
      },
    };
  }
  const { database } = opened;
  const credits = postgresBulk(database, 'credits', PG_ROWS_PER_STATEMENT);
  const lines = postgresBulk(database, 'payoutLines', PG_ROWS_PER_STATEMENT);
  const payouts = postgresBulk(database, 'payouts', PG_ROWS_PER_STATEMENT);
  return {
    credits,
    lines,
    payouts,
    exec: async (sqlText, params) => {
      let n = 0;
      await database.raw(
        sqlText.replace(/\?/g, () => `$${++n}`),
        params,
      );
    },
    close: () => undefined,
  };
}

/** Loads the money dataset into an opened, lead-loaded engine; returns what the operations need. */
export async function loadMoney(engine: EngineName, opened: OpenedEngine, plan: DatasetPlan, scale: number, seed: number): Promise<MoneyFacts> {
  const started = performance.now();
  const tenantId = plan.facts.tenant.id;
  const currency = plan.facts.tenant.currency;
  const generatedBy = plan.facts.admin.id;
  const approver = plan.facts.staff.find((s) => s.role === 'manager' && s.id !== generatedBy)?.id ?? generatedBy;
  const payer = plan.facts.staff.find((s) => s.role === 'finance')?.id ?? approver;
  const [leadRows] = await runRaw(opened.raw, [{ sql: "SELECT id, partner_id, status, contact_name FROM leads WHERE tenant_id = $1 AND status IN ('approved', 'converted') ORDER BY id", params: [tenantId] }]);
  const leads = (leadRows ?? []).map((l) => ({ id: String(l.id), partnerId: String(l.partner_id), converted: l.status === 'converted', contactName: String(l.contact_name) }));
  if (leads.length === 0) throw new Error('bench/money.ts: the dataset has no approved or converted lead to credit');
  const r: Rand = prng(seed * 7 + 8);
  const now = new Date();
  const months = Array.from({ length: MONTHS }, (_, k) => monthBefore(now, k));
  const total = Math.max(1_000, Math.round(CREDITS_AT_SEED_SCALE * scale));
  const writer = writerFor(engine, opened);
  const batch = engine === 'sqlite' ? SQLITE_ROWS_PER_TRANSACTION : PG_ROWS_PER_STATEMENT * 4;

  const payouts = new Map<string, PayoutRow>();
  const partnersWithCredits = new Set<string>();
  const generationPartners = new Set<string>();
  let credits: CreditRow[] = [];
  let lines: LineRow[] = [];
  let lineCount = 0;
  const bar = progress(`[${engine}] credits`, total);

  const payoutOf = (partnerId: string, k: number): PayoutRow => {
    const key = `${partnerId}:${k}`;
    let p = payouts.get(key);
    if (!p) {
      const m = months[k] as (typeof months)[number];
      const generatedAt = new Date((months[k - 1] as (typeof months)[number]).firstMs + 2 * DAY_MS + int(r, 0, 8 * 3_600_000));
      const approvedAt = k >= 3 ? new Date(generatedAt.getTime() + int(r, 1, 3) * DAY_MS) : null;
      const paid = k >= 4;
      const n = payouts.size + 1;
      p = {
        id: uuidV7At(generatedAt.getTime(), r),
        tenantId,
        partnerId,
        runId: null,
        requestId: null,
        number: `PO-${m.month}-${String(n).padStart(6, '0')}`,
        periodStart: m.start,
        periodEnd: m.end,
        currency,
        status: paid ? 'paid' : k === 3 ? 'approved' : 'pending',
        lineCount: 0,
        totalMinor: 0,
        approvedMinor: k >= 3 ? 0 : null,
        generatedBy,
        generatedAt,
        firstApprovedBy: null,
        firstApprovedAt: null,
        approvedBy: approvedAt ? approver : null,
        approvedAt,
        rejectedBy: null,
        rejectedAt: null,
        notes: null,
        paidBy: paid ? payer : null,
        paidAt: paid && approvedAt ? new Date(approvedAt.getTime() + DAY_MS) : null,
        paymentDate: paid ? `${(months[k - 1] as (typeof months)[number]).month}-10` : null,
        paymentMethod: paid ? 'bank_transfer' : null,
        paymentReference: paid ? `BENCH-${String(n).padStart(8, '0')}` : null,
        createdAt: generatedAt,
        updatedAt: approvedAt ?? generatedAt,
        version: paid ? 2 : k === 3 ? 1 : 0,
      };
      payouts.set(key, p);
    }
    return p;
  };

  const flush = async () => {
    await writer.credits(credits);
    await writer.lines(lines);
    bar.add(credits.length);
    credits = [];
    lines = [];
    await new Promise((resolve) => setImmediate(resolve));
  };

  for (let i = 0; i < total; i++) {
    const lead = leads[i % leads.length] as (typeof leads)[number];
    const round = Math.floor(i / leads.length);
    // Recent months hold fewer credits than older ones (a year of payouts behind them).
    const k = Math.min(MONTHS - 1, Math.floor(r() ** 0.9 * MONTHS));
    const m = months[k] as (typeof months)[number];
    const earnedOn = `${m.month}-${String(int(r, 1, m.days)).padStart(2, '0')}`;
    const createdAt = new Date(Date.parse(`${earnedOn}T09:00:00.000Z`) + int(r, 0, 8 * 3_600_000));
    const x = r();
    let status: string;
    let stage: string | null = null;
    let payout: PayoutRow | null = null;
    let amount = int(r, 50, 500) * 100;
    let kind = 'commission';
    if (k === 0) status = x < 0.8 ? 'pending_approval' : 'approved';
    else if (k === 1) status = x < 0.05 ? 'pending_approval' : x < 0.1 ? 'rejected' : 'approved';
    else if (k === 2 || k === 3) {
      status = 'approved';
      stage = k === 2 ? 'pending' : 'approved';
      payout = payoutOf(lead.partnerId, k);
    } else if (x < 0.03) status = 'rejected';
    else if (x < 0.04) status = 'reversed';
    else {
      status = 'paid';
      payout = payoutOf(lead.partnerId, k);
    }
    if (status === 'approved' && !payout && x > 0.995) {
      kind = 'clawback';
      amount = -int(r, 10, 100) * 100;
    }
    if (status === 'approved' && !payout && k === 1 && amount > 0) generationPartners.add(lead.partnerId);
    partnersWithCredits.add(lead.partnerId);
    const id = uuidV7At(createdAt.getTime(), r);
    const decided = status !== 'pending_approval';
    credits.push({
      id,
      tenantId,
      partnerId: lead.partnerId,
      leadId: lead.id,
      leadContactName: lead.contactName,
      kind,
      calculation: kind === 'clawback' ? 'manual' : lead.converted && round === 0 ? 'percentage' : 'fixed_price',
      baseMinor: null,
      rateBp: null,
      amountMinor: amount,
      currency,
      status,
      // The system's idempotency key on the first pass over the leads; further credits of a lead are requests.
      sourceKey: round === 0 && kind === 'commission' ? `approval:${lead.id}` : null,
      justification: null,
      clawbackOf: null,
      earnedOn,
      createdByType: 'system',
      createdBy: null,
      decidedBy: decided ? approver : null,
      decidedAt: decided ? new Date(createdAt.getTime() + DAY_MS) : null,
      reason: status === 'rejected' || status === 'reversed' ? 'Not eligible under the programme rules' : null,
      payoutId: payout?.id ?? null,
      payoutStage: stage,
      paidAt: status === 'paid' ? (payout?.paidAt ?? null) : null,
      createdAt,
      updatedAt: createdAt,
      version: decided ? 1 : 0,
    });
    if (payout) {
      payout.lineCount = (payout.lineCount ?? 0) + 1;
      payout.totalMinor = (payout.totalMinor ?? 0) + amount;
      if (payout.approvedMinor !== null && payout.approvedMinor !== undefined) payout.approvedMinor += amount;
      lineCount++;
      lines.push({
        id: uuidV7At(createdAt.getTime(), r),
        tenantId,
        payoutId: payout.id,
        creditId: id,
        leadId: lead.id,
        amountMinor: amount,
        status: k === 2 ? 'pending' : 'approved',
        note: null,
        decidedBy: k === 2 ? null : approver,
        decidedAt: k === 2 ? null : payout.approvedAt,
        releasedAt: null,
      });
    }
    if (credits.length >= batch) await flush();
  }
  await flush();
  bar.finish();
  const payoutRows = [...payouts.values()];
  for (let start = 0; start < payoutRows.length; start += batch) await writer.payouts(payoutRows.slice(start, start + batch));

  // partner_months as the writers keep it: lead cohorts (the money migration's backfill), earned, paid.
  await writer.exec(
    `INSERT INTO partner_months (tenant_id, partner_id, month, leads_submitted, leads_approved, leads_rejected, leads_converted, score_sum, earned_minor, paid_minor)
     SELECT tenant_id, partner_id, substr(submitted_on, 1, 7), count(*), sum(CASE WHEN status = 'approved' THEN 1 ELSE 0 END), sum(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END),
            sum(CASE WHEN status = 'converted' THEN 1 ELSE 0 END), sum(score), 0, 0
     FROM leads WHERE tenant_id = ? AND deleted_at IS NULL GROUP BY tenant_id, partner_id, substr(submitted_on, 1, 7)
     ON CONFLICT (tenant_id, partner_id, month) DO NOTHING`,
    [tenantId],
  );
  await writer.exec(
    `INSERT INTO partner_months (tenant_id, partner_id, month, leads_submitted, leads_approved, leads_rejected, leads_converted, score_sum, earned_minor, paid_minor)
     SELECT tenant_id, partner_id, substr(earned_on, 1, 7), 0, 0, 0, 0, 0, sum(amount_minor), 0
     FROM credits WHERE tenant_id = ? AND status IN ('approved', 'paid') GROUP BY tenant_id, partner_id, substr(earned_on, 1, 7)
     ON CONFLICT (tenant_id, partner_id, month) DO UPDATE SET earned_minor = excluded.earned_minor`,
    [tenantId],
  );
  await writer.exec(
    `INSERT INTO partner_months (tenant_id, partner_id, month, leads_submitted, leads_approved, leads_rejected, leads_converted, score_sum, earned_minor, paid_minor)
     SELECT tenant_id, partner_id, substr(payment_date, 1, 7), 0, 0, 0, 0, 0, 0, sum(approved_minor)
     FROM payouts WHERE tenant_id = ? AND status = 'paid' GROUP BY tenant_id, partner_id, substr(payment_date, 1, 7)
     ON CONFLICT (tenant_id, partner_id, month) DO UPDATE SET paid_minor = excluded.paid_minor`,
    [tenantId],
  );
  if (engine !== 'sqlite') await opened.database.raw('ANALYZE');
  writer.close();

  const last = months[1] as (typeof months)[number];
  const facts: MoneyFacts = {
    credits: total,
    lines: lineCount,
    payouts: payoutRows.length,
    partners: shuffled(r, [...partnersWithCredits]),
    pendingPayouts: shuffled(
      r,
      payoutRows.filter((p) => p.status === 'pending').map((p) => p.id),
    ),
    generationPartners: shuffled(r, [...generationPartners]),
    lastMonth: { start: last.start, end: last.end },
  };
  factsByDatabase.set(opened.database, facts);
  note(
    `[${engine}] money: ${total.toLocaleString('en-US')} credits, ${lineCount.toLocaleString('en-US')} payout lines, ${payoutRows.length.toLocaleString('en-US')} payouts ` +
      `for ${partnersWithCredits.size.toLocaleString('en-US')} partners in ${((performance.now() - started) / 1000).toFixed(1)}s`,
  );
  return facts;
}

// ---------------------------------------------------------------------------------------------
// Operations

const at = <T>(list: readonly T[], i: number): T => {
  if (list.length === 0) throw new BenchSkipped('the money dataset has no rows for this operation');
  return list[i % list.length] as T;
};

const BALANCE_SQL = `SELECT status, payout_stage, coalesce(sum(amount_minor), 0) AS amount, coalesce(sum(CASE WHEN amount_minor < 0 THEN amount_minor ELSE 0 END), 0) AS negative
FROM credits WHERE tenant_id = $1 AND partner_id = $2 GROUP BY status, payout_stage`;

const MONTH_COLUMNS = 'sum(leads_submitted), sum(leads_approved), sum(leads_rejected), sum(leads_converted), sum(score_sum), sum(earned_minor), sum(paid_minor)';

/** The default range of payouts.monthly: the 12 months ending with this one (UTC, the bench tenant's zone). */
function monthRange() {
  const now = new Date();
  return { from: monthBefore(now, 11).month, to: monthBefore(now, 0).month };
}

const partnerExists = (ctx: BenchContext, partnerId: string): RawQuery => ({
  sql: 'SELECT id FROM partners WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL',
  params: [ctx.facts.tenant.id, partnerId],
});

/** An operation of a procedure another slice adds (payouts.list, payouts.get): dispatched by name, skipped while the contract lacks it. */
function untypedOperation(spec: {
  name: string;
  procedure: string;
  iterations?: number;
  input(ctx: BenchContext, i: number): unknown;
  expect?(output: unknown): string | null;
  capacity?(ctx: BenchContext): number;
  raw(ctx: BenchContext, i: number): RawQuery[];
}): Operation {
  const iterations = spec.iterations ?? 200;
  const once = async (ctx: BenchContext, i: number) => {
    const outcome = await ctx.app.dispatch(spec.procedure, spec.input(ctx, i), { token: ctx.token, clientKey: 'bench' });
    if (!outcome.response.ok) throw new BenchCallError(`${spec.name}: ${spec.procedure} answered ${outcome.response.error.code}: ${outcome.response.error.message}`);
    return outcome.response.result;
  };
  return {
    name: spec.name,
    procedure: spec.procedure as Operation['procedure'],
    iterations,
    warmup: Math.max(2, Math.round(iterations / 10)),
    ...(spec.capacity ? { capacity: spec.capacity } : {}),
    rawConcurrent: false,
    call: async (ctx, i) => {
      await once(ctx, i);
    },
    check: async (ctx) => {
      if (!(spec.procedure in contract)) throw new BenchSkipped(`${spec.procedure} is not in the contract yet`);
      moneyFacts(ctx);
      const problem = spec.expect?.(await once(ctx, 0)) ?? null;
      if (problem) throw new BenchCallError(`${spec.name}: ${problem}`);
      return null;
    },
    raw: spec.raw,
  };
}

export const MONEY_OPERATIONS: Operation[] = [
  operation({
    name: 'payouts.balance',
    procedure: 'payouts.balance',
    iterations: 400,
    prepare: async (ctx) => void moneyFacts(ctx),
    input: (ctx, i) => ({ partnerId: at(moneyFacts(ctx).partners, i) }),
    expect: (b) => (b.earnedMinor + b.pendingApprovalMinor === 0 ? 'an empty balance' : b.earnedMinor !== b.availableMinor + b.inPayoutMinor + b.approvedUnpaidMinor + b.paidMinor ? 'earned is not the sum of its parts' : null),
    describe: (b) => `earned ${b.earnedMinor}, available ${b.availableMinor}, in payout ${b.inPayoutMinor}, approved unpaid ${b.approvedUnpaidMinor}, paid ${b.paidMinor}`,
    raw: (ctx, i) => {
      const partnerId = at(moneyFacts(ctx).partners, i);
      return [partnerExists(ctx, partnerId), { sql: BALANCE_SQL, params: [ctx.facts.tenant.id, partnerId] }];
    },
  }),
  operation({
    name: 'payouts.monthly one partner',
    procedure: 'payouts.monthly',
    iterations: 400,
    prepare: async (ctx) => void moneyFacts(ctx),
    input: (ctx, i) => ({ partnerId: at(moneyFacts(ctx).partners, i) }),
    expect: (m) => (m.months.length !== 12 ? `${m.months.length} months` : m.total.earnedMinor === 0 && m.total.leadsSubmitted === 0 ? 'an empty year' : null),
    describe: (m) => `${m.fromMonth}..${m.toMonth}: ${m.total.leadsSubmitted} leads, earned ${m.total.earnedMinor}, paid ${m.total.paidMinor}`,
    raw: (ctx, i) => {
      const partnerId = at(moneyFacts(ctx).partners, i);
      const { from, to } = monthRange();
      return [
        partnerExists(ctx, partnerId),
        {
          sql: 'SELECT month, leads_submitted, leads_approved, leads_rejected, leads_converted, score_sum, earned_minor, paid_minor FROM partner_months WHERE tenant_id = $1 AND partner_id = $2 AND month >= $3 AND month <= $4 ORDER BY month',
          params: [ctx.facts.tenant.id, partnerId, from, to],
          mayBeEmpty: true,
        },
      ];
    },
  }),
  operation({
    name: 'payouts.monthly tenant',
    procedure: 'payouts.monthly',
    iterations: 100,
    prepare: async (ctx) => void moneyFacts(ctx),
    input: () => ({}),
    expect: (m) => (m.total.earnedMinor <= 0 ? 'nothing earned' : null),
    describe: (m) => `${m.fromMonth}..${m.toMonth}: ${m.total.leadsSubmitted} leads, earned ${m.total.earnedMinor}, paid ${m.total.paidMinor}`,
    raw: (ctx) => {
      const { from, to } = monthRange();
      return [{ sql: `SELECT month, ${MONTH_COLUMNS} FROM partner_months WHERE tenant_id = $1 AND month >= $2 AND month <= $3 GROUP BY month ORDER BY month`, params: [ctx.facts.tenant.id, from, to] }];
    },
  }),
  operation({
    name: 'payouts.statistics tenant',
    procedure: 'payouts.statistics',
    iterations: 50,
    prepare: async (ctx) => void moneyFacts(ctx),
    input: () => ({}),
    expect: (s) => (s.generated.count !== 0 && s.generated.count === s.byStatus.pending.count + s.byStatus.approved.count + s.byStatus.partially_approved.count + s.byStatus.rejected.count + s.byStatus.paid.count ? null : 'counts do not add up'),
    describe: (s) => `${s.generated.count} payouts, generated ${s.generatedMinor}, approved ${s.approvedMinor}, paid ${s.paidMinor}, ${s.averageDaysToApproval} days to approval`,
    raw: (ctx) => [
      {
        sql: 'SELECT status, count(*), sum(total_minor), sum(coalesce(approved_minor, 0)), count(approved_at) FROM payouts WHERE tenant_id = $1 GROUP BY status',
        params: [ctx.facts.tenant.id],
      },
    ],
  }),
  operation({
    name: 'payouts.statistics one partner',
    procedure: 'payouts.statistics',
    iterations: 400,
    prepare: async (ctx) => void moneyFacts(ctx),
    input: (ctx, i) => ({ partnerId: at(moneyFacts(ctx).partners, i) }),
    raw: (ctx, i) => {
      const partnerId = at(moneyFacts(ctx).partners, i);
      return [
        partnerExists(ctx, partnerId),
        {
          sql: 'SELECT status, count(*), sum(total_minor), sum(coalesce(approved_minor, 0)), count(approved_at) FROM payouts WHERE tenant_id = $1 AND partner_id = $2 GROUP BY status',
          params: [ctx.facts.tenant.id, partnerId],
          mayBeEmpty: true,
        },
      ];
    },
  }),
  untypedOperation({
    name: 'payouts.list pending first page',
    procedure: 'payouts.list',
    input: () => ({ status: 'pending', limit: 50 }),
    expect: (page) => ((page as { rows?: unknown[] }).rows?.length ? null : 'an empty page'),
    raw: (ctx) => [
      {
        sql: "SELECT * FROM payouts WHERE tenant_id = $1 AND status = 'pending' ORDER BY generated_at DESC, id DESC LIMIT 51",
        params: [ctx.facts.tenant.id],
      },
      // The totals, as the service reads them: the kept counters of the status.
      { sql: "SELECT total, total_minor FROM payout_counts WHERE tenant_id = $1 AND status = 'pending'", params: [ctx.facts.tenant.id] },
    ],
  }),
  untypedOperation({
    name: 'payouts.get',
    procedure: 'payouts.get',
    iterations: 300,
    input: (ctx, i) => ({ id: at(moneyFacts(ctx).pendingPayouts, i) }),
    expect: (detail) => ((detail as { lines?: unknown[] }).lines?.length ? null : 'a payout without lines'),
    raw: (ctx, i) => [
      { sql: 'SELECT * FROM payouts WHERE tenant_id = $1 AND id = $2', params: [ctx.facts.tenant.id, at(moneyFacts(ctx).pendingPayouts, i)] },
      { sql: 'SELECT * FROM payout_lines WHERE tenant_id = $1 AND payout_id = $2 ORDER BY id', params: [ctx.facts.tenant.id, at(moneyFacts(ctx).pendingPayouts, i)] },
    ],
  }),
];

/** How often the generate dialog asks for a running run's progress (src-renderer/src/screens/payouts/GenerateDialog.tsx). */
const PROGRESS_POLL_MS = 500;

/**
 * Waits for a generation run the call started (when payouts.generate answers with a running run)
 * until the service says it has settled, meanwhile asking for its progress as the dialog does
 * (the report read is part of what a run costs), then returns the finished run.
 */
async function settled(ctx: BenchContext, result: unknown): Promise<unknown> {
  let run = result as { id?: string; status?: string; run?: { id: string; status: string } };
  if (run.run) run = run.run;
  if (run.status !== 'running' || !run.id) return run;
  const id = run.id;
  const progress = async () => {
    const outcome = await ctx.app.dispatch('payouts.run', { id }, { token: ctx.token, clientKey: 'bench' });
    if (!outcome.response.ok) throw new BenchCallError(`payouts.run answered ${outcome.response.error.code}: ${outcome.response.error.message}`);
    return outcome.response.result;
  };
  let done = false;
  const finished = ctx.app.services.payouts.whenRunsSettled(id).then(() => (done = true));
  while (!done) {
    await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, PROGRESS_POLL_MS))]);
    if (!done) await progress();
  }
  return progress();
}

/** The generation results' names (timed by benchGeneration, not as OPERATIONS: each call consumes its input). */
export const GENERATION_OPERATIONS = { partnerMonth: 'payouts.generate one partner-month', tenantMonth: 'payouts.generate tenant-month' } as const;

export interface GenerationResult {
  partnerMonth: { p50: number; p95: number; n: number } | null;
  tenantMonth: { ms: number; result: unknown } | null;
  skipped: string | null;
}

/**
 * Generation, last of all (it changes the money data): one partner-month per call for partners
 * with last month's approved credits in the pool, then the whole tenant-month (what is left).
 */
export async function benchGeneration(ctx: BenchContext, iterations: number): Promise<GenerationResult> {
  if (!('payouts.generate' in contract)) return { partnerMonth: null, tenantMonth: null, skipped: 'payouts.generate is not in the contract yet' };
  const facts = moneyFacts(ctx);
  const generate = async (input: Record<string, unknown>) => {
    const outcome = await ctx.app.dispatch('payouts.generate', { periodStart: facts.lastMonth.start, periodEnd: facts.lastMonth.end, ...input }, { token: ctx.token, clientKey: 'bench' });
    if (!outcome.response.ok) throw new BenchCallError(`payouts.generate answered ${outcome.response.error.code}: ${outcome.response.error.message}`);
    return settled(ctx, outcome.response.result);
  };
  const partners = facts.generationPartners;
  const n = Math.min(iterations, Math.max(0, partners.length - 1));
  let partnerMonth: GenerationResult['partnerMonth'] = null;
  if (n >= 5) {
    const warmup = Math.min(5, Math.floor(n / 10));
    const t = await measure((i) => generate({ partnerId: partners[i] as string, idempotencyKey: `bench-partner-${i}` }), { warmup, iterations: n - warmup });
    partnerMonth = { p50: t.p50, p95: t.p95, n: n - warmup };
  }
  const started = performance.now();
  const result = await generate({ idempotencyKey: 'bench-tenant-month' });
  return { partnerMonth, tenantMonth: { ms: performance.now() - started, result }, skipped: null };
}
