import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/engines';
import { call } from '../support/actors';
import { callError } from '../support/outcomes';
import { DAY, ownWorkspace, setUpPartnerSuite, type PartnerSuite } from '../support/partners';
import { activePartner, leadInput, submitLead } from '../support/leads';
import { freshSession } from '../support/sessions';

/**
 * The "waiting N+ days" filter of the queue and the list on every engine: a lead counts once it
 * was submitted at least N days before the service's clock. Its own file because it moves the
 * suite's clock by days, which would expire the sessions other review tests hold.
 */
describe.each(engines)('lead age filter on $name', (engine) => {
  let s: PartnerSuite;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  it('refuses an age that is not a whole number of days from 1 to 3650, on its field', async () => {
    const { token } = await ownWorkspace(s);
    for (const bad of [0, -1, 1.5, 3651, '7']) {
      for (const procedure of ['leads.queue', 'leads.list'] as const) {
        expect(await callError(s.app, procedure, { olderThanDays: bad }, token)).toMatchObject({ code: 'validation', field: 'olderThanDays' });
      }
    }
    expect((await callError(s.app, 'leads.queue', { olderThanDays: 0 }, token)).message).toMatch(/at least 1/);
    expect((await callError(s.app, 'leads.queue', { olderThanDays: 4000 }, token)).message).toMatch(/at most 3650/);
  });

  it('queue and list keep leads submitted at least olderThanDays ago, by the service clock', async () => {
    const { tenantId, token: first } = await ownWorkspace(s);
    const partner = await activePartner(s, {}, first);
    const old = await submitLead(s, first, leadInput({ partnerId: partner.id }));
    s.app.clock.advance(7 * DAY);
    let token = await freshSession(s.app, s.admin.userId, tenantId);
    const week = await submitLead(s, token, leadInput({ partnerId: partner.id }));
    s.app.clock.advance(3 * DAY);
    token = await freshSession(s.app, s.admin.userId, tenantId);
    const recent = await submitLead(s, token, leadInput({ partnerId: partner.id }));
    // Ages now: old 10 days, week 3 days, recent a few milliseconds.

    const queued = async (olderThanDays?: number) =>
      (await call(s.app, 'leads.queue', { limit: 200, ...(olderThanDays ? { olderThanDays } : {}) }, token)).rows.map((r) => r.id).sort();
    expect(await queued()).toEqual([old.id, week.id, recent.id].sort());
    expect(await queued(1)).toEqual([old.id, week.id].sort());
    expect(await queued(3)).toEqual([old.id, week.id].sort());
    expect(await queued(4)).toEqual([old.id]);
    expect(await queued(10)).toEqual([old.id]);
    expect(await queued(11)).toEqual([]);

    // The list, newest first, with the same filter, also on decided leads and with keyset pages.
    await call(s.app, 'leads.approve', { id: week.id, version: 0 }, token);
    const p1 = await call(s.app, 'leads.list', { olderThanDays: 3, limit: 1 }, token);
    const p2 = await call(s.app, 'leads.list', { olderThanDays: 3, limit: 1, cursor: p1.nextCursor ?? '' }, token);
    expect([...p1.rows, ...p2.rows].map((r) => r.id)).toEqual([week.id, old.id]);
    expect(p2.nextCursor).toBeNull();
    expect((await call(s.app, 'leads.list', { olderThanDays: 3, status: 'approved' }, token)).rows.map((r) => r.id)).toEqual([week.id]);
    expect((await call(s.app, 'leads.queue', { olderThanDays: 3 }, token)).rows.map((r) => r.id)).toEqual([old.id]);
  });
});
