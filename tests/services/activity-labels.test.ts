import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestApp, type TestApp } from '../support/engines';
import { call, setUpWorkspace, STRONG_PASSWORD } from '../support/actors';
import { createPartner, uploadDocument } from '../support/partners';
import { leadInput } from '../support/leads';
import type { ActivityEntry } from '../../src-shared/contract';
import { resourceLabels } from '../../src-main/services/activity/resource-labels';
import { countReads } from '../support/db';

/**
 * activity.list names each row's resource for people: partner code and display name (plus the
 * document's file name or the portal user's name when the row is about one of those), the staff
 * member's or workspace's name, a lead's contact and company; null where there is nothing to name. Resolved per page in a
 * fixed number of queries, however many rows the page has.
 */
describe.each(engines)('activity resource labels on $name', (engine) => {
  let app: TestApp;
  let token = '';
  let tenantId = '';

  beforeAll(async () => {
    app = await openTestApp(engine);
    const admin = await setUpWorkspace(app, 'Acme Partners');
    token = admin.token;
    tenantId = admin.tenantId;
  });
  afterAll(async () => {
    await app?.dispose();
  });

  const newest = async (action: string, resourceId?: string): Promise<ActivityEntry> => {
    const entry = (await call(app, 'activity.list', { action, limit: 1, ...(resourceId ? { resourceId } : {}) }, token)).items[0];
    if (!entry) throw new Error(`no ${action} row`);
    return entry;
  };

  it('labels partner, document, portal user, staff and workspace rows', async () => {
    const partner = await createPartner(app, token, { legalName: 'Globex Distribution GmbH', displayName: 'Globex' });
    await uploadDocument(app, token, partner.id, 'identity', { fileName: 'passport scan.pdf' });
    await call(app, 'partners.users.create', { partnerId: partner.id, name: 'Paula Portal', email: 'paula@partner.test', role: 'partner_admin', credential: { mode: 'invite' } }, token);
    await call(app, 'staff.add', { name: 'Max Manager', email: 'max@acme.test', role: 'manager', password: STRONG_PASSWORD }, token);

    expect((await newest('partner.created')).resourceLabel).toBe(`${partner.code} · Globex`);
    expect((await newest('partner.document_uploaded')).resourceLabel).toBe(`${partner.code} · Globex · passport scan.pdf`);
    expect((await newest('partner_user.created')).resourceLabel).toBe(`${partner.code} · Globex · Paula Portal`);
    expect((await newest('staff.added')).resourceLabel).toBe('Max Manager');
    // This workspace's own row (another test may have created a workspace since).
    expect((await newest('workspace.created', tenantId)).resourceLabel).toBe('Acme Partners');
  });

  it('labels a lead by its contact and company', async () => {
    await call(app, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: false }, token);
    const partner = await createPartner(app, token, { legalName: 'Initech Resale Ltd', displayName: 'Initech' });
    await call(app, 'partners.approve', { id: partner.id }, token);
    const { lead } = await call(app, 'leads.submit', leadInput({ partnerId: partner.id, contactName: 'Lena Lead', company: 'Umbrella Corp' }), token);
    expect((await newest('lead.submitted', lead.id)).resourceLabel).toBe('Lena Lead · Umbrella Corp');
  });

  it('labels a CSV import by its partner and file name', async () => {
    await call(app, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: false }, token);
    const partner = await createPartner(app, token, { legalName: 'Vandelay Imports Ltd', displayName: 'Vandelay' });
    await call(app, 'partners.approve', { id: partner.id }, token);
    const contentBase64 = Buffer.from('Name,Email\r\nArt Vandelay,art@vandelay-industries.test\r\n').toString('base64');
    const started = await call(
      app,
      'leads.startImport',
      { partnerId: partner.id, fileName: 'spring leads.csv', contentBase64, mapping: [{ header: 'Name', target: 'contactName' }, { header: 'Email', target: 'email' }], idempotencyKey: 'label-import-1' },
      token,
    );
    await app.services.leads.whenImportSettled(started.id);
    expect((await newest('lead.import_started', started.id)).resourceLabel).toBe(`${partner.code} · spring leads.csv`);
    expect((await newest('lead.import_completed', started.id)).resourceLabel).toBe(`${partner.code} · spring leads.csv`);
  });

  it('labels the lead settings and rescoring rows by the workspace they belong to', async () => {
    await call(app, 'leads.updateSettings', { protectionWindowDays: 60 }, token);
    await call(app, 'leads.rescore', {}, token);
    expect((await newest('lead.settings_changed', tenantId)).resourceLabel).toBe('Acme Partners');
    expect((await newest('lead.rescored', tenantId)).resourceLabel).toBe('Acme Partners');
  });

  it("shows the resource's current name, and still labels a deleted partner", async () => {
    // Its own partner: no test depends on another having run first.
    const partnerId = (await createPartner(app, token, { legalName: 'Globex Distribution GmbH', displayName: 'Globex' })).id;
    await call(app, 'partners.update', { id: partnerId, displayName: 'Globex Europe' }, token);
    const created = await newest('partner.created');
    expect(created.resourceLabel).toMatch(/ · Globex Europe$/);
    expect(created.details).toMatchObject({ legalName: 'Globex Distribution GmbH' }); // what it was called then stays in the details
    await call(app, 'partners.delete', { id: partnerId, reason: 'Duplicate' }, token);
    expect((await newest('partner.deleted')).resourceLabel).toMatch(/ · Globex Europe$/);
  });

  it('names the user of a failed sign-in; null for no resource, an unknown kind or a row of another workspace', async () => {
    const failed = await app.dispatch('auth.signIn', { email: 'ada@acme.test', password: 'not the password at all' }, { token: null, clientKey: 'test' });
    expect(failed.response.ok).toBe(false);
    expect((await newest('auth.sign_in_failed')).resourceLabel).toBe('Ada Admin');
    const partnerId = (await createPartner(app, token)).id;
    const other = await call(app, 'workspaces.create', { name: 'Other Program', currency: 'EUR' }, token);
    const labels = await resourceLabels(app.database, app.database.db, other.id, [
      { resourceType: 'staff_user', resourceId: null, details: {} },
      { resourceType: 'lead', resourceId: partnerId, details: {} },
      { resourceType: 'partner', resourceId: 'no-such-partner', details: {} },
      { resourceType: 'partner', resourceId: partnerId, details: {} }, // Acme's partner, asked for from the other workspace
    ]);
    expect(labels).toEqual([null, null, null, null]);
  });

  it('resolves a page in a fixed number of queries, not one per row', async () => {
    for (let i = 0; i < 12; i++) await createPartner(app, token);
    const reads = countReads(app.database);
    try {
      const small = await app.services.activity.list(tenantId, { limit: 3 });
      const smallQueries = reads.count();
      const big = await app.services.activity.list(tenantId, { limit: 30 });
      const bigQueries = reads.count() - smallQueries;
      expect(big.items.length).toBeGreaterThan(small.items.length * 5);
      expect(big.items.filter((e) => e.resourceType === 'partner').every((e) => e.resourceLabel !== null)).toBe(true);
      // One query for the page, one per kind of resource on it (partners, documents, portal users, staff, workspaces, leads).
      expect(bigQueries).toBeGreaterThanOrEqual(3); // page, partners, staff/workspaces
      expect(bigQueries).toBeLessThanOrEqual(8);
      expect(smallQueries).toBeLessThanOrEqual(8);
    } finally {
      reads.restore();
    }
  });
});
