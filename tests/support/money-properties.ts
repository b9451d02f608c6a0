import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ProcedureName } from '../../src-shared/contract';
import { call, rawCall, staffWithRole } from './actors';
import { engines, type EngineUnderTest } from './engines';
import { leadInput, submitLead } from './leads';
import { balanceFromFacts, moneyViolations, rows as rawRows, type MoneyRules } from './money-invariants';
import { createPartner, setUpPartnerSuite, unique, type CreatePartnerInput, type PartnerSuite } from './partners';

/*
 * Issue 8 point 8: random sequences of money operations by random actors, and after every step
 * the invariants hold (tests/support/money-invariants.ts, read straight from the tables): no
 * credit in two live payouts; approved ≤ generated and paid = approved; the kept monthly figures
 * equal the facts; no payout paid without approval; four eyes never broken; and every balance
 * the service answers equals the sum of its parts. The audit chain is verified every 50 sequences
 * and at the end. A refused step must change nothing (its audit trail does not grow) and be
 * refused for a reason the domain has (forbidden, invalid transition, conflict, validation, not
 * found): an `internal` error fails the run.
 *
 * Each sequence works on two fresh partners of one workspace (fixed 50.00 per approved lead;
 * hybrid 25.00 + 15% of the deal) and the invariants are checked over those partners, so the
 * 2,000th sequence costs what the first did. fast-check prints the seed and the shrunk sequence
 * of a failure; replay it with MONEY_PROPERTY_SEED=<seed>.
 */

const TODAY = '2031-03-03';
/** Low enough that a few credits need a second approver, so both four-eyes paths are walked. */
const RULES: MoneyRules = { secondApprovalAboveMinor: 12_000 };
const QUIET_ERRORS = new Set(['forbidden', 'invalid_transition', 'conflict', 'validation', 'not_found', 'rate_limited']);

/**
 * The operations, in the order of the money's path. A sequence is a few rounds; within a round
 * the steps run in this order (ties in generated order), so that a round can take a lead all the
 * way to paid while the actors, targets and choices stay random; a later round claws back what an
 * earlier one paid.
 */
const OPS = ['lead', 'convert', 'approveCredit', 'rejectCredit', 'reverseCredit', 'clawback', 'generate', 'decideLine', 'approvePayout', 'rejectPayout', 'markPaid'] as const;
type Op = (typeof OPS)[number];
const STAGE = Object.fromEntries(OPS.map((op, i) => [op, i])) as Record<Op, number>;
/** Weighted so that most rounds get as far as paying; refusals and rejections come on their own. */
const OP = fc.constantFrom<Op>(
  ...(['lead', 'lead', 'lead', 'convert', 'approveCredit', 'approveCredit', 'approveCredit', 'approveCredit', 'rejectCredit', 'reverseCredit', 'clawback', 'clawback'] as const),
  ...(['generate', 'generate', 'generate', 'decideLine', 'approvePayout', 'approvePayout', 'approvePayout', 'approvePayout', 'rejectPayout', 'markPaid', 'markPaid', 'markPaid'] as const),
);
/** Deciders (admin, two managers, a second admin) come more often than finance and the viewer, who are mostly refused. */
const ACTOR = fc.constantFrom(0, 1, 2, 5, 0, 1, 2, 5, 3, 3, 4);
const step = fc.record({ round: fc.nat(1), op: OP, actor: ACTOR, a: fc.nat(50), b: fc.nat(50), yes: fc.boolean() });
type Step = { round: number; op: Op; actor: number; a: number; b: number; yes: boolean };
/** Rounds in order, and the path's order within a round. */
const inRounds = (steps: Step[]): Step[] => steps.map((st, i) => ({ st, i })).sort((x, y) => x.st.round - y.st.round || STAGE[x.st.op] - STAGE[y.st.op] || x.i - y.i).map(({ st }) => st);

