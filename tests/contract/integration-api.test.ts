import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src-main/transports/http';
import { createIntegrationApi } from '../../src-main/transports/integration-api';
import { call } from '../support/actors';
import { engines } from '../support/engines';
import { activePartner, leadInput, portalUser } from '../support/leads';
import { audited, setUpPartnerSuite, unchanged, type PartnerSuite } from '../support/partners';

/**
 * The integrations API over real HTTP (a node server on a free loopback port, the app's own HTTP
 * edge in front): keys made in the portal, submissions with Idempotency-Key, reads, and every
 * refusal with its status, the app's error body, and nothing written.
 */
describe.each(engines)('integrations API over HTTP on $name', (engine) => {
  let s: PartnerSuite;
  let server: ServerType;
  let base = '';
  let partnerId = '';
  let adminToken = '';
  let writer = '';
  let reader = '';

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
    let handler: ((request: Request) => Response | Promise<Response>) | null = null;
    server = serve({ fetch: (request) => (handler ? handler(request) : new Response('starting', { status: 503 })), hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    const http = createHttpApp(s.app.dispatch, { rendererDir: null, secureCookies: false, port, integration: createIntegrationApi(s.app.services) });
    handler = (request) => http.fetch(request);
    partnerId = (await activePartner(s)).id;
    adminToken = (await portalUser(s, partnerId, 'partner_admin')).token;
    writer = (await call(s.app, 'portal.apiKeys.create', { name: 'CRM', scopes: ['leads:write', 'leads:read'] }, adminToken)).secret;
    reader = (await call(s.app, 'portal.apiKeys.create', { name: 'Dashboard', scopes: ['leads:read'] }, adminToken)).secret;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await s?.app.dispose();
  });

  type Answer = { status: number; headers: Headers; body: { ok: boolean; result?: Record<string, unknown> & { id?: string }; error?: { code: string; message: string; field?: string } } };
  async function send(method: string, path: string, options: { key?: string | null; body?: string | object; headers?: Record<string, string> } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...(options.key === null ? {} : { authorization: `Bearer ${options.key ?? writer}` }), ...options.headers };
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${base}${path}`, { method, headers, ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}) });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Answer['body'] };
  }
  /** A lead body as an integration sends it: the submission without partner and idempotency key. */
  const leadBody = (overrides: Record<string, unknown> = {}) => {
    const { idempotencyKey: _key, ...body } = leadInput();
    return { ...body, ...overrides };
  };
  const submit = (body: object, idempotencyKey?: string, key = writer) => send('POST', '/api/v1/leads', { key, body, headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} });

  it('submits a lead (201), returns it again on a retry (200), refuses the key for another lead (409), and reads its status', async () => {
    const body = leadBody({ contactName: '  Ida Integration  ' });
    const { result: created, rows } = await audited(s.app, s.tenantId, ['lead.submitted'], () => submit(body, 'crm-order-0001'));
    expect(created.status).toBe(201);
    expect(created.body.result).toMatchObject({ status: 'submitted', contactName: 'Ida Integration', rejectionReason: null, score: expect.any(Number) });
    // The key acts for its partner, and the trail names it.
    expect(rows[0]).toMatchObject({ actorType: 'partner_user', actorName: 'API key CRM' });
    const id = created.body.result?.id ?? '';

    await unchanged(s.app, async () => {
      const retry = await submit(body, 'crm-order-0001');
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body.result?.id).toBe(id);
      const other = await submit(leadBody(), 'crm-order-0001');
      expect(other.status).toBe(409);
      expect(other.body.error).toMatchObject({ code: 'conflict', field: 'Idempotency-Key' });
    });

    const read = await send('GET', `/api/v1/leads/${id}`, { key: reader });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ ok: true, result: created.body.result });

    // A manager rejects it: the integration reads the reason, one by one and in the list.
    const lead = await call(s.app, 'leads.get', { id }, s.staff.manager.token);
    await call(s.app, 'leads.reject', { id, version: lead.version, reason: 'Already a customer' }, s.staff.manager.token);
    expect((await send('GET', `/api/v1/leads/${id}`, { key: reader })).body.result).toMatchObject({ status: 'rejected', rejectionReason: 'Already a customer' });
    const page = await send('GET', '/api/v1/leads?limit=50&status=rejected', { key: reader });
    expect(page.status).toBe(200);
    const listed = (page.body.result?.rows as { id: string; rejectionReason: string | null }[]).find((r) => r.id === id);
    expect(listed?.rejectionReason).toBe('Already a customer');
    // Without a header each call is a new lead.
    expect((await submit(leadBody())).status).toBe(201);
  });

  it('refuses bad keys, scopes, bodies and other partners’ leads with the right status and writes nothing', async () => {
    const other = await activePartner(s);
    const otherAdmin = await portalUser(s, other.id, 'partner_admin');
    const otherLead = (await call(s.app, 'leads.submit', leadInput(), (await portalUser(s, other.id)).token)).lead;
    const revoked = await call(s.app, 'portal.apiKeys.create', { name: 'Old', scopes: ['leads:write'] }, otherAdmin.token);
    await call(s.app, 'portal.apiKeys.revoke', { id: revoked.key.id }, otherAdmin.token);
    const writeOnly = (await call(s.app, 'portal.apiKeys.create', { name: 'Writer only', scopes: ['leads:write'] }, adminToken)).secret;

    await unchanged(s.app, async () => {
      const cases: [string, Promise<Answer>, number, string][] = [
        ['no key', send('POST', '/api/v1/leads', { key: null, body: leadBody() }), 401, 'unauthenticated'],
        ['unknown key', submit(leadBody(), undefined, `pdk_${'x'.repeat(43)}`), 401, 'unauthenticated'],
        ['revoked key', submit(leadBody(), undefined, revoked.secret), 401, 'unauthenticated'],
        ['read-only key submits', submit(leadBody(), undefined, reader), 403, 'forbidden'],
        ['write-only key reads', send('GET', '/api/v1/leads', { key: writeOnly }), 403, 'forbidden'],
        ['malformed JSON', send('POST', '/api/v1/leads', { body: '{"contactName": ' }), 400, 'validation'],
        ['not an object', send('POST', '/api/v1/leads', { body: '[1,2]' }), 400, 'validation'],
        ['invalid input', submit(leadBody({ contactName: '' })), 400, 'validation'],
        ['a partner id', submit(leadBody({ partnerId: other.id })), 400, 'validation'],
        ['bad idempotency key', submit(leadBody(), 'no spaces allowed'), 400, 'validation'],
        ['oversize body', submit(leadBody({ notes: 'x'.repeat(300 * 1024) })), 413, 'validation'],
        ['not JSON', send('POST', '/api/v1/leads', { body: 'contactName=x', headers: { 'content-type': 'text/plain' } }), 415, 'validation'],
        ["another partner's lead", send('GET', `/api/v1/leads/${otherLead.id}`), 404, 'not_found'],
        ['bad limit', send('GET', '/api/v1/leads?limit=lots'), 400, 'validation'],
        ['unknown endpoint', send('GET', '/api/v1/payouts'), 404, 'not_found'],
      ];
      for (const [label, pending, status, code] of cases) {
        const answer = await pending;
        expect({ label, status: answer.status, ok: answer.body.ok, code: answer.body.error?.code }).toEqual({ label, status, ok: false, code });
        expect(answer.body.error?.message.length, label).toBeGreaterThan(5);
      }
      expect((await submit(leadBody({ contactName: '' }))).body.error?.field).toBe('contactName');
      expect((await send('POST', '/api/v1/leads', { key: null, body: leadBody() })).headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    // Revoking a key in use: the next call is a 401.
    const live = await call(s.app, 'portal.apiKeys.create', { name: 'Soon revoked', scopes: ['leads:read'] }, adminToken);
    expect((await send('GET', '/api/v1/leads', { key: live.secret })).status).toBe(200);
    await call(s.app, 'portal.apiKeys.revoke', { id: live.key.id }, adminToken);
    expect((await send('GET', '/api/v1/leads', { key: live.secret })).status).toBe(401);
  });

  it('a key used by two integrations at once with one Idempotency-Key gets one lead: the same lead twice, or a 409 for a different one', async () => {
    const leads = s.app.database.t.leads;
    const count = async () => (await s.app.database.db.select({ id: leads.id }).from(leads).where(eq(leads.partnerId, partnerId))).length;
    const before = await count();
    const body = leadBody();
    const same = await Promise.all([submit(body, 'twice-at-once-1'), submit(body, 'twice-at-once-1')]);
    expect(same.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(same[0]?.body.result?.id).toBe(same[1]?.body.result?.id);
    const different = await Promise.all([submit(leadBody(), 'twice-at-once-2'), submit(leadBody(), 'twice-at-once-2')]);
    expect(different.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(await count()).toBe(before + 2);
  });

  it("refuses a submission over the partner's monthly lead quota with 429 and the quota's numbers, writing nothing", async () => {
    const capped = await activePartner(s, { terms: { commissionModel: 'percentage', rateBp: 1000, monthlyLeadQuota: 1 } });
    const cappedAdmin = await portalUser(s, capped.id, 'partner_admin');
    const { secret } = await call(s.app, 'portal.apiKeys.create', { name: 'Capped', scopes: ['leads:write'] }, cappedAdmin.token);
    expect((await submit(leadBody(), 'quota-first-1', secret)).status).toBe(201);
    await unchanged(s.app, async () => {
      const over = await submit(leadBody(), 'quota-second-1', secret);
      expect(over.status).toBe(429);
      expect(over.body.error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/quota/) });
    });
  });

  it('rate limits per key (429 with Retry-After), counting each key alone, and writes nothing when it refuses', async () => {
    const limited = createHttpApp(s.app.dispatch, { rendererDir: null, secureCookies: false, integration: createIntegrationApi(s.app.services, { rateLimit: { limit: 3, windowMs: 60_000 } }) });
    const get = (key: string) => limited.request('/api/v1/leads?limit=1', { headers: { authorization: `Bearer ${key}` } });
    for (let i = 0; i < 3; i++) expect((await get(reader)).status).toBe(200);
    await unchanged(s.app, async () => {
      const refused = await get(reader);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      const body = JSON.stringify(leadBody());
      const post = await limited.request('/api/v1/leads', { method: 'POST', headers: { authorization: `Bearer ${reader}`, 'content-type': 'application/json' }, body });
      expect(post.status).toBe(429);
    });
    expect((await get(writer)).status).toBe(200);
  });
});
