import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { engines } from '../support/engines';
import { call } from '../support/actors';
import { callError } from '../support/outcomes';
import { freshSession } from '../support/sessions';
import {
  audited,
  createPartner,
  DAY,
  makeKycVerified,
  setUpPartnerSuite,
  unchanged,
  uploadDocument,
  type PartnerSuite,
} from '../support/partners';
import { tinyPng } from '../support/files';

/**
 * KYC expiry on a moved clock, and document state against the workspace's calendar day: each
 * suite has its own clock, so no test depends on which ran first.
 */
describe.each(engines)('partners: KYC expiry on a moved clock on $name', (engine) => {
  let s: PartnerSuite;
  const admin = () => s.admin.token;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  it('a verified document past its expiry makes KYC expired in get and in the list filter (moved clock)', async () => {
    const { app } = s;
    const { clock } = app;
    // Verified with its agreement valid until today only (2031-03-03), before the partner below.
    const first = await createPartner(app, admin(), { legalName: 'First Verified BV' });
    await makeKycVerified(app, admin(), first.id, { agreement: '2031-03-03' });
    const firstVerified = first.id;
    // Verified, with the identity document valid until 2031-03-10 (the clock says 2031-03-03).
    const partner = await createPartner(app, admin(), { legalName: 'Expiring Docs SA' });
    await makeKycVerified(app, admin(), partner.id, { identity: '2031-03-10', agreement: '2032-01-01' });
    // Uploaded with an expiry that is still ahead, but not reviewed in time.
    const late = await createPartner(app, admin(), { legalName: 'Late Review Ltd' });
    const lateDoc = await uploadDocument(app, admin(), late.id, 'tax_form', { expiresOn: '2031-03-12' });
    const verifiedIds = async (token: string, kycStatus: 'verified' | 'expired') => (await call(app, 'partners.list', { kycStatus, q: 'expiring docs' }, token)).rows.map((r) => r.id);
    expect(await verifiedIds(admin(), 'verified')).toEqual([partner.id]);
    expect((await call(app, 'partners.get', { id: partner.id }, admin())).kycStatus).toBe('verified');

    // 2031-03-10 is the last valid day.
    clock.set('2031-03-10T23:30:00.000Z');
    let token = await freshSession(app, s.admin.userId, s.tenantId);
    expect((await call(app, 'partners.get', { id: partner.id }, token)).kycStatus).toBe('verified');

    clock.advance(DAY);
    token = await freshSession(app, s.admin.userId, s.tenantId);
    const expired = await call(app, 'partners.get', { id: partner.id }, token);
    expect(expired.kycStatus).toBe('expired');
    expect(expired.kyc).toMatchObject({ status: 'expired', expired: ['identity'], missing: [], awaitingReview: [] });
    expect(await verifiedIds(token, 'expired')).toEqual([partner.id]);
    expect(await verifiedIds(token, 'verified')).toEqual([]);
    // The first partner too: its agreement was valid until 2031-03-03.
    expect((await call(app, 'partners.list', { kycStatus: 'expired' }, token)).rows.map((r) => r.id)).toEqual([partner.id, firstVerified]);
    expect((await call(app, 'partners.get', { id: firstVerified }, token)).kyc).toMatchObject({ status: 'expired', expired: ['agreement'] });

    // The late document's stored expiry has passed: verifying it now is refused.
    clock.advance(2 * DAY); // 2031-03-13
    token = await freshSession(app, s.admin.userId, s.tenantId);
    expect(await unchanged(app, () => callError(app, 'partners.documents.verify', { id: lateDoc.id }, token))).toEqual({
      code: 'validation',
      message: 'The expiry date is in the past',
      field: 'expiresOn',
    });
    // …unless the reviewer records the new expiry of the document they checked.
    await call(app, 'partners.documents.verify', { id: lateDoc.id, expiresOn: '2032-03-13' }, token);
  });
});

/**
 * A document's state is the server's (the UI shows `state` as is): a document past its expiry
 * that was never verified reads expired in the document list, in the KYC summary and in the list
 * filter alike. And "today" is the workspace's calendar day, in its time-zone setting. Own app
 * and clock (2031-03-03 08:00 UTC), moved forward only.
 */
