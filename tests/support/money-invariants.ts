import type { Database } from '../../src-main/data/database';

/*
 * The money path's invariants, checked straight against the tables of one workspace (never
 * through the services under test): the property test runs them after every step of a random
 * sequence, the crash test after a restart. Each returns the sentences of what is broken; an
 * empty list means it holds.
 */

/** Raw SQL with `$1`-style parameters on both engines (on SQLite each becomes a `?`, its value repeated where it recurs). */
export async function rows(database: Database, text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  if (database.engine !== 'sqlite') return database.raw(text, params);
  const ordered: unknown[] = [];
  const positional = text.replace(/\$(\d+)/g, (_m, n: string) => {
    ordered.push(params[Number(n) - 1]);
    return '?';
  });
  return sqliteStatement(database, positional).all(...ordered) as Record<string, unknown>[];
}

type SqliteStatement = { all(...params: unknown[]): unknown[] };
const statements = new WeakMap<object, Map<string, SqliteStatement>>();

/** The read connection's compiled statement for this text: a property run checks the same dozen queries tens of thousands of times. */
function sqliteStatement(database: Database, text: string): SqliteStatement {
  const client = (database.db as unknown as { $client: { prepare(sql: string): SqliteStatement } }).$client;
  let cache = statements.get(client);
  if (!cache) statements.set(client, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = client.prepare(text)));
  return statement;
}

const n = (v: unknown): number => Number(v ?? 0);

export interface MoneyRules {
  /** Payouts whose approved amount is above this need two different approvers (null: never). */
  secondApprovalAboveMinor: number | null;
}

/**
 * The part of a workspace to check: all of it, or only some partners' money (a property test
 * running thousands of sequences in one workspace checks each sequence's own partners, so a step
 * costs the same at the last sequence as at the first).
 */
export interface MoneyScope {
  tenantId: string;
  partnerIds?: readonly string[];
}

/** `and <column> in ($2, …)` over the scope's partners (nothing when the whole workspace is checked); params after $1 = tenant. */
function partnerFilter(scope: MoneyScope, column: string): { sql: string; params: unknown[] } {
  const ids = scope.partnerIds;
  if (!ids) return { sql: '', params: [scope.tenantId] };
  if (ids.length === 0) return { sql: ' and 1 = 0', params: [scope.tenantId] };
  return { sql: ` and ${column} in (${ids.map((_, i) => `$${i + 2}`).join(', ')})`, params: [scope.tenantId, ...ids] };
}

