import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/actors';
import { engines } from '../support/engines';
import { activePartner, portalUser } from '../support/leads';
import { callError } from '../support/outcomes';
import { audited, setUpPartnerSuite, unchanged, type PartnerSuite } from '../support/partners';
import { hashToken } from '../../src-main/services/auth/sessions';

/** portal.apiKeys.* and the check every integration call makes (authenticate), on every engine. */
describe.each(engines)('portal API keys on $name', (engine) => {
  let s: PartnerSuite;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  const keyRow = async (id: string) => {
    const k = s.app.database.t.apiKeys;
    const [row] = await s.app.database.db.select().from(k).where(eq(k.id, id));
    if (!row) throw new Error(`no key ${id}`);
    return row;
  };

  it('creates a key shown once, stored hashed, listed without its secret, and audited', async () => {
    const partner = await activePartner(s);
    const admin = await portalUser(s, partner.id, 'partner_admin');
    const { result, row } = await audited(s.app, s.tenantId, ['api_key.created'], () => call(s.app, 'portal.apiKeys.create', { name: 'CRM sync', scopes: ['leads:read', 'leads:write'] }, admin.token), partner.id);
    expect(result.secret).toMatch(/^pdk_[A-Za-z0-9_-]{43}$/);
    expect(result.key).toMatchObject({ name: 'CRM sync', prefix: result.secret.slice(0, 12), scopes: ['leads:write', 'leads:read'], createdBy: { id: admin.userId, name: 'Portal partner_admin' }, lastUsedAt: null, revokedAt: null });
    const stored = await keyRow(result.key.id);
    expect(stored.keyHash).toBe(hashToken(result.secret));
    expect(JSON.stringify(stored)).not.toContain(result.secret);
    expect(JSON.stringify(row)).not.toContain(result.secret);
    expect(JSON.stringify(row)).not.toContain(stored.keyHash);
    expect(row?.details).toEqual({ keyId: result.key.id, name: 'CRM sync', prefix: result.key.prefix, scopes: ['leads:write', 'leads:read'] });

    const listed = await call(s.app, 'portal.apiKeys.list', {}, admin.token);
    expect(listed).toEqual([result.key]);
    expect(JSON.stringify(listed)).not.toContain(result.secret);

    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'portal.apiKeys.create', { name: '', scopes: ['leads:read'] }, admin.token)).toMatchObject({ code: 'validation', field: 'name' });
      expect(await callError(s.app, 'portal.apiKeys.create', { name: 'x', scopes: [] }, admin.token)).toMatchObject({ code: 'validation', field: 'scopes' });
      expect(await callError(s.app, 'portal.apiKeys.create', { name: 'x', scopes: ['payouts:write'] }, admin.token)).toMatchObject({ code: 'validation' });
    });
  });

  it('authenticates a live key for its partner and scopes, marks it used at most once a minute, and stops at revocation', async () => {
    const partner = await activePartner(s);
    const admin = await portalUser(s, partner.id, 'partner_admin');
    const { key, secret } = await call(s.app, 'portal.apiKeys.create', { name: 'Reader', scopes: ['leads:read'] }, admin.token);
    const keys = s.app.services.portal.team.apiKeys;
    const identity = await keys.authenticate(secret);
    expect(identity).toEqual({ keyId: key.id, name: 'Reader', tenantId: s.tenantId, partnerId: partner.id, scopes: ['leads:read'], lastUsedAt: null });
    // Authenticating reads only: a call refused after it (scope, rate limit, bad input) leaves no trace.
    expect((await keyRow(key.id)).lastUsedAt).toBeNull();
    if (!identity) throw new Error('no identity');
    await keys.markUsed(identity);
    // The mark waits at most 100 ms for the writer (see touch): on a busy machine it may land just after.
    await expect.poll(async () => (await keyRow(key.id)).lastUsedAt).not.toBeNull();
    const firstUse = (await keyRow(key.id)).lastUsedAt;
    s.app.clock.advance(10_000);
    const again = await keys.authenticate(secret);
    expect(again?.lastUsedAt).toEqual(firstUse);
    if (again) await unchanged(s.app, () => keys.markUsed(again));
    s.app.clock.advance(60_000);
    const later = await keys.authenticate(secret);
    if (later) await keys.markUsed(later);
    await expect.poll(async () => (await keyRow(key.id)).lastUsedAt?.getTime()).toBeGreaterThan(firstUse?.getTime() ?? Infinity);

    for (const bad of [null, '', 'pdk_short', `${secret}x`, `pdk_${'A'.repeat(43)}`, secret.replace(/^pdk_/, 'pdx_')]) expect(await keys.authenticate(bad)).toBeNull();

    const { result } = await audited(s.app, s.tenantId, ['api_key.revoked'], () => call(s.app, 'portal.apiKeys.revoke', { id: key.id }, admin.token), partner.id);
    expect(result.revokedAt).not.toBeNull();
    expect(await keys.authenticate(secret)).toBeNull();
    // Revoking again keeps the first revocation and writes nothing.
    await unchanged(s.app, async () => expect(await call(s.app, 'portal.apiKeys.revoke', { id: key.id }, admin.token)).toEqual(result));
  });

  it("another partner's key is not found; a suspended partner's keys stop working; only partner admins manage keys", async () => {
    const partner = await activePartner(s);
    const other = await activePartner(s);
    const admin = await portalUser(s, partner.id, 'partner_admin');
    const manager = await portalUser(s, partner.id, 'partner_lead_manager');
    const otherAdmin = await portalUser(s, other.id, 'partner_admin');
    const { key, secret } = await call(s.app, 'portal.apiKeys.create', { name: 'Writer', scopes: ['leads:write'] }, admin.token);
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'portal.apiKeys.revoke', { id: key.id }, otherAdmin.token)).toMatchObject({ code: 'not_found', message: 'API key not found' });
      expect(await callError(s.app, 'portal.apiKeys.revoke', { id: randomUUID() }, admin.token)).toMatchObject({ code: 'not_found', message: 'API key not found' });
      expect(await call(s.app, 'portal.apiKeys.list', {}, otherAdmin.token)).toEqual([]);
      for (const token of [manager.token, s.admin.token]) expect(await callError(s.app, 'portal.apiKeys.list', {}, token)).toMatchObject({ code: 'forbidden' });
    });
    expect(await s.app.services.portal.team.apiKeys.authenticate(secret)).not.toBeNull();
    await call(s.app, 'partners.suspend', { id: partner.id, reason: 'Under investigation' }, s.admin.token);
    expect(await s.app.services.portal.team.apiKeys.authenticate(secret)).toBeNull();
  });
});
