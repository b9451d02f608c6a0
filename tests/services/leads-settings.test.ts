import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LEAD_SCORE_WEIGHTS, DEFAULT_REJECTION_REASONS, type LeadScoreWeights } from '../../src-shared/contract/leads';
import { leadRescoringService } from '../../src-main/services/leads/rescoring';
import { engines } from '../support/engines';
import { call } from '../support/actors';
import { callError } from '../support/outcomes';
import { audited, ownWorkspace, setUpPartnerSuite, unchanged, type PartnerSuite } from '../support/partners';
import { activePartner, leadInput, leadRow, submitLead } from '../support/leads';

/**
 * Lead settings on every engine: defaults, audited changes of any subset (and a refused one
 * writes nothing), the weights preview computed from stored leads, and the explicit rescoring
 * of pending leads only, audited, with the version moved. Each test that counts leads works in
 * its own workspace, since a rescore and a preview see the whole workspace.
 */
describe.each(engines)('lead settings on $name', (engine) => {
  let s: PartnerSuite;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  /** Everything on completeness: a lead's score is then the share of its 7 contact fields, out of 100. */
  const ONLY_COMPLETENESS: LeadScoreWeights = { completeness: 1, email: 0, phone: 0, estimated_value: 0, duplicate: 0, partner_history: 0 };

  it('a workspace that set nothing reads the defaults; every staff role may read them', async () => {
    const own = await ownWorkspace(s);
    const settings = await call(s.app, 'leads.settings', {}, own.token);
    expect(settings).toEqual({
      weights: DEFAULT_LEAD_SCORE_WEIGHTS,
      maxima: DEFAULT_LEAD_SCORE_WEIGHTS,
      protectionWindowDays: 90,
      referenceDealValueMinor: 1_000_000,
      currency: 'EUR',
      minPartnerDecisions: 10,
      rejectionReasons: [...DEFAULT_REJECTION_REASONS],
    });
    expect((await call(s.app, 'leads.settings', {}, s.staff.viewer.token)).rejectionReasons).toEqual([...DEFAULT_REJECTION_REASONS]);
  });

  it('an admin changes any subset; the audit row holds before and after of what changed; the rest keeps its value', async () => {
    const own = await ownWorkspace(s);
    const weights = { ...DEFAULT_LEAD_SCORE_WEIGHTS, completeness: 40, partner_history: 0 };
    const reasons = ['Already a customer', 'Outside our target market'];
    const { result, row } = await audited(
      s.app,
      own.tenantId,
      ['lead.settings_changed'],
      () => call(s.app, 'leads.updateSettings', { weights, rejectionReasons: [' Already a customer ', 'Outside our target market'] }, own.token),
      own.tenantId,
    );
    expect(result).toMatchObject({ weights, rejectionReasons: reasons, protectionWindowDays: 90 });
    expect(result.maxima).toEqual({ completeness: 36, email: 14, phone: 14, estimated_value: 18, duplicate: 18, partner_history: 0 });
    expect(row?.details).toEqual({
      changed: ['weights', 'rejectionReasons'],
      from: { weights: DEFAULT_LEAD_SCORE_WEIGHTS, rejectionReasons: [...DEFAULT_REJECTION_REASONS] },
      to: { weights, rejectionReasons: reasons },
    });

    const { row: windowRow } = await audited(s.app, own.tenantId, ['lead.settings_changed'], () =>
      call(s.app, 'leads.updateSettings', { protectionWindowDays: 30, referenceDealValueMinor: 5_000_000, minPartnerDecisions: 3 }, own.token),
    );
    expect(windowRow?.details).toEqual({
      changed: ['protectionWindowDays', 'referenceDealValueMinor', 'minPartnerDecisions'],
      from: { protectionWindowDays: 90, referenceDealValueMinor: 1_000_000, minPartnerDecisions: 10 },
      to: { protectionWindowDays: 30, referenceDealValueMinor: 5_000_000, minPartnerDecisions: 3 },
    });
    // A change of the workspace's own settings keeps the lead settings (they share the tenant's JSON).
    await call(s.app, 'workspaces.updateSettings', { timeZone: 'Europe/Berlin', approvalNeedsVerifiedKyc: false }, own.token);
    expect(await call(s.app, 'leads.settings', {}, own.token)).toMatchObject({ weights, rejectionReasons: reasons, protectionWindowDays: 30, referenceDealValueMinor: 5_000_000, minPartnerDecisions: 3 });
    expect(await call(s.app, 'workspaces.settings', {}, own.token)).toEqual({ timeZone: 'Europe/Berlin', approvalNeedsVerifiedKyc: false });
    // The same values again change nothing, so nothing is recorded.
    await unchanged(s.app, () => call(s.app, 'leads.updateSettings', { weights, protectionWindowDays: 30 }, own.token));
  });

  it('bad input is refused on its field and changes nothing; only admins change settings', async () => {
    const own = await ownWorkspace(s);
    const zero: LeadScoreWeights = { completeness: 0, email: 0, phone: 0, estimated_value: 0, duplicate: 0, partner_history: 0 };
    const refusals: [unknown, string | undefined][] = [
      [{ weights: zero }, 'weights'],
      [{ weights: { ...DEFAULT_LEAD_SCORE_WEIGHTS, email: 1001 } }, 'weights.email'],
      [{ weights: { ...DEFAULT_LEAD_SCORE_WEIGHTS, phone: 2.5 } }, 'weights.phone'],
      [{ weights: { completeness: 10 } }, 'weights.email'],
      [{ protectionWindowDays: 0 }, 'protectionWindowDays'],
      [{ protectionWindowDays: 3651 }, 'protectionWindowDays'],
      [{ referenceDealValueMinor: 0 }, 'referenceDealValueMinor'],
      [{ minPartnerDecisions: 0 }, 'minPartnerDecisions'],
      [{ rejectionReasons: [] }, 'rejectionReasons'],
      [{ rejectionReasons: ['Already a customer', 'already a customer '] }, 'rejectionReasons'],
      [{ rejectionReasons: ['   '] }, 'rejectionReasons.0'],
      [{ rejectionReasons: ['x'.repeat(201)] }, 'rejectionReasons.0'],
      [{ rejectionReasons: Array.from({ length: 31 }, (_, i) => `Reason ${i}`) }, 'rejectionReasons'],
      [{}, undefined],
    ];
    await unchanged(s.app, async () => {
      for (const [input, field] of refusals) {
        const error = await callError(s.app, 'leads.updateSettings', input, own.token);
        expect(error.code, JSON.stringify(input)).toBe('validation');
        if (field !== undefined) expect(error.field, JSON.stringify(input)).toBe(field);
      }
      for (const token of [s.staff.manager.token, s.staff.finance.token, s.staff.viewer.token]) {
        expect(await callError(s.app, 'leads.updateSettings', { protectionWindowDays: 30 }, token)).toMatchObject({ code: 'forbidden' });
        expect(await callError(s.app, 'leads.previewWeights', { weights: DEFAULT_LEAD_SCORE_WEIGHTS }, token)).toMatchObject({ code: 'forbidden' });
        expect(await callError(s.app, 'leads.rescore', {}, token)).toMatchObject({ code: 'forbidden' });
      }
    });
    expect((await call(s.app, 'leads.settings', {}, own.token)).weights).toEqual(DEFAULT_LEAD_SCORE_WEIGHTS);
  });

  it('changing the weights never rewrites a stored score; a new submission is scored with the new weights', async () => {
    const own = await ownWorkspace(s);
    const partner = await activePartner(s, {}, own.token);
    const lead = await submitLead(s, own.token, leadInput({ partnerId: partner.id, phone: undefined }));
    const before = await leadRow(s, lead.id);
    await call(s.app, 'leads.updateSettings', { weights: ONLY_COMPLETENESS }, own.token);
    expect(await leadRow(s, lead.id)).toEqual(before);
    const next = await submitLead(s, own.token, leadInput({ partnerId: partner.id, phone: undefined }));
    // 6 of 7 contact fields: 100 × 6/7 = 85.7 → 86, every other signal off.
    expect(next.score).toBe(86);
    expect(next.scoreBreakdown.find((b) => b.signal === 'completeness')).toMatchObject({ points: 86, max: 100 });
    expect(lead.score).not.toBe(86);
  });

  it('the preview scores the recent leads under proposed weights beside their stored score, and writes nothing', async () => {
    const own = await ownWorkspace(s);
    const partner = await activePartner(s, {}, own.token);
    const full = await submitLead(s, own.token, leadInput({ partnerId: partner.id }));
    const sparse = await submitLead(s, own.token, { type: 'new_lead', idempotencyKey: `sparse-${Date.now()}`, partnerId: partner.id, contactName: 'Sid Sparse', email: `sid.${Date.now()}@gmail.com` });
    // The same email as `full`: flagged as its duplicate (an email match gives none of the duplicate share).
    const dup = await submitLead(s, own.token, leadInput({ partnerId: partner.id, email: full.email ?? undefined }));
    expect(dup.duplicateFlag).toBe(true);

    const preview = await unchanged(s.app, () => call(s.app, 'leads.previewWeights', { weights: ONLY_COMPLETENESS }, own.token));
    expect(preview.rows.map((r) => r.id)).toEqual([dup.id, sparse.id, full.id]);
    expect(preview.rows[0]).toEqual({ id: dup.id, contactName: dup.contactName, partner: { id: partner.id, code: partner.code, name: partner.displayName }, status: 'submitted', oldScore: dup.score, newScore: 100 });
    // 2 of 7 fields (contact name and email): 28.6 → 29.
    expect(preview.rows.map((r) => [r.oldScore, r.newScore])).toEqual([
      [dup.score, 100],
      [sparse.score, 29],
      [full.score, 100],
    ]);
    const changes = [100 - dup.score, 29 - sparse.score, 100 - full.score];
    expect(preview.summary).toEqual({
      leads: 3,
      up: changes.filter((c) => c > 0).length,
      down: changes.filter((c) => c < 0).length,
      unchanged: changes.filter((c) => c === 0).length,
      meanChange: Math.round((changes.reduce((a, b) => a + b, 0) * 10) / 3) / 10,
    });
    expect(preview.maxima).toEqual({ completeness: 100, email: 0, phone: 0, estimated_value: 0, duplicate: 0, partner_history: 0 });

    // Only the duplicate signal: the stored match decides, so the flagged lead gets nothing.
    const onlyDuplicate = { ...ONLY_COMPLETENESS, completeness: 0, duplicate: 5 };
    const dupPreview = await call(s.app, 'leads.previewWeights', { weights: onlyDuplicate }, own.token);
    expect(dupPreview.rows.map((r) => r.newScore)).toEqual([0, 100, 100]);
    // The default weights reproduce the stored scores (nothing decided meanwhile, so the partner record is the same).
    const same = await call(s.app, 'leads.previewWeights', { weights: DEFAULT_LEAD_SCORE_WEIGHTS }, own.token);
    expect(same.summary).toMatchObject({ leads: 3, unchanged: 3, meanChange: 0 });
    expect(await callError(s.app, 'leads.previewWeights', { weights: { ...ONLY_COMPLETENESS, completeness: 0 } }, own.token)).toMatchObject({ code: 'validation', field: 'weights' });
  });

  it('rescoring rewrites pending leads only, moves their version (a stale action conflicts), and is audited', async () => {
    const own = await ownWorkspace(s);
    const partner = await activePartner(s, {}, own.token);
    const submitted = await submitLead(s, own.token, leadInput({ partnerId: partner.id, phone: undefined }));
    const reviewing = await call(s.app, 'leads.startReview', { id: (await submitLead(s, own.token, leadInput({ partnerId: partner.id }))).id, version: 0 }, own.token);
    const approved = await call(s.app, 'leads.approve', { id: (await submitLead(s, own.token, leadInput({ partnerId: partner.id }))).id, version: 0 }, own.token);
    const rejected = await call(s.app, 'leads.reject', { id: (await submitLead(s, own.token, leadInput({ partnerId: partner.id }))).id, version: 0, reason: DEFAULT_REJECTION_REASONS[1]! }, own.token);
    const decidedBefore = [await leadRow(s, approved.id), await leadRow(s, rejected.id)];
    await call(s.app, 'leads.updateSettings', { weights: ONLY_COMPLETENESS }, own.token);
    const preview = await call(s.app, 'leads.previewWeights', { weights: ONLY_COMPLETENESS }, own.token);

    // One chunk per pending status here, each with its own row.
    const { result, rows } = await audited(s.app, own.tenantId, ['lead.rescored', 'lead.rescored'], () => call(s.app, 'leads.rescore', {}, own.token), own.tenantId);
    expect(result).toEqual({ examined: 2, rescored: 2, weights: ONLY_COMPLETENESS });
    type Details = { examined: number; rescored: number; weights: unknown; leads: { id: string; from: number; to: number }[]; status: string };
    const details = rows.map((r) => r.details as Details);
    expect(details).toEqual([
      expect.objectContaining({ status: 'submitted', examined: 1, rescored: 1, weights: ONLY_COMPLETENESS, leads: [{ id: submitted.id, from: submitted.score, to: 86 }] }),
      expect.objectContaining({ status: 'under_review', examined: 1, rescored: 1, weights: ONLY_COMPLETENESS, leads: [{ id: reviewing.id, from: reviewing.score, to: 100 }] }),
    ]);

    const after = { submitted: await leadRow(s, submitted.id), reviewing: await leadRow(s, reviewing.id) };
    expect(after.submitted).toMatchObject({ score: 86, queueRank: 14, version: 1, status: 'submitted' });
    expect(after.reviewing).toMatchObject({ score: 100, queueRank: 0, version: 2, status: 'under_review' });
    expect(after.submitted.scoreBreakdown.find((b) => b.signal === 'completeness')).toMatchObject({ points: 86, max: 100 });
    // What the preview promised is what the rescore stored.
    expect(preview.rows.find((r) => r.id === submitted.id)?.newScore).toBe(86);
    expect([await leadRow(s, approved.id), await leadRow(s, rejected.id)]).toEqual(decidedBefore);

    // A reviewer who still sees the old score acts on the old version: a conflict, not a decision.
    expect(await callError(s.app, 'leads.approve', { id: submitted.id, version: 0 }, own.token)).toMatchObject({ code: 'conflict' });
    expect(await callError(s.app, 'leads.reject', { id: reviewing.id, version: 1, reason: 'Already a customer' }, own.token)).toMatchObject({ code: 'conflict' });

    // Again with the same weights: the leads are read, nothing differs, nothing is written but the audit rows.
    const again = await call(s.app, 'leads.rescore', {}, own.token);
    expect(again).toEqual({ examined: 2, rescored: 0, weights: ONLY_COMPLETENESS });
    expect((await leadRow(s, submitted.id)).version).toBe(1);
  });

  it('a rescore with nothing pending is still recorded; another workspace is never touched', async () => {
    const own = await ownWorkspace(s);
    const other = await ownWorkspace(s);
    const partner = await activePartner(s, {}, other.token);
    const lead = await submitLead(s, other.token, leadInput({ partnerId: partner.id }));
    await call(s.app, 'leads.updateSettings', { weights: ONLY_COMPLETENESS }, own.token);
    const { result, row } = await audited(s.app, own.tenantId, ['lead.rescored'], () => call(s.app, 'leads.rescore', {}, own.token));
    expect(result).toEqual({ examined: 0, rescored: 0, weights: ONLY_COMPLETENESS });
    expect(row?.details).toMatchObject({ examined: 0, rescored: 0, leads: [] });
    expect((await leadRow(s, lead.id)).version).toBe(0);
    expect((await call(s.app, 'leads.previewWeights', { weights: ONLY_COMPLETENESS }, own.token)).rows).toEqual([]);
  });

  it('rescores in chunks, each its own transaction with its own audit row', async () => {
    const own = await ownWorkspace(s);
    const partner = await activePartner(s, {}, own.token);
    const leads = [];
    for (let i = 0; i < 5; i++) leads.push(await submitLead(s, own.token, leadInput({ partnerId: partner.id, phone: undefined })));
    await call(s.app, 'leads.updateSettings', { weights: ONLY_COMPLETENESS }, own.token);
    const session = await s.app.services.auth.sessions.resolve(own.token);
    if (!session) throw new Error('no session');
    const inChunksOfTwo = leadRescoringService(s.app.deps, s.app.services.activity, { chunkSize: 2 });
    const { result, rows } = await audited(s.app, own.tenantId, ['lead.rescored', 'lead.rescored', 'lead.rescored'], () => inChunksOfTwo.rescore(session));
    expect(result.rescored).toBe(5);
    expect(rows.map((r) => (r.details as { examined: number }).examined)).toEqual([2, 2, 1]);
    expect(new Set(rows.map((r) => (r.details as { run: string }).run)).size).toBe(1);
    for (const lead of leads) expect(await leadRow(s, lead.id)).toMatchObject({ score: 86, version: 1 });
    const l = s.app.database.t.leads;
    expect((await s.app.database.db.select({ score: l.score }).from(l).where(eq(l.tenantId, own.tenantId))).every((r) => r.score === 86)).toBe(true);
  });
});
