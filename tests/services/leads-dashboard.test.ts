import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../src-shared/calendar';
import { engines } from '../support/engines';
import { call } from '../support/actors';
import { DAY, ownWorkspace, setUpPartnerSuite, type PartnerSuite } from '../support/partners';
import { activePartner, leadInput, leadRow, submitLead } from '../support/leads';
import { freshSession } from '../support/sessions';

/**
 * The managers' dashboard on every engine: pending and flagged-duplicate counts (pending only),
 * the oldest waiting lead, and 30 days of submissions in the workspace time zone with the empty
 * days filled, another workspace's leads never counted.
 */
describe.each(engines)('leads dashboard on $name', (engine) => {
  let s: PartnerSuite;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  it('an empty workspace: zeros, no oldest lead, 30 days ending today', async () => {
    const { token } = await ownWorkspace(s);
    const d = await call(s.app, 'leads.dashboard', {}, token);
    expect(d).toMatchObject({ pending: 0, flaggedDuplicates: 0, oldestWaiting: null });
    expect(d.perDay).toHaveLength(30);
    expect(d.perDay.every((p) => p.count === 0)).toBe(true);
    expect(d.perDay.at(-1)?.day).toBe(todayIn('UTC', s.app.clock()));
  });

  it('counts the work waiting and the leads per day in the workspace time zone, other workspaces apart', async () => {
    const { tenantId, token: first } = await ownWorkspace(s);
    // 08:00 UTC is 21:00 the day before in Pago Pago (UTC−11): its days are not UTC's.
    await call(s.app, 'workspaces.updateSettings', { timeZone: 'Pacific/Pago_Pago' }, first);
    const partner = await activePartner(s, {}, first);
    const session = () => freshSession(s.app, s.admin.userId, tenantId);

    // 30 days before "today": outside the chart, but still the oldest lead waiting (under review).
    const old = await submitLead(s, first, leadInput({ partnerId: partner.id }));
    await call(s.app, 'leads.startReview', { id: old.id, version: 0 }, first);

    s.app.clock.advance(5 * DAY);
    let token = await session();
    const a = await submitLead(s, token, leadInput({ partnerId: partner.id }));
    const b = await submitLead(s, token, leadInput({ partnerId: partner.id, email: a.email ?? undefined }));
    expect(b.duplicateFlag).toBe(true);
    const fifthDay = (await leadRow(s, a.id)).submittedOn;

    s.app.clock.advance(25 * DAY);
    token = await session();
    const c = await submitLead(s, token, leadInput({ partnerId: partner.id }));
    // A flagged duplicate that was decided no longer waits: counted per day, not as pending or flagged.
    const d = await submitLead(s, token, leadInput({ partnerId: partner.id, email: c.email ?? undefined }));
    expect(d.duplicateFlag).toBe(true);
    await call(s.app, 'leads.reject', { id: d.id, version: 0, reason: 'Duplicate' }, token);

    // Another workspace's lead today is not this workspace's work.
    const otherPartner = await activePartner(s, {}, await freshSession(s.app, s.admin.userId, s.tenantId));
    await submitLead(s, await freshSession(s.app, s.admin.userId, s.tenantId), leadInput({ partnerId: otherPartner.id }));

    const today = todayIn('Pacific/Pago_Pago', s.app.clock());
    expect(today).not.toBe(todayIn('UTC', s.app.clock()));
    expect((await leadRow(s, c.id)).submittedOn).toBe(today);

    const dash = await call(s.app, 'leads.dashboard', {}, token);
    expect(dash.pending).toBe(4);
    expect(dash.flaggedDuplicates).toBe(1);
    expect(dash.oldestWaiting).toEqual({ id: old.id, submittedAt: old.submittedAt });
    expect(dash.perDay).toHaveLength(30);
    expect(dash.perDay.at(-1)).toEqual({ day: today, count: 2 });
    expect(dash.perDay.find((p) => p.day === fifthDay)).toEqual({ day: fifthDay, count: 2 });
    expect(dash.perDay.reduce((sum, p) => sum + p.count, 0)).toBe(4);
    expect(dash.perDay.filter((p) => p.count === 0)).toHaveLength(28);
    // Consecutive days, oldest first; the old lead's day is just before the range.
    expect(dash.perDay[0]?.day).not.toBe((await leadRow(s, old.id)).submittedOn);
    for (let i = 1; i < dash.perDay.length; i++) {
      expect(Date.parse(dash.perDay[i]!.day) - Date.parse(dash.perDay[i - 1]!.day)).toBe(DAY);
    }

    // The waiting order: once the old lead is decided, the oldest waiting is the fifth-day lead.
    await call(s.app, 'leads.approve', { id: old.id, version: 1 }, token);
    const after = await call(s.app, 'leads.dashboard', {}, token);
    expect(after.pending).toBe(3);
    expect(after.oldestWaiting?.id).toBe(a.id);
  });
});
