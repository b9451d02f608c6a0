import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src-main/transports/http';
import { createIntegrationApi } from '../../src-main/transports/integration-api';
import { call } from '../support/actors';
import { engines } from '../support/engines';
import { activePartner, leadInput, portalUser } from '../support/leads';
import { setUpPartnerSuite, type PartnerSuite } from '../support/partners';

type Schema = Record<string, unknown>;
interface Document {
  openapi: string;
  jsonSchemaDialect: string;
  paths: Record<string, Record<string, { parameters?: { name: string; schema: Schema }[]; requestBody?: unknown; responses: Record<string, unknown> }>>;
  components: { securitySchemes: Record<string, Schema>; schemas: Record<string, Schema> };
  security: unknown[];
}

/**
 * /api/openapi.json: an OpenAPI 3.1 document whose schemas come from the contract. Checked by
 * Ajv's JSON Schema 2020-12 validator against real traffic: the body of a real submission is
 * accepted by the request schema, the API's real answers by the response schemas, and bodies
 * the API refuses are refused by the schema too.
 */
describe('OpenAPI document (sqlite)', () => {
  let s: PartnerSuite;
  let http: ReturnType<typeof createHttpApp>;
  let doc: Document;
  // Formats unchecked: zod emits each format's pattern beside it, and the pattern is checked.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });

  beforeAll(async () => {
    const sqlite = engines.find((e) => e.name === 'sqlite');
    if (!sqlite) throw new Error('sqlite engine missing');
    s = await setUpPartnerSuite(sqlite);
    http = createHttpApp(s.app.dispatch, { rendererDir: null, secureCookies: false, integration: createIntegrationApi(s.app.services) });
    const res = await http.request('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    doc = (await res.json()) as Document;
  });
  afterAll(() => s?.app.dispose());

  /** A validator for a component schema (z.toJSONSchema inlines everything: no $ref to resolve). */
  const validator = (name: string) => {
    const schema = doc.components.schemas[name];
    if (!schema) throw new Error(`no schema ${name}`);
    return ajv.compile(schema);
  };

  it('is OpenAPI 3.1 with the v1 lead endpoints and the bearer scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/v1/leads', '/api/v1/leads/{id}']);
    expect(Object.keys(doc.paths['/api/v1/leads'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearer: [] }]);
    const post = doc.paths['/api/v1/leads']?.post;
    expect(Object.keys(post?.responses ?? {})).toEqual(expect.arrayContaining(['200', '201', '400', '401', '403', '409', '413', '429']));
    expect(post?.parameters?.map((p) => p.name)).toEqual(['Idempotency-Key']);
    // Every schema compiles as JSON Schema 2020-12.
    for (const name of Object.keys(doc.components.schemas)) expect(() => validator(name), name).not.toThrow();
  });

  it('accepts a real submission and the real answers, and refuses what the API refuses', async () => {
    const partner = await activePartner(s);
    const admin = await portalUser(s, partner.id, 'partner_admin');
    const { secret } = await call(s.app, 'portal.apiKeys.create', { name: 'Docs', scopes: ['leads:write', 'leads:read'] }, admin.token);
    const { idempotencyKey: _key, ...body } = leadInput({ notes: 'From the docs', extra: [{ key: 'Source', value: 'Webinar' }] });
    const submission = validator('LeadSubmission');
    expect(submission(body), JSON.stringify(submission.errors)).toBe(true);

    const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json', 'idempotency-key': 'docs-check-0001' };
    const created = await http.request('/api/v1/leads', { method: 'POST', headers, body: JSON.stringify(body) });
    expect(created.status).toBe(201);
    const answer = (await created.json()) as { result: { id: string } };
    const leadResult = validator('LeadResult');
    expect(leadResult(answer), JSON.stringify(leadResult.errors)).toBe(true);
    const page = await (await http.request('/api/v1/leads?limit=5', { headers: { authorization: `Bearer ${secret}` } })).json();
    const pageResult = validator('LeadPageResult');
    expect(pageResult(page), JSON.stringify(pageResult.errors)).toBe(true);

    const refusedBody = { ...body, partnerId: partner.id, surprise: true };
    expect(submission(refusedBody)).toBe(false);
    expect(submission({ ...body, contactName: undefined })).toBe(false);
    const refused = await http.request('/api/v1/leads', { method: 'POST', headers: { ...headers, 'idempotency-key': 'docs-check-0002' }, body: JSON.stringify({ ...body, surprise: true }) });
    expect(refused.status).toBe(400);
    const error = validator('Error');
    expect(error(await refused.json()), JSON.stringify(error.errors)).toBe(true);
  });
});
