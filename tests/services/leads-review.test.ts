import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAD_STATUSES, type LeadStatus } from '../../src-shared/contract/leads';
import { engines } from '../support/engines';
import { call, rawCall } from '../support/actors';
import { callError } from '../support/outcomes';
import { audited, ownWorkspace, setUpPartnerSuite, unchanged, type PartnerSuite } from '../support/partners';
import { activePartner, leadInput, leadRow, submitLead } from '../support/leads';

/**
 * Reviewing leads on every engine: the status actions from the transition table (roles,
 * reasons, values), each audited in its transaction; compare-and-set between two reviewers;
 * counters kept per status; the queue's and the list's keyset pages and filters.
 */
describe.each(engines)('lead review on $name', (engine) => {
  let s: PartnerSuite;
  const admin = () => s.admin.token;
  const manager = () => s.staff.manager.token;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  async function freshLead(token = admin(), overrides: Parameters<typeof leadInput>[0] = {}) {
    const partner = await activePartner(s, {}, token);
    return submitLead(s, token, leadInput({ partnerId: partner.id, ...overrides }));
  }

  it('start review claims the lead for the reviewer, visible to the others; approve, then convert', async () => {
    const lead = await freshLead();
    const { result: started } = await audited(s.app, s.tenantId, ['lead.review_started'], () => call(s.app, 'leads.startReview', { id: lead.id, version: 0 }, manager()), lead.id);
    expect(started).toMatchObject({ status: 'under_review', version: 1, claimedBy: { id: s.staff.manager.userId, name: 'manager user' } });
    expect(started.actions.map((a) => a.action)).toEqual(['approve', 'reject']);
    const seenByAdmin = await call(s.app, 'leads.get', { id: lead.id }, admin());
    expect(seenByAdmin.claimedBy?.id).toBe(s.staff.manager.userId);
    const { result: approved, row } = await audited(s.app, s.tenantId, ['lead.approved'], () => call(s.app, 'leads.approve', { id: lead.id, version: 1, crmLeadId: ' CRM-42 ' }, admin()), lead.id);
    expect(approved).toMatchObject({ status: 'approved', version: 2, crmLeadId: 'CRM-42', decidedBy: { id: s.admin.userId } });
    expect(row?.details).toMatchObject({ from: 'under_review', to: 'approved', crmLeadId: 'CRM-42' });
    const today = s.app.clock().toISOString().slice(0, 10);
    // The partner's percentage model earns a credit on conversion, pending approval, in the same transaction.
    const { result: converted } = await audited(s.app, s.tenantId, ['lead.converted', 'credit.created'], () =>
      call(s.app, 'leads.convert', { id: lead.id, version: 2, dealValueMinor: 1_250_000, convertedOn: today }, manager()),
    );
    expect(converted).toMatchObject({ status: 'converted', convertedValueMinor: 1_250_000, convertedOn: today, crmLeadId: 'CRM-42', actions: [] });
    expect((await leadRow(s, lead.id)).convertedAt).toBeInstanceOf(Date);
  });

  it('reject needs a reason, which the partner sees; final statuses refuse every action', async () => {
    const lead = await freshLead();
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'leads.reject', { id: lead.id, version: 0, reason: '   ' }, admin())).toMatchObject({ code: 'validation', field: 'reason' });
      expect(await callError(s.app, 'leads.reject', { id: lead.id, version: 0 }, admin())).toMatchObject({ code: 'validation', field: 'reason' });
    });
    const rejected = await call(s.app, 'leads.reject', { id: lead.id, version: 0, reason: 'Existing customer' }, admin());
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Existing customer', actions: [] });
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'leads.approve', { id: lead.id, version: 1 }, admin())).toMatchObject({ code: 'invalid_transition' });
      expect(await callError(s.app, 'leads.convert', { id: lead.id, version: 1, dealValueMinor: 100, convertedOn: '2031-03-03' }, admin())).toMatchObject({ code: 'invalid_transition' });
    });
  });

  it('convert refuses a submitted lead, a zero value and a date before submission or after today', async () => {
    const lead = await freshLead();
    expect(await callError(s.app, 'leads.convert', { id: lead.id, version: 0, dealValueMinor: 100, convertedOn: '2031-03-03' }, admin())).toMatchObject({ code: 'invalid_transition' });
    const approved = await call(s.app, 'leads.approve', { id: lead.id, version: 0 }, admin());
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'leads.convert', { id: lead.id, version: approved.version, dealValueMinor: 0, convertedOn: '2031-03-03' }, admin())).toMatchObject({ code: 'validation', field: 'dealValueMinor' });
      expect(await callError(s.app, 'leads.convert', { id: lead.id, version: approved.version, dealValueMinor: 100, convertedOn: '2031-03-02' }, admin())).toMatchObject({ code: 'validation', field: 'convertedOn' });
      expect(await callError(s.app, 'leads.convert', { id: lead.id, version: approved.version, dealValueMinor: 100, convertedOn: '2099-01-01' }, admin())).toMatchObject({ code: 'validation', field: 'convertedOn' });
    });
  });

  it('roles come from the transition table: finance and viewer decide nothing', async () => {
    const lead = await freshLead();
    for (const token of [s.staff.finance.token, s.staff.viewer.token]) {
      expect(await callError(s.app, 'leads.startReview', { id: lead.id, version: 0 }, token)).toMatchObject({ code: 'forbidden' });
      expect(await callError(s.app, 'leads.approve', { id: lead.id, version: 0 }, token)).toMatchObject({ code: 'forbidden' });
    }
    expect((await call(s.app, 'leads.get', { id: lead.id }, s.staff.finance.token)).actions).toEqual([]);
  });

  it('a stale version is a conflict naming what happened, and writes nothing', async () => {
    const lead = await freshLead();
    await call(s.app, 'leads.startReview', { id: lead.id, version: 0 }, manager());
    const error = await unchanged(s.app, () => callError(s.app, 'leads.approve', { id: lead.id, version: 0 }, admin()));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('under review by manager user');
  });

  it('two reviewers acting at once: exactly one wins, the other gets a conflict (through the real write path)', async () => {
    for (let round = 0; round < 3; round++) {
      const lead = await freshLead();
      const outcomes = await Promise.all([
        rawCall(s.app, 'leads.approve', { id: lead.id, version: 0 }, admin()),
        rawCall(s.app, 'leads.reject', { id: lead.id, version: 0, reason: 'Duplicate of our own lead' }, manager()),
      ]);
      const ok = outcomes.filter((o) => o.response.ok);
      const failed = outcomes.flatMap((o) => (o.response.ok ? [] : [o.response.error]));
      expect(ok).toHaveLength(1);
      expect(failed).toEqual([expect.objectContaining({ code: 'conflict', message: expect.stringContaining('Someone else changed this lead meanwhile') })]);
      const row = await leadRow(s, lead.id);
      expect(row.version).toBe(1);
      const trail = await s.app.database.db.select().from(s.app.database.t.activity).where(eq(s.app.database.t.activity.resourceId, lead.id));
      expect(trail.map((r) => r.action).filter((a) => a !== 'lead.submitted')).toHaveLength(1);
    }
  });

  it.skipIf(engine.name !== 'postgres')('postgres: the UPDATE itself compares and sets (the loser read the old version and still updates nothing)', async () => { // skip reason: this race needs two Postgres connections interleaving; SQLite has a single writer and PGlite a single connection, so neither can interleave the two reads
    const lead = await freshLead();
    const l = s.app.database.t.leads;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // A second connection holds the row changed but uncommitted (another desktop mid-approval).
    let changed: () => void = () => undefined;
    const hasChanged = new Promise<void>((resolve) => {
      changed = resolve;
    });
    const holder = s.app.database.write(async (tx) => {
      await tx.update(l).set({ version: sql`${l.version} + 1`, status: 'approved' }).where(eq(l.id, lead.id));
      changed();
      await gate;
    });
    await hasChanged;
    // This call reads the committed version 0, passes the early check, and its UPDATE waits for the row lock.
    const loser = rawCall(s.app, 'leads.reject', { id: lead.id, version: 0, reason: 'Too late' }, manager());
    for (let i = 0; i < 100; i++) {
      const waiting = await s.app.database.raw("select count(*)::int as n from pg_locks where not granted and locktype in ('transactionid', 'tuple')");
      if (Number(waiting[0]?.n) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    release();
    await holder;
    const outcome = await loser;
    expect(outcome.response).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await leadRow(s, lead.id)).rejectionReason).toBeNull();
  });

  it('counts per status follow every submission and action, duplicates apart', async () => {
    const { token } = await ownWorkspace(s);
    const zero = Object.fromEntries(LEAD_STATUSES.map((st) => [st, 0])) as Record<LeadStatus, number>;
    expect(await call(s.app, 'leads.counts', {}, token)).toEqual({ byStatus: zero, duplicatesByStatus: zero, pending: 0 });
    const partner = await activePartner(s, {}, token);
    const a = await submitLead(s, token, leadInput({ partnerId: partner.id }));
    const b = await submitLead(s, token, leadInput({ partnerId: partner.id, email: a.email ?? undefined }));
    const c = await submitLead(s, token, leadInput({ partnerId: partner.id }));
    expect(b.duplicateFlag).toBe(true);
    await call(s.app, 'leads.startReview', { id: a.id, version: 0 }, token);
    await call(s.app, 'leads.approve', { id: b.id, version: 0 }, token);
    await call(s.app, 'leads.reject', { id: c.id, version: 0, reason: 'Spam' }, token);
    const counts = await call(s.app, 'leads.counts', {}, token);
    expect(counts).toEqual({
      byStatus: { ...zero, under_review: 1, approved: 1, rejected: 1 },
      duplicatesByStatus: { ...zero, approved: 1 },
      pending: 1,
    });
  });

  it('the queue: pending only, highest score first then oldest, keyset pages that meet exactly, filters', async () => {
    const { token } = await ownWorkspace(s);
    const p1 = await activePartner(s, {}, token);
    const p2 = await activePartner(s, {}, token);
    const made = [];
    for (let i = 0; i < 13; i++) {
      // Varying completeness and value give varying scores; some share one score (ties go to the older).
      const sparse = i % 3 === 0;
      made.push(
        await submitLead(
          s,
          token,
          leadInput({ partnerId: i % 2 ? p1.id : p2.id, type: i % 4 ? 'new_lead' : 'referral', ...(sparse ? { jobTitle: undefined, productInterest: undefined, estimatedValueMinor: undefined } : {}) }),
        ),
      );
    }
    const decided = made[5];
    if (!decided) throw new Error('no lead');
    await call(s.app, 'leads.approve', { id: decided.id, version: 0 }, token);
    const pending = made.filter((m) => m.id !== decided.id);
    const expected = [...pending].sort((x, y) => y.score - x.score || x.submittedAt.localeCompare(y.submittedAt) || x.id.localeCompare(y.id)).map((m) => m.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await call(s.app, 'leads.queue', { limit: 5, ...(cursor ? { cursor } : {}) }, token);
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);
    const byPartner = await call(s.app, 'leads.queue', { partnerId: p1.id, limit: 200 }, token);
    expect(byPartner.rows.map((r) => r.id)).toEqual(expected.filter((id) => pending.find((m) => m.id === id)?.partner.id === p1.id));
    const referrals = await call(s.app, 'leads.queue', { type: 'referral', limit: 200 }, token);
    expect(referrals.rows.every((r) => r.type === 'referral')).toBe(true);
    expect(referrals.rows.length).toBe(pending.filter((m) => m.type === 'referral').length);
    const scores = pending.map((m) => m.score).sort((x, y) => x - y);
    const mid = scores[Math.floor(scores.length / 2)] ?? 50;
    const high = await call(s.app, 'leads.queue', { minScore: mid, limit: 200 }, token);
    expect(high.rows.map((r) => r.score).every((sc) => sc >= mid)).toBe(true);
    expect(high.rows.length).toBe(pending.filter((m) => m.score >= mid).length);
    const low = await call(s.app, 'leads.queue', { maxScore: mid - 1, limit: 200 }, token);
    expect(low.rows.length + high.rows.length).toBe(pending.length);
    expect((await call(s.app, 'leads.queue', { duplicate: true, limit: 200 }, token)).rows).toEqual([]);
    expect((await call(s.app, 'leads.queue', { status: 'under_review' }, token)).rows).toEqual([]);
    // A cursor that does not decode, or one of the list, is refused.
    expect(await callError(s.app, 'leads.queue', { cursor: 'garbage' }, token)).toMatchObject({ code: 'validation', field: 'cursor' });
  });

  it('the list: every status, newest first, keyset pages, filters by status and duplicate flag', async () => {
    const { token } = await ownWorkspace(s);
    const partner = await activePartner(s, {}, token);
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await submitLead(s, token, leadInput({ partnerId: partner.id })));
    const first = made[0];
    if (!first) throw new Error('no lead');
    const dup = await submitLead(s, token, leadInput({ partnerId: partner.id, email: first.email ?? undefined }));
    await call(s.app, 'leads.reject', { id: first.id, version: 0, reason: 'Test' }, token);
    const all = [...made, dup].reverse().map((m) => m.id);
    const p1 = await call(s.app, 'leads.list', { limit: 3 }, token);
    const p2 = await call(s.app, 'leads.list', { limit: 3, cursor: p1.nextCursor ?? '' }, token);
    const p3 = await call(s.app, 'leads.list', { limit: 3, cursor: p2.nextCursor ?? '' }, token);
    expect([...p1.rows, ...p2.rows, ...p3.rows].map((r) => r.id)).toEqual(all);
    expect(p3.nextCursor).toBeNull();
    expect((await call(s.app, 'leads.list', { status: 'rejected' }, token)).rows.map((r) => r.id)).toEqual([first.id]);
    expect((await call(s.app, 'leads.list', { duplicate: true }, token)).rows.map((r) => r.id)).toEqual([dup.id]);
    expect(await callError(s.app, 'leads.list', { cursor: p1.nextCursor ? Buffer.from('["q",1,2,"x"]').toString('base64url') : 'x' }, token)).toMatchObject({ code: 'validation', field: 'cursor' });
  });
});