/** Postgres gets 300: at 100 a run reached a paid credit too rarely, and once never clawed one back (the reach check below failed). */
function runsFor(engine: string): number {
  const fromEnv = Number(process.env.MONEY_PROPERTY_RUNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return engine === 'sqlite' ? 2_000 : engine === 'postgres' ? 300 : 60;
}

/**
 * The suite on one engine: 'sqlite', or 'postgres' (the real server when DATABASE_URL is set,
 * PGlite otherwise). One test file per engine, so that the two long runs go to different workers.
 */
export function describeMoneyProperties(kind: 'sqlite' | 'postgres'): void {
  const name = kind === 'sqlite' ? 'sqlite' : engines.some((e) => e.name === 'postgres') ? 'postgres' : 'pglite';
  describe.each(engines.filter((e) => e.name === name))('money properties on $name', (engine) => suite(engine));
}

function suite(engine: EngineUnderTest): void {
  let s: PartnerSuite;
  let actors: { token: string; userId: string }[];
  let sequences = 0;
  /** Whether the current step changed anything (a call succeeded). */
  let changed = false;
  /** Successful calls per procedure: the run must have reached every state, not only refusals. */
  const succeeded = new Map<string, number>();

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
    const manager2 = await staffWithRole(s.app, s.admin.token, 'manager', 'manager2');
    actors = [s.admin, s.staff.manager, manager2, s.staff.finance, s.staff.viewer, s.staff.admin2];
    await call(s.app, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: false }, s.admin.token);
    await call(s.app, 'payouts.updateSettings', { minimumPayoutMinor: 1_000, secondApprovalAboveMinor: RULES.secondApprovalAboveMinor }, s.admin.token);
  }, 120_000);

  afterAll(async () => {
    await s?.app.close();
  });

  const rows = (text: string, params: unknown[]) => rawRows(s.app.database, text, params);

  /** The n-th (modulo) row of a list, or undefined when the list is empty. */
  const pick = <T,>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
  /** Up to `1 + b % 3` rows from the n-th on (wrapping): a step decides a few at once, as a reviewer working a queue does. */
  const some = <T,>(list: T[], n: number, b: number): T[] => (list.length ? Array.from({ length: Math.min(list.length, 1 + (b % 3)) }, (_, i) => list[(n + i) % list.length]!) : []);

  /** The workspace's last audit sequence number (one index probe, however long the trail). */
  async function auditCount(): Promise<number> {
    const [r] = await rows(`select max(seq) as n from activity where tenant_id = $1`, [s.tenantId]);
    return Number(r?.n ?? 0);
  }

  /** Calls through the real dispatch; a refusal must be a domain refusal that wrote nothing. */
  async function attempt(name: ProcedureName, input: unknown, token: string): Promise<boolean> {
    const before = await auditCount();
    const outcome = await rawCall(s.app, name, input, token);
    if (outcome.response.ok) {
      changed = true;
      succeeded.set(name, (succeeded.get(name) ?? 0) + 1);
      return true;
    }
    const { code, message } = outcome.response.error;
    if (!QUIET_ERRORS.has(code)) throw new Error(`${name} failed with ${code}: ${message}`);
    expect(await auditCount(), `${name} refused (${code}: ${message}) yet wrote to the audit trail`).toBe(before);
    return false;
  }

  async function apply(partners: string[], st: Step): Promise<void> {
    const actor = actors[st.actor % actors.length]!;
    const inList = `(${partners.map((_, i) => `$${i + 1}`).join(', ')})`;
    const credits = (status: string) =>
      rows(`select id, version, amount_minor from credits where partner_id in ${inList} and status = '${status}' order by created_at, id`, partners) as Promise<
        { id: string; version: number; amount_minor: number }[]
      >;
    const payouts = (status: string) =>
      rows(`select id, version from payouts where partner_id in ${inList} and status in (${status}) order by created_at, id`, partners) as Promise<{ id: string; version: number }[]>;
    switch (st.op) {
      case 'lead': {
        const partnerId = partners[st.a % partners.length]!;
        const lead = await submitLead(s, s.admin.token, leadInput({ partnerId }));
        changed = true;
        // Mostly approved: rejection is one branch, approval is where the money starts.
        if (st.yes || st.b % 3 > 0) await attempt('leads.approve', { id: lead.id, version: lead.version }, actor.token);
        else await attempt('leads.reject', { id: lead.id, version: lead.version, reason: 'Not a fit' }, actor.token);
        return;
      }
      case 'convert': {
        const lead = pick(
          (await rows(`select id, version from leads where partner_id in ${inList} and status = 'approved' order by created_at, id`, partners)) as { id: string; version: number }[],
          st.a,
        );
        if (lead) await attempt('leads.convert', { id: lead.id, version: Number(lead.version), dealValueMinor: 10_000 + st.b * 1_337, convertedOn: TODAY }, actor.token);
        return;
      }
      case 'approveCredit':
      case 'rejectCredit': {
        for (const credit of some(await credits('pending_approval'), st.a, st.b)) {
          if (st.op === 'approveCredit') await attempt('credits.approve', { id: credit.id, version: Number(credit.version) }, actor.token);
          else await attempt('credits.reject', { id: credit.id, version: Number(credit.version), reason: 'Duplicate claim' }, actor.token);
        }
        return;
      }
      case 'reverseCredit': {
        const credit = pick(await credits('approved'), st.a);
        if (credit) await attempt('credits.reverse', { id: credit.id, version: Number(credit.version), reason: 'Deal cancelled' }, actor.token);
        return;
      }
      case 'clawback': {
        const credit = pick(await credits('paid'), st.a);
        if (credit) await attempt('credits.clawback', { id: credit.id, amountMinor: 1 + ((st.b * 997) % Math.max(1, Number(credit.amount_minor))), reason: 'Refund' }, actor.token);
        return;
      }
      case 'generate': {
        const partnerId = st.yes ? partners[st.a % partners.length] : undefined;
        const outcome = await rawCall(s.app, 'payouts.generate', { periodStart: '2031-01-01', periodEnd: TODAY, ...(partnerId ? { partnerId } : {}), idempotencyKey: `prop-${unique()}` }, actor.token);
        if (!outcome.response.ok) {
          if (!QUIET_ERRORS.has(outcome.response.error.code)) throw new Error(`payouts.generate failed: ${outcome.response.error.message}`);
          return;
        }
        await s.app.services.payouts.whenRunsSettled((outcome.response.result as { id: string }).id);
        changed = true;
        succeeded.set('payouts.generate', (succeeded.get('payouts.generate') ?? 0) + 1);
        return;
      }
      case 'decideLine': {
        const payout = pick(await payouts(`'pending'`), st.a);
        if (!payout) return;
        const line = pick((await rows(`select id from payout_lines where payout_id = $1 and status = 'pending' order by id`, [payout.id])) as { id: string }[], st.b);
        if (line) {
          await attempt(
            'payouts.decideLine',
            { payoutId: payout.id, lineId: line.id, decision: st.yes ? 'approve' : 'reject', ...(st.yes ? {} : { note: 'Not eligible' }), version: Number(payout.version) },
            actor.token,
          );
        }
        return;
      }
      case 'approvePayout':
      case 'rejectPayout': {
        for (const payout of some(await payouts(`'pending'`), st.a, st.b)) {
          if (st.op === 'approvePayout') await attempt('payouts.approve', { id: payout.id, version: Number(payout.version) }, actor.token);
          else await attempt('payouts.reject', { id: payout.id, version: Number(payout.version), notes: 'Figures disputed' }, actor.token);
        }
        return;
      }
      case 'markPaid': {
        const chosen = some(await payouts(`'approved', 'partially_approved'`), st.a, st.b);
        if (chosen.length === 0) return;
        // One bulk call: each payout is paid or refused on its own, and a refused one must stay as it was.
        const before = await auditCount();
        const outcome = await rawCall(
          s.app,
          'payouts.markPaid',
          { payouts: chosen.map((p) => ({ id: p.id, version: Number(p.version) })), paymentDate: TODAY, method: st.yes ? 'bank_transfer' : 'paypal', reference: `PROP-${unique()}` },
          actor.token,
        );
        if (!outcome.response.ok) {
          if (!QUIET_ERRORS.has(outcome.response.error.code)) throw new Error(`payouts.markPaid failed: ${outcome.response.error.message}`);
          expect(await auditCount(), 'a refused markPaid wrote to the audit trail').toBe(before);
          return;
        }
        const paid = (outcome.response.result as { outcomes: { id: string; ok: boolean; code?: string }[] }).outcomes.filter((o) => o.ok);
        const stillApproved = await payouts(`'approved', 'partially_approved'`);
        for (const p of chosen) {
          const ok = paid.some((o) => o.id === p.id);
          expect(stillApproved.some((r) => r.id === p.id), `payout ${p.id} ${ok ? 'reported paid but is not' : 'refused but changed'}`).toBe(!ok);
        }
        if (paid.length > 0) {
          changed = true;
          succeeded.set('payouts.markPaid', (succeeded.get('payouts.markPaid') ?? 0) + paid.length);
        }
        return;
      }
    }
  }

  /** An active partner with these terms (the workspace's KYC rule was switched off once, in beforeAll). */
  async function approvedPartner(terms: CreatePartnerInput['terms']): Promise<string> {
    const partner = await createPartner(s.app, s.admin.token, { terms });
    return (await call(s.app, 'partners.approve', { id: partner.id }, s.admin.token)).id;
  }

  async function check(partners: string[], after: string): Promise<void> {
    const problems = await moneyViolations(s.app.database, { tenantId: s.tenantId, partnerIds: partners }, RULES);
    expect(problems, `after ${after}`).toEqual([]);
    for (const partnerId of partners) {
      const answered = await call(s.app, 'payouts.balance', { partnerId }, s.staff.viewer.token);
      const facts = await balanceFromFacts(s.app.database, s.tenantId, partnerId);
      expect(answered, `balance of ${partnerId} after ${after}`).toMatchObject(facts);
      expect(facts.earnedMinor).toBe(facts.availableMinor + facts.inPayoutMinor + facts.approvedUnpaidMinor + facts.paidMinor);
    }
  }

  async function verifyChain(): Promise<void> {
    const verification = await call(s.app, 'activity.verify', {}, s.admin.token);
    expect(verification.problems).toEqual([]);
    expect(verification.ok).toBe(true);
  }

  test(
    'every step keeps the money invariants',
    async () => {
      const seed = Number(process.env.MONEY_PROPERTY_SEED);
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 30 }), async (steps) => {
          const partners = [
            await approvedPartner({ commissionModel: 'fixed', fixedPriceMinor: 5_000 }),
            await approvedPartner({ commissionModel: 'hybrid', fixedPriceMinor: 2_500, rateBp: 1_500 }),
          ];
          for (const [i, st] of inRounds(steps).entries()) {
            changed = false;
            await apply(partners, st);
            // A step whose every call was refused changed nothing (attempt proves its audit trail did not grow): the last check still stands.
            if (changed) await check(partners, `step ${i + 1} (${st.op} by actor ${st.actor % actors.length})`);
          }
          if (++sequences % 50 === 0) await verifyChain();
        }),
        { numRuns: runsFor(engine.name), ...(Number.isInteger(seed) ? { seed } : {}), endOnFailure: process.env.MONEY_PROPERTY_SHRINK === '0' },
      );
      await verifyChain();
      // Reached, not only attempted: a generator that only ever produced refusals would prove nothing
      // (a short run, replaying one seed or on PGlite, may not reach every branch, and says nothing about it).
      if (runsFor(engine.name) < 100) return;
      const reached = Object.fromEntries(succeeded);
      for (const name of ['leads.approve', 'leads.convert', 'credits.approve', 'credits.reject', 'credits.reverse', 'credits.clawback', 'payouts.generate', 'payouts.decideLine', 'payouts.approve', 'payouts.reject', 'payouts.markPaid']) {
        expect(reached[name] ?? 0, `${name} never succeeded: ${JSON.stringify(reached)}`).toBeGreaterThan(0);
      }
    },
    40 * 60_000,
  );
}