export async function moneyViolations(database: Database, scope: MoneyScope | string, rules: MoneyRules): Promise<string[]> {
  const within = typeof scope === 'string' ? { tenantId: scope } : scope;
  const plain = partnerFilter(within, 'partner_id');
  const c = partnerFilter(within, 'c.partner_id');
  const p = partnerFilter(within, 'p.partner_id');
  const problems: string[] = [];
  const bad = async (sentence: string, filter: { sql: string; params: unknown[] }, text: (where: string) => string, extra: unknown[] = []) => {
    const found = await rows(database, text(filter.sql), [...filter.params, ...extra]);
    if (found.length > 0) problems.push(`${sentence}: ${JSON.stringify(found.slice(0, 3))}`);
  };

  await bad('a credit is in two live payouts', c, (w) => `select l.credit_id, count(*) as n from payout_lines l join credits c on c.id = l.credit_id where l.tenant_id = $1 and l.released_at is null${w} group by l.credit_id having count(*) > 1`);
  await bad(
    "a credit's payout_id does not match its one live line",
    c,
    (w) => `select c.id, c.payout_id, l.payout_id as line_payout from credits c left join payout_lines l on l.credit_id = c.id and l.released_at is null
       where c.tenant_id = $1${w} and ((c.payout_id is null) <> (l.id is null) or c.payout_id <> l.payout_id)`,
  );
  await bad('a credit outside the approved/paid states sits in a payout', plain, (w) => `select id, status from credits where tenant_id = $1${w} and payout_id is not null and status not in ('approved', 'paid')`);
  await bad(
    "a credit's payout stage disagrees with its payout's status",
    c,
    (w) => `select c.id, c.status, c.payout_stage, p.status as payout_status from credits c join payouts p on p.id = c.payout_id
       where c.tenant_id = $1${w} and not (
         (c.status = 'approved' and c.payout_stage = 'pending' and p.status = 'pending') or
         (c.status = 'approved' and c.payout_stage = 'approved' and p.status in ('approved', 'partially_approved')) or
         (c.status = 'paid' and p.status = 'paid'))`,
  );
  await bad(
    "a payout's line count or total differs from its lines",
    p,
    (w) => `select p.id, p.line_count, p.total_minor, count(l.id) as lines, coalesce(sum(l.amount_minor), 0) as total
       from payouts p left join payout_lines l on l.payout_id = p.id where p.tenant_id = $1${w}
       group by p.id, p.line_count, p.total_minor having p.line_count <> count(l.id) or p.total_minor <> coalesce(sum(l.amount_minor), 0)`,
  );
  await bad(
    "an approved or paid payout's approved amount is not the sum of its approved lines, or is negative, or exceeds what was generated",
    p,
    (w) => `select p.id, p.status, p.approved_minor, coalesce(sum(case when l.status = 'approved' then l.amount_minor end), 0) as approved_lines
       from payouts p left join payout_lines l on l.payout_id = p.id
       where p.tenant_id = $1${w} and p.status in ('approved', 'partially_approved', 'paid')
       group by p.id, p.status, p.approved_minor
       having p.approved_minor is null or p.approved_minor < 0
           or p.approved_minor <> coalesce(sum(case when l.status = 'approved' then l.amount_minor end), 0)
           or p.approved_minor > coalesce(sum(case when l.amount_minor > 0 then l.amount_minor end), 0)`,
  );
  await bad(
    'a decided payout still has pending lines, or a rejected one kept a live line',
    p,
    (w) => `select p.id, p.status, l.id as line, l.status as line_status from payouts p join payout_lines l on l.payout_id = p.id
       where p.tenant_id = $1${w} and ((p.status in ('approved', 'partially_approved', 'paid') and l.status = 'pending')
          or (p.status = 'rejected' and l.released_at is null)
          or (l.status = 'rejected' and l.released_at is null))`,
  );
  await bad(
    'a payout was paid without approval, or its payment is incomplete',
    plain,
    (w) => `select id from payouts where tenant_id = $1${w} and status = 'paid'
       and (approved_by is null or approved_at is null or paid_by is null or payment_reference is null or payment_date is null or payment_method is null)`,
  );
  await bad(
    'four eyes broken: the generator approved, one person gave both approvals, or an approver paid',
    plain,
    (w) => `select id, generated_by, first_approved_by, approved_by, paid_by from payouts where tenant_id = $1${w} and (
         approved_by = generated_by or first_approved_by = generated_by or first_approved_by = approved_by
         or paid_by = approved_by or paid_by = first_approved_by)`,
  );
  if (rules.secondApprovalAboveMinor !== null) {
    await bad(
      // The threshold applies to what will be paid: lines rejected before the approval do not count.
      'a payout above the threshold was approved by one manager only',
      plain,
      (w) => `select id, approved_minor from payouts where tenant_id = $1${w} and status in ('approved', 'partially_approved', 'paid')
         and approved_minor > $${plain.params.length + 1} and first_approved_by is null`,
      [rules.secondApprovalAboveMinor],
    );
  }
  await bad(
    "a paid payout's credits are not all paid",
    p,
    (w) => `select p.id, c.id as credit, c.status from payouts p join payout_lines l on l.payout_id = p.id and l.status = 'approved' join credits c on c.id = l.credit_id
       where p.tenant_id = $1${w} and p.status = 'paid' and c.status <> 'paid'`,
  );
  await bad(
    'clawbacks of a credit exceed it',
    c,
    (w) => `select o.id, o.amount_minor, sum(c.amount_minor) as clawed from credits c join credits o on o.id = c.clawback_of
       where c.tenant_id = $1${w} and c.status not in ('rejected', 'reversed') group by o.id, o.amount_minor having o.amount_minor + sum(c.amount_minor) < 0`,
  );
  problems.push(...(await partnerMonthDrift(database, within)));
  problems.push(...(await payoutCountDrift(database, within.tenantId)));
  return problems;
}

/** payout_counts (whole tenant: the counters have no partner) against a count and sum of the payouts per status. */
export async function payoutCountDrift(database: Database, tenantId: string): Promise<string[]> {
  const kept = new Map((await rows(database, 'select status, total, total_minor from payout_counts where tenant_id = $1', [tenantId])).map((r) => [String(r.status), r]));
  const facts = await rows(database, 'select status, count(*) as n, coalesce(sum(total_minor), 0) as amount from payouts where tenant_id = $1 group by status', [tenantId]);
  const problems: string[] = [];
  for (const f of facts) {
    const k = kept.get(String(f.status));
    kept.delete(String(f.status));
    if (n(k?.total) !== n(f.n) || n(k?.total_minor) !== n(f.amount)) {
      problems.push(`payout_counts ${String(f.status)}: ${n(k?.total)} payouts, ${n(k?.total_minor)} total kept; the payouts say ${n(f.n)}, ${n(f.amount)}`);
    }
  }
  for (const [status, k] of kept) if (n(k.total) !== 0 || n(k.total_minor) !== 0) problems.push(`payout_counts ${status}: ${n(k.total)} payouts and ${n(k.total_minor)} total kept, none in the payouts`);
  return problems;
}

