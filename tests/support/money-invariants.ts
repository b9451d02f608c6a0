import type { Database } from '../../src-main/data/database';

/*
 * The money path's invariants, checked straight against the tables of one workspace (never
 * through the services under test): the property test runs them after every step of a random
 * sequence, the crash test after a restart. Each returns the sentences of what is broken; an
 * empty list means it holds.
 */

/** `$1`-style parameters on both engines (SQLite numbers them `?1`). */
async function rows(database: Database, text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  return database.raw(database.engine === 'sqlite' ? text.replace(/\$(\d+)/g, '?$1') : text, params);
}

const n = (v: unknown): number => Number(v ?? 0);

export interface MoneyRules {
  /** Payouts above this need two different approvers (null: never). */
  secondApprovalAboveMinor: number | null;
}

export async function moneyViolations(database: Database, tenantId: string, rules: MoneyRules): Promise<string[]> {
  const problems: string[] = [];
  const bad = (sentence: string, found: Record<string, unknown>[]) => {
    if (found.length > 0) problems.push(`${sentence}: ${JSON.stringify(found.slice(0, 3))}`);
  };

  bad(
    'a credit is in two live payouts',
    await rows(database, `select credit_id, count(*) as n from payout_lines where tenant_id = $1 and released_at is null group by credit_id having count(*) > 1`, [tenantId]),
  );
  bad(
    "a credit's payout_id does not match its one live line",
    await rows(
      database,
      `select c.id, c.payout_id, l.payout_id as line_payout from credits c left join payout_lines l on l.credit_id = c.id and l.released_at is null
       where c.tenant_id = $1 and ((c.payout_id is null) <> (l.id is null) or c.payout_id <> l.payout_id)`,
      [tenantId],
    ),
  );
  bad(
    'a credit outside the approved/paid states sits in a payout',
    await rows(database, `select id, status from credits where tenant_id = $1 and payout_id is not null and status not in ('approved', 'paid')`, [tenantId]),
  );
  bad(
    "a credit's payout stage disagrees with its payout's status",
    await rows(
      database,
      `select c.id, c.status, c.payout_stage, p.status as payout_status from credits c join payouts p on p.id = c.payout_id
       where c.tenant_id = $1 and not (
         (c.status = 'approved' and c.payout_stage = 'pending' and p.status = 'pending') or
         (c.status = 'approved' and c.payout_stage = 'approved' and p.status in ('approved', 'partially_approved')) or
         (c.status = 'paid' and p.status = 'paid'))`,
      [tenantId],
    ),
  );
  bad(
    "a payout's line count or total differs from its lines",
    await rows(
      database,
      `select p.id, p.line_count, p.total_minor, count(l.id) as lines, coalesce(sum(l.amount_minor), 0) as total
       from payouts p left join payout_lines l on l.payout_id = p.id where p.tenant_id = $1
       group by p.id, p.line_count, p.total_minor having p.line_count <> count(l.id) or p.total_minor <> coalesce(sum(l.amount_minor), 0)`,
      [tenantId],
    ),
  );
  bad(
    "an approved or paid payout's approved amount is not the sum of its approved lines, or is negative, or exceeds what was generated",
    await rows(
      database,
      `select p.id, p.status, p.approved_minor, coalesce(sum(case when l.status = 'approved' then l.amount_minor end), 0) as approved_lines,
              coalesce(sum(case when l.amount_minor > 0 then l.amount_minor end), 0) as gross
       from payouts p left join payout_lines l on l.payout_id = p.id
       where p.tenant_id = $1 and p.status in ('approved', 'partially_approved', 'paid')
       group by p.id, p.status, p.approved_minor
       having p.approved_minor is null or p.approved_minor < 0
           or p.approved_minor <> coalesce(sum(case when l.status = 'approved' then l.amount_minor end), 0)
           or p.approved_minor > coalesce(sum(case when l.amount_minor > 0 then l.amount_minor end), 0)`,
      [tenantId],
    ),
  );
  bad(
    'a decided payout still has pending lines, or a rejected one kept a live line',
    await rows(
      database,
      `select p.id, p.status, l.id as line, l.status as line_status from payouts p join payout_lines l on l.payout_id = p.id
       where p.tenant_id = $1 and ((p.status in ('approved', 'partially_approved', 'paid') and l.status = 'pending')
          or (p.status = 'rejected' and l.released_at is null)
          or (l.status = 'rejected' and l.released_at is null))`,
      [tenantId],
    ),
  );
  bad(
    'a payout was paid without approval, or its payment is incomplete',
    await rows(
      database,
      `select id from payouts where tenant_id = $1 and status = 'paid'
       and (approved_by is null or approved_at is null or paid_by is null or payment_reference is null or payment_date is null or payment_method is null)`,
      [tenantId],
    ),
  );
  bad(
    'four eyes broken: the generator approved, one person gave both approvals, or an approver paid',
    await rows(
      database,
      `select id, generated_by, first_approved_by, approved_by, paid_by from payouts where tenant_id = $1 and (
         approved_by = generated_by or first_approved_by = generated_by or first_approved_by = approved_by
         or paid_by = approved_by or paid_by = first_approved_by)`,
      [tenantId],
    ),
  );
  if (rules.secondApprovalAboveMinor !== null) {
    bad(
      'a payout above the threshold was approved by one manager only',
      await rows(
        database,
        `select id, total_minor from payouts where tenant_id = $1 and status in ('approved', 'partially_approved', 'paid')
         and total_minor > $2 and first_approved_by is null`,
        [tenantId, rules.secondApprovalAboveMinor],
      ),
    );
  }
  bad(
    "a paid payout's credits are not all paid",
    await rows(
      database,
      `select p.id, c.id as credit, c.status from payouts p join payout_lines l on l.payout_id = p.id and l.status = 'approved' join credits c on c.id = l.credit_id
       where p.tenant_id = $1 and p.status = 'paid' and c.status <> 'paid'`,
      [tenantId],
    ),
  );
  bad(
    'clawbacks of a credit exceed it',
    await rows(
      database,
      `select o.id, o.amount_minor, sum(c.amount_minor) as clawed from credits c join credits o on o.id = c.clawback_of
       where c.tenant_id = $1 and c.status not in ('rejected', 'reversed') group by o.id, o.amount_minor having o.amount_minor + sum(c.amount_minor) < 0`,
      [tenantId],
    ),
  );
  problems.push(...(await partnerMonthDrift(database, tenantId)));
  return problems;
}

