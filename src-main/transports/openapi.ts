import { z } from 'zod';
import { ERROR_CODES } from '../../src-shared/contract/errors';
import { idempotencyKey, listLeadsInput, submitLeadInput } from '../../src-shared/contract/leads/fields';
import { LEAD_STATUSES } from '../../src-shared/contract/leads/values';

/*
 * The OpenAPI 3.1 document of the integrations API (integration-api.ts), served at
 * /api/openapi.json. Request bodies and parameters are the contract's own zod schemas turned
 * into JSON Schema 2020-12 (OpenAPI 3.1's dialect) by z.toJSONSchema, in `input` mode: what a
 * client may send, before the schema's trimming and defaults. Responses are described by the
 * schema below, which the API's answers are typed by.
 */

/** The submission body: the leads.submit input without partnerId (the key's partner) and idempotencyKey (the header). */
export const leadSubmissionBody = submitLeadInput.omit({ partnerId: true, idempotencyKey: true });

/** What an integration reads of one of its partner's leads. */
export const integrationLead = z
  .object({
    id: z.string(),
    type: z.enum(['new_lead', 'referral', 'import_batch']),
    status: z.enum(LEAD_STATUSES),
    /** Quality score 0-100, computed at submission. */
    score: z.number().int().min(0).max(100),
    rejectionReason: z.string().nullable().describe('Why the lead was rejected; null unless rejected'),
    duplicateFlag: z.boolean().describe('An earlier registration of this contact exists (whose is never said)'),
    contactName: z.string(),
    company: z.string().nullable(),
    email: z.string().nullable(),
    estimatedValueMinor: z.number().int().nullable().describe('Integer minor units (cents) of the workspace currency'),
    submittedAt: z.iso.datetime(),
  })
  .strict();

export type IntegrationLead = z.infer<typeof integrationLead>;

const errorBody = z
  .object({
    ok: z.literal(false),
    error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), field: z.string().optional() }),
  })
  .strict();

const ok = <T extends z.ZodType>(result: T) => z.object({ ok: z.literal(true), result }).strict();

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  // OpenAPI 3.1 documents name their dialect once (jsonSchemaDialect), not per schema.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' });
  return rest;
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

const ERRORS = {
  '401': errorResponse('No key, or an unknown or revoked one, or its partner is not active'),
  '403': errorResponse("The key lacks this endpoint's scope"),
  '429': {
    ...errorResponse('Too many requests with this key (a fixed window per key and server instance), or the monthly lead quota is reached'),
    headers: { 'Retry-After': { description: 'Seconds until the next window', schema: { type: 'integer' } } },
  },
};

function build() {
  const leadResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/LeadResult' } } } });
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'PartnerDesk integrations API',
      version: '1.0.0',
      description: "Submit leads and read their status from a partner's own systems, with an API key a partner admin creates in the portal (Team → API keys). Amounts are integer minor units.",
    },
    security: [{ bearer: [] }],
    paths: {
      '/api/v1/leads': {
        post: {
          operationId: 'submitLead',
          summary: 'Submit a lead or referral (scope leads:write)',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: 'Retrying with the same key returns the first lead (200) instead of a second one; the same key with a different lead is a 409.',
              schema: jsonSchema(idempotencyKey, 'input'),
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/LeadSubmission' } } } },
          responses: {
            '201': leadResponse('Created'),
            '200': leadResponse('The lead an earlier call with this Idempotency-Key created'),
            '400': errorResponse('Malformed JSON or invalid input (error.field names the field)'),
            ...ERRORS,
            '409': errorResponse('This Idempotency-Key was used for a different lead'),
            '413': errorResponse('The body is larger than 256 KiB'),
            '415': errorResponse('The body is not JSON'),
          },
        },
        get: {
          operationId: 'listLeads',
          summary: "The partner's leads, newest first, in keyset pages (scope leads:read)",
          parameters: [
            { name: 'cursor', in: 'query', required: false, description: 'nextCursor of the previous page', schema: jsonSchema(listLeadsInput.shape.cursor, 'input') },
            { name: 'limit', in: 'query', required: false, schema: jsonSchema(listLeadsInput.shape.limit, 'input') },
            { name: 'status', in: 'query', required: false, schema: jsonSchema(listLeadsInput.shape.status.unwrap(), 'input') },
          ],
          responses: {
            '200': { description: 'A page', content: { 'application/json': { schema: { $ref: '#/components/schemas/LeadPageResult' } } } },
            '400': errorResponse('Invalid cursor, limit or status'),
            ...ERRORS,
          },
        },
      },
      '/api/v1/leads/{id}': {
        get: {
          operationId: 'getLead',
          summary: 'One lead: status, score and rejection reason (scope leads:read)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': leadResponse('The lead'), '404': errorResponse("No such lead of the key's partner"), ...ERRORS },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key: "Authorization: Bearer pdk_…"' } },
      schemas: {
        LeadSubmission: jsonSchema(leadSubmissionBody, 'input'),
        Lead: jsonSchema(integrationLead, 'output'),
        LeadResult: jsonSchema(ok(integrationLead), 'output'),
        LeadPageResult: jsonSchema(ok(z.object({ rows: z.array(integrationLead), nextCursor: z.string().nullable() }).strict()), 'output'),
        Error: jsonSchema(errorBody, 'output'),
      },
    },
  };
}

let document: ReturnType<typeof build> | undefined;

/** Built once per process: the schemas do not change while it runs. */
export function openApiDocument(): ReturnType<typeof build> {
  document ??= build();
  return document;
}