/** partner_months recomputed from the facts (lead cohorts, approved credits by earned_on, paid payouts by payment date). */
export async function partnerMonthDrift(database: Database, scope: MoneyScope): Promise<string[]> {
  const f = partnerFilter(scope, 'partner_id');
  const kept = await rows(database, `select * from partner_months where tenant_id = $1${f.sql}`, f.params);
  const facts = new Map<string, Record<string, number>>();
  const at = (partnerId: unknown, month: unknown) => {
    const key = `${String(partnerId)}|${String(month)}`;
    let row = facts.get(key);
    if (!row) facts.set(key, (row = { leads_submitted: 0, leads_approved: 0, leads_rejected: 0, leads_converted: 0, score_sum: 0, earned_minor: 0, paid_minor: 0 }));
    return row;
  };
  for (const r of await rows(
    database,
    `select partner_id, substr(submitted_on, 1, 7) as month, status, count(*) as n, sum(score) as score from leads where tenant_id = $1${f.sql} and deleted_at is null group by partner_id, substr(submitted_on, 1, 7), status`,
    f.params,
  )) {
    const row = at(r.partner_id, r.month);
    row.leads_submitted! += n(r.n);
    row.score_sum! += n(r.score);
    if (r.status === 'approved') row.leads_approved! += n(r.n);
    if (r.status === 'rejected') row.leads_rejected! += n(r.n);
    if (r.status === 'converted') row.leads_converted! += n(r.n);
  }
  for (const r of await rows(
    database,
    `select partner_id, substr(earned_on, 1, 7) as month, sum(amount_minor) as amount from credits where tenant_id = $1${f.sql} and status in ('approved', 'paid') group by partner_id, substr(earned_on, 1, 7)`,
    f.params,
  )) {
    at(r.partner_id, r.month).earned_minor! += n(r.amount);
  }
  for (const r of await rows(
    database,
    `select partner_id, substr(payment_date, 1, 7) as month, sum(approved_minor) as amount from payouts where tenant_id = $1${f.sql} and status = 'paid' group by partner_id, substr(payment_date, 1, 7)`,
    f.params,
  )) {
    at(r.partner_id, r.month).paid_minor! += n(r.amount);
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const k of kept) {
    const key = `${String(k.partner_id)}|${String(k.month)}`;
    seen.add(key);
    const want = facts.get(key) ?? {};
    for (const column of ['leads_submitted', 'leads_approved', 'leads_rejected', 'leads_converted', 'score_sum', 'earned_minor', 'paid_minor']) {
      if (n(k[column]) !== n(want[column])) problems.push(`partner_months ${key} ${column} is ${n(k[column])}, the facts say ${n(want[column])}`);
    }
  }
  for (const [key, want] of facts) {
    if (!seen.has(key) && Object.values(want).some((v) => v !== 0)) problems.push(`partner_months lacks ${key}: the facts say ${JSON.stringify(want)}`);
  }
  return problems;
}

/** Every balance of a partner recomputed from its credits: what payouts.balance must answer. */
export async function balanceFromFacts(database: Database, tenantId: string, partnerId: string) {
  const [r] = await rows(
    database,
    `select
       coalesce(sum(case when status = 'pending_approval' then amount_minor end), 0) as pending,
       coalesce(sum(case when status = 'approved' and payout_id is null then amount_minor end), 0) as available,
       coalesce(sum(case when status = 'approved' and payout_stage = 'pending' then amount_minor end), 0) as in_payout,
       coalesce(sum(case when status = 'approved' and payout_stage = 'approved' then amount_minor end), 0) as approved_unpaid,
       coalesce(sum(case when status = 'paid' then amount_minor end), 0) as paid,
       coalesce(sum(case when status in ('approved', 'paid') then amount_minor end), 0) as earned
     from credits where tenant_id = $1 and partner_id = $2`,
    [tenantId, partnerId],
  );
  return {
    pendingApprovalMinor: n(r?.pending),
    availableMinor: n(r?.available),
    inPayoutMinor: n(r?.in_payout),
    approvedUnpaidMinor: n(r?.approved_unpaid),
    paidMinor: n(r?.paid),
    earnedMinor: n(r?.earned),
  };
}