/** partner_months recomputed from the facts (lead cohorts, approved credits by earned_on, paid payouts by payment date). */
export async function partnerMonthDrift(database: Database, tenantId: string): Promise<string[]> {
  const kept = await rows(database, `select * from partner_months where tenant_id = $1`, [tenantId]);
  const facts = new Map<string, Record<string, number>>();
  const at = (partnerId: unknown, month: unknown) => {
    const key = `${String(partnerId)}|${String(month)}`;
    let row = facts.get(key);
    if (!row) facts.set(key, (row = { leads_submitted: 0, leads_approved: 0, leads_rejected: 0, leads_converted: 0, score_sum: 0, earned_minor: 0, paid_minor: 0 }));
    return row;
  };
  for (const r of await rows(
    database,
    `select partner_id, substr(submitted_on, 1, 7) as month, status, count(*) as n, sum(score) as score from leads where tenant_id = $1 and deleted_at is null group by partner_id, substr(submitted_on, 1, 7), status`,
    [tenantId],
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
    `select partner_id, substr(earned_on, 1, 7) as month, sum(amount_minor) as amount from credits where tenant_id = $1 and status in ('approved', 'paid') group by partner_id, substr(earned_on, 1, 7)`,
    [tenantId],
  )) {
    at(r.partner_id, r.month).earned_minor! += n(r.amount);
  }
  for (const r of await rows(
    database,
    `select partner_id, substr(payment_date, 1, 7) as month, sum(approved_minor) as amount from payouts where tenant_id = $1 and status = 'paid' group by partner_id, substr(payment_date, 1, 7)`,
    [tenantId],
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
