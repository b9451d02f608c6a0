import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot } from '../../src-main/app-root';
import { engines } from '../support/engines';
import { call, STRONG_PASSWORD } from '../support/actors';
import { callError } from '../support/outcomes';
import { partnerUserSession } from '../support/sessions';
import { activityOf, createPartner, makeKycVerified, setUpPartnerSuite, type PartnerSuite } from '../support/partners';
import { tinyPdf } from '../support/files';

/**
 * Sessions of both kinds of user. Portal sign-in comes with the portal; here portal users get
 * their session from the real session service (tests/support/sessions.ts) and everything after
 * that (resolve, dispatch, audit, "by whom" names) is the production path.
 */
describe.each(engines)('sessions for staff and partner users on $name', (engine) => {
  let s: PartnerSuite;
  const admin = () => s.admin.token;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  /** An active partner (KYC verified, approved) with one portal user who has a password; each test makes its own. */
  async function activePortalUser(role: 'partner_admin' | 'partner_viewer' = 'partner_admin') {
    const partner = await createPartner(s.app, admin());
    await makeKycVerified(s.app, admin(), partner.id);
    await call(s.app, 'partners.approve', { id: partner.id }, admin());
    const { user } = await call(
      s.app,
      'partners.users.create',
      { partnerId: partner.id, name: 'Polly Portal', email: `polly-${partner.code.toLowerCase()}@partner.test`, role, credential: { mode: 'password', password: STRONG_PASSWORD } },
      admin(),
    );
    const token = await partnerUserSession(s.app, user.id, s.tenantId);
    return { partner, user, token };
  }

  it('resolves a portal user session: its kind, partner role, partner and the partner tenant', async () => {
    const { partner, user, token } = await activePortalUser('partner_viewer');
    const session = await s.app.services.auth.sessions.resolve(token);
    expect(session).toMatchObject({ userKind: 'partner', userId: user.id, userName: 'Polly Portal', email: user.email, tenantId: s.tenantId, role: 'partner_viewer', partnerId: partner.id });
    const info = await call(s.app, 'auth.session', {}, token);
    expect(info).toMatchObject({ user: { id: user.id, name: 'Polly Portal', kind: 'partner' }, tenant: { id: s.tenantId }, role: 'partner_viewer', workspaces: [] });
    // A staff session still resolves as before, with no partner.
    expect(await s.app.services.auth.sessions.resolve(admin())).toMatchObject({ userKind: 'staff', role: 'admin', partnerId: null });
  });

  it('refuses the session of a deactivated portal user, also one created after the deactivation', async () => {
    const { user, token } = await activePortalUser();
    await call(s.app, 'partners.users.deactivate', { id: user.id, reason: 'Left the company' }, admin());
    expect(await s.app.services.auth.sessions.resolve(token)).toBeNull();
    // Not only because deactivation ended the open sessions: the user's own state is checked on every resolve.
    const later = await partnerUserSession(s.app, user.id, s.tenantId);
    expect(await s.app.services.auth.sessions.resolve(later)).toBeNull();
    expect(await callError(s.app, 'auth.signOut', {}, later)).toMatchObject({ code: 'unauthenticated' });
  });

  it('refuses portal sessions while the partner is not active, and once it is deleted', async () => {
    const { partner, user, token } = await activePortalUser();
    await call(s.app, 'partners.suspend', { id: partner.id, reason: 'Under investigation' }, admin());
    expect(await s.app.services.auth.sessions.resolve(token)).toBeNull();
    await call(s.app, 'partners.reinstate', { id: partner.id }, admin());
    expect(await s.app.services.auth.sessions.resolve(token)).toMatchObject({ userId: user.id, partnerId: partner.id });
    await call(s.app, 'partners.delete', { id: partner.id, reason: 'Duplicate' }, admin());
    expect(await s.app.services.auth.sessions.resolve(token)).toBeNull();
  });

  it('refuses a portal session whose tenant is not the portal user\u2019s', async () => {
    const { user } = await activePortalUser();
    const other = await call(s.app, 'workspaces.create', { name: 'Other Workspace', currency: 'EUR' }, admin());
    const token = await partnerUserSession(s.app, user.id, other.id);
    expect(await s.app.services.auth.sessions.resolve(token)).toBeNull();
  });

  it('keeps portal users out of staff procedures, by access and in the service itself', async () => {
    const { partner, token } = await activePortalUser();
    expect(await callError(s.app, 'partners.list', { limit: 5 }, token)).toMatchObject({ code: 'forbidden' });
    expect(await callError(s.app, 'auth.switchWorkspace', { tenantId: s.tenantId }, token)).toMatchObject({ code: 'forbidden' });
    const session = await s.app.services.auth.sessions.resolve(token);
    if (!session) throw new Error('portal session did not resolve');
    await expect(s.app.services.partners.transition(session, partner.id, 'suspend', 'by a portal user')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('names portal users as actors: the audit trail and the documents\u2019 "uploaded by"', async () => {
    const { partner, user, token } = await activePortalUser();
    const session = await s.app.services.auth.sessions.resolve(token);
    if (!session) throw new Error('portal session did not resolve');
    const { result: uploaded, rows } = await activityOf(s.app, s.tenantId, () =>
      s.app.services.partners.documents.upload(session, { partnerId: partner.id, kind: 'agreement', fileName: 'signed.pdf', contentBase64: tinyPdf('portal upload').toString('base64') }),
    );
    expect(uploaded.uploadedBy).toEqual({ id: user.id, name: 'Polly Portal' });
    expect(rows).toMatchObject([{ action: 'partner.document_uploaded', actorType: 'partner_user', actorId: user.id, actorName: 'Polly Portal' }]);
    const listed = await call(s.app, 'partners.documents.list', { partnerId: partner.id }, admin());
    expect(listed.find((d) => d.id === uploaded.id)?.uploadedBy).toEqual({ id: user.id, name: 'Polly Portal' });

    const { rows: signOut } = await activityOf(s.app, s.tenantId, () => call(s.app, 'auth.signOut', {}, token));
    expect(signOut).toMatchObject([{ action: 'auth.signed_out', actorType: 'partner_user', actorId: user.id, actorName: 'Polly Portal', resourceType: 'partner_user', resourceId: user.id }]);
    const page = await call(s.app, 'activity.list', { actorId: user.id, limit: 10 }, admin());
    expect(page.items.map((i) => [i.action, i.actorName])).toEqual([
      ['auth.signed_out', 'Polly Portal'],
      ['partner.document_uploaded', 'Polly Portal'],
    ]);
    // Portal users stay out of the staff actor picker.
    expect((await call(s.app, 'activity.facets', {}, admin())).actors.map((a) => a.id)).not.toContain(user.id);
  });
});

describe('role types in shared paths', () => {
  it('reads stored roles through a checked parser, never a cast', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name) && /as (Staff|Partner)Role\b/.test(readFileSync(path, 'utf8'))) offenders.push(path);
      }
    };
    walk(join(appRoot(), 'src-main'));
    expect(offenders).toEqual([]);
  });
});