describe.each(engines)('partners: document state and the workspace day on $name', (engine) => {
  let s: PartnerSuite;
  const fresh = () => freshSession(s.app, s.admin.userId, s.tenantId);

  // Both tests set the clock: each gets an app of its own.
  beforeEach(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterEach(async () => {
    await s?.app.dispose();
  });

  it('a never-verified document past its expiry is expired on the server, as the UI shows it', async () => {
    const { app } = s;
    const partner = await createPartner(app, s.admin.token, { legalName: 'Unreviewed Expiry GmbH' });
    const doc = await uploadDocument(app, s.admin.token, partner.id, 'identity', { bytes: tinyPng('unreviewed passport'), expiresOn: '2031-03-05' });
    expect(doc).toMatchObject({ verifiedAt: null, expiresOn: '2031-03-05', state: 'pending' });
    expect(doc.actions.map((a) => a.action)).toEqual(['partners.documents.verify', 'partners.documents.reject']);

    // 2031-03-05 is the last valid day.
    app.clock.set('2031-03-05T23:59:00.000Z');
    let token = await fresh();
    expect((await call(app, 'partners.documents.list', { partnerId: partner.id }, token))[0]).toMatchObject({ id: doc.id, state: 'pending' });
    expect((await call(app, 'partners.get', { id: partner.id }, token)).kyc).toMatchObject({ status: 'submitted', awaitingReview: ['identity'], expired: [] });

    app.clock.set('2031-03-06T00:00:30.000Z');
    token = await fresh();
    const [listed] = await call(app, 'partners.documents.list', { partnerId: partner.id }, token);
    expect(listed).toMatchObject({ id: doc.id, verifiedAt: null, state: 'expired', actions: [] });
    const got = await call(app, 'partners.get', { id: partner.id }, token);
    expect(got.kycStatus).toBe('expired');
    expect(got.kyc).toMatchObject({ status: 'expired', expired: ['identity'], awaitingReview: [] });
    // The list filter agrees with get, without anything having been written since.
    expect((await call(app, 'partners.list', { kycStatus: 'expired', q: 'Unreviewed Expiry' }, token)).rows.map((r) => r.id)).toEqual([partner.id]);
    expect((await call(app, 'partners.list', { kycStatus: 'submitted', q: 'Unreviewed Expiry' }, token)).rows).toEqual([]);
    // And the server refuses what the UI no longer offers: verifying the expired copy as it stands.
    expect(await unchanged(app, () => callError(app, 'partners.documents.verify', { id: doc.id }, token))).toMatchObject({ code: 'validation', field: 'expiresOn' });
  });

  it('"today" follows the workspace time zone: expiry and the past-date check use its calendar day', async () => {
    const { app } = s;
    app.clock.set('2031-03-07T12:00:00.000Z'); // 2031-03-08 02:00 in Kiritimati (UTC+14)
    const token = await fresh();
    expect(await call(app, 'workspaces.settings', {}, token)).toEqual({ approvalNeedsVerifiedKyc: true, timeZone: 'UTC' });
    expect(await unchanged(app, () => callError(app, 'workspaces.updateSettings', { timeZone: 'Mars/Olympus_Mons' }, token))).toMatchObject({
      code: 'validation',
      field: 'timeZone',
      message: expect.stringMatching(/^Unknown time zone/),
    });
    expect(await callError(app, 'workspaces.updateSettings', { timeZone: 'Pacific/Kiritimati' }, await freshSession(app, s.staff.manager.userId, s.tenantId))).toMatchObject({ code: 'forbidden' });

    const partner = await createPartner(app, token, { legalName: 'Line Islands Ltd' });
    const doc = await uploadDocument(app, token, partner.id, 'tax_form', { expiresOn: '2031-03-07' }); // today in UTC: still valid
    expect(doc.state).toBe('pending');

    const { result: settings } = await audited(app, s.tenantId, ['workspace.settings_changed'], () => call(app, 'workspaces.updateSettings', { timeZone: 'Pacific/Kiritimati' }, token));
    expect(settings).toEqual({ approvalNeedsVerifiedKyc: true, timeZone: 'Pacific/Kiritimati' });
    // In Kiritimati it is already the 8th: the document has expired, and the 7th is in the past.
    expect((await call(app, 'partners.documents.list', { partnerId: partner.id }, token))[0]).toMatchObject({ id: doc.id, state: 'expired' });
    expect((await call(app, 'partners.get', { id: partner.id }, token)).kyc).toMatchObject({ status: 'expired', expired: ['tax_form'] });
    expect(await unchanged(app, () => callError(app, 'partners.documents.upload', { partnerId: partner.id, kind: 'identity', fileName: 'id.png', contentBase64: tinyPng('id').toString('base64'), expiresOn: '2031-03-07' }, token))).toEqual({
      code: 'validation',
      message: 'The expiry date is in the past',
      field: 'expiresOn',
    });
    expect((await uploadDocument(app, token, partner.id, 'identity', { bytes: tinyPng('id 2'), expiresOn: '2031-03-08' })).state).toBe('pending');

    // Back to UTC (only that setting changes): the 7th is today again.
    expect(await call(app, 'workspaces.updateSettings', { timeZone: 'UTC' }, token)).toEqual({ approvalNeedsVerifiedKyc: true, timeZone: 'UTC' });
    expect((await call(app, 'partners.documents.list', { partnerId: partner.id }, token)).find((d) => d.id === doc.id)).toMatchObject({ state: 'pending' });
  });
});
