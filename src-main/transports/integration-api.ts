import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode, ErrorPayload } from '../../src-shared/contract/errors';
import { submitLeadInput, type Lead, type LeadSummary } from '../../src-shared/contract/leads';
import type { ApiKeyScope } from '../../src-shared/contract/portal';
import { normaliseEmail } from '../domain/leads/normalise';
import { createDispatch, type Dispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import type { Services } from '../services';
import type { PartnerSession } from '../services/context';
import type { ApiKeyIdentity } from '../services/portal/api-keys';
import { LARGE_BODY_PROCEDURES, readLimitedBody } from './http-edge';
import { openApiDocument, type IntegrationLead } from './openapi';

/*
 * The HTTP API for partners' own systems (README "Integrations API"): `Authorization: Bearer
 * pdk_…` with a key a partner admin made in the portal. Each call runs through the app's real
 * dispatch and services as the key's partner: the key acts like a portal user of that partner
 * whose id is the key's (the audit trail names it "API key <name>"), with the scopes as its
 * rights. Every refusal (key, scope, rate, body, input) happens before anything is written.
 */

export interface IntegrationApiOptions {
  /** Requests per key per window: a fixed window per key, counted in this process (each server instance counts its own). */
  rateLimit?: { limit: number; windowMs: number };
}

const DEFAULT_RATE = { limit: 120, windowMs: 60_000 };
/** Windows remembered at most; past it, the ones already over are dropped first. */
const MAX_WINDOWS = 10_000;
const SUBMIT_LIMIT = LARGE_BODY_PROCEDURES['leads.submit'] ?? 256 * 1024;

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

const fail = (c: Context, status: ContentfulStatusCode, code: ErrorCode, message: string, field?: string) =>
  c.json({ ok: false, error: { code, message, ...(field ? { field } : {}) } satisfies ErrorPayload }, status);

/** What an integration sees of a lead: its state and the reason of a rejection, never reviewer names or other partners. */
function toIntegrationLead(lead: Lead | LeadSummary, rejectionReason: string | null): IntegrationLead {
  return {
    id: lead.id,
    type: lead.type,
    status: lead.status,
    score: lead.score,
    rejectionReason,
    duplicateFlag: lead.duplicateFlag,
    contactName: lead.contactName,
    company: lead.company,
    email: lead.email,
    estimatedValueMinor: lead.estimatedValueMinor,
    submittedAt: lead.submittedAt,
  };
}

/**
 * Whether a retried submission (same Idempotency-Key) is the same lead: its fields, read by the
 * same schema and the same e-mail normalisation the service stored them with.
 */
function sameSubmission(body: Record<string, unknown>, idempotencyKey: string, lead: Lead): boolean {
  const parsed = submitLeadInput.safeParse({ ...body, idempotencyKey });
  if (!parsed.success) return false;
  const i = parsed.data;
  const email = i.email ? (normaliseEmail(i.email)?.address ?? i.email) : null;
  const asSent = [i.type, i.contactName, i.company ?? null, email, i.phone ?? null, i.country ?? null, i.jobTitle ?? null, i.productInterest ?? null, i.website ?? null, i.notes ?? null, i.estimatedValueMinor ?? null, i.extra ?? []];
  const stored = [lead.type, lead.contactName, lead.company, lead.email, lead.phone, lead.country, lead.jobTitle, lead.productInterest, lead.website, lead.notes, lead.estimatedValueMinor, lead.extra.map((e) => ({ key: e.key, value: e.value }))];
  return JSON.stringify(asSent) === JSON.stringify(stored);
}

/** A per-key fixed window: how many calls remain, or the seconds until the next window. */
function fixedWindow(rate: { limit: number; windowMs: number }) {
  const windows = new Map<string, { start: number; count: number }>();
  return (keyId: string, now: number): { ok: true } | { ok: false; retryAfterS: number } => {
    let w = windows.get(keyId);
    if (!w || now - w.start >= rate.windowMs) {
      if (windows.size >= MAX_WINDOWS) for (const [id, old] of windows) if (now - old.start >= rate.windowMs) windows.delete(id);
      w = { start: now, count: 0 };
      windows.set(keyId, w);
    }
    if (w.count >= rate.limit) return { ok: false, retryAfterS: Math.max(1, Math.ceil((w.start + rate.windowMs - now) / 1000)) };
    w.count += 1;
    return { ok: true };
  };
}

/**
 * The sub-app, mounted under /api before the generic `/api/:procedure` route. `services` is the
 * app's own; the dispatch built here is the app's dispatch code over the same services and
 * handlers, its sessions resolved from one-call tickets that this transport issues for a key.
 */
export function createIntegrationApi(services: Services, options: IntegrationApiOptions = {}) {
  const keys = services.portal.team.apiKeys;
  const allow = fixedWindow(options.rateLimit ?? DEFAULT_RATE);
  /** ticket → the key's session, for exactly one dispatch call. */
  const tickets = new Map<string, PartnerSession>();
  const dispatch: Dispatch = createDispatch(
    { ...services, auth: { ...services.auth, sessions: { ...services.auth.sessions, resolve: (ticket: string | null | undefined) => Promise.resolve(ticket ? (tickets.get(ticket) ?? null) : null) } } },
    createHandlers(services),
  );

  /** The key's partner as a session: the role its scopes amount to, the audit actor named after the key. */
  function sessionOf(identity: ApiKeyIdentity): PartnerSession {
    const now = new Date();
    return {
      sessionId: `api-key:${identity.keyId}`,
      userKind: 'partner',
      userId: identity.keyId,
      userName: `API key ${identity.name}`,
      email: '',
      tenantId: identity.tenantId,
      partnerId: identity.partnerId,
      role: identity.scopes.includes('leads:write') ? 'partner_lead_manager' : 'partner_viewer',
      lastSeenAt: now,
      absoluteExpiresAt: new Date(now.getTime() + 60_000),
      mustChangePassword: false,
    };
  }

  async function run(identity: ApiKeyIdentity, procedure: string, input: unknown) {
    const ticket = randomBytes(18).toString('base64url');
    tickets.set(ticket, sessionOf(identity));
    try {
      return (await dispatch(procedure, input, { token: ticket, clientKey: `api-key:${identity.keyId}` })).response;
    } finally {
      tickets.delete(ticket);
    }
  }

  const app = new Hono<{ Variables: { identity: ApiKeyIdentity } }>();

  app.get('/openapi.json', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.json(openApiDocument());
  });

  // Every /v1 call: a live key, within its rate; the scope is the route's.
  app.use('/v1/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const identity = match ? await keys.authenticate(match[1]) : null;
    if (!identity) {
      c.header('WWW-Authenticate', 'Bearer realm="partnerdesk"');
      return fail(c, 401, 'unauthenticated', match ? 'This API key is not valid: unknown, revoked, or its partner is not active' : 'Send the API key as "Authorization: Bearer pdk_…"');
    }
    const verdict = allow(identity.keyId, Date.now());
    if (!verdict.ok) {
      c.header('Retry-After', String(verdict.retryAfterS));
      return fail(c, 429, 'rate_limited', `Too many requests with this API key; retry in ${verdict.retryAfterS} s`);
    }
    c.set('identity', identity);
    return next();
  });

  const scoped = (c: Context<{ Variables: { identity: ApiKeyIdentity } }>, scope: ApiKeyScope) => {
    const identity = c.get('identity');
    return identity.scopes.includes(scope) ? identity : null;
  };

  /** The dispatch's answer as HTTP: the app's own envelope, the status of its error code. */
  const answer = async (c: Context, identity: ApiKeyIdentity, response: Awaited<ReturnType<typeof run>>, toResult: (result: unknown) => unknown, okStatus: ContentfulStatusCode = 200) => {
    if (!response.ok) return c.json(response, STATUS[response.error.code]);
    await keys.markUsed(identity);
    return c.json({ ok: true, result: toResult(response.result) }, okStatus);
  };

  app.post('/v1/leads', async (c) => {
    const identity = scoped(c, 'leads:write');
    if (!identity) return fail(c, 403, 'forbidden', 'This API key may not submit leads (scope leads:write)');
    if (!(c.req.header('content-type') ?? '').startsWith('application/json')) return fail(c, 415, 'validation', 'Requests must be JSON');
    const text = await readLimitedBody(c.req.raw, SUBMIT_LIMIT);
    if (text === null) return fail(c, 413, 'validation', 'Request is too large');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return fail(c, 400, 'validation', 'Malformed JSON body');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail(c, 400, 'validation', 'The body must be a JSON object (a lead)');
    const fields = body as Record<string, unknown>;
    if ('partnerId' in fields) return fail(c, 400, 'validation', "Unknown field: partnerId (a key submits for its own partner)", 'partnerId');
    if ('idempotencyKey' in fields) return fail(c, 400, 'validation', 'Send the idempotency key as the Idempotency-Key header', 'idempotencyKey');
    const sentKey = c.req.header('idempotency-key');
    // Without the header every call is a new submission (the service still needs a key of its own).
    const idempotencyKey = sentKey ?? `api-${randomBytes(16).toString('hex')}`;
    const response = await run(identity, 'leads.submit', { ...fields, idempotencyKey });
    if (response.ok) {
      const { lead, created } = response.result as { lead: Lead; created: boolean };
      if (!created && !sameSubmission(fields, idempotencyKey, lead)) {
        return fail(c, 409, 'conflict', 'This Idempotency-Key was already used for a different lead: use a new key for a new lead', 'Idempotency-Key');
      }
      if (!created) c.header('Idempotent-Replayed', 'true');
      return answer(c, identity, response, () => toIntegrationLead(lead, lead.rejectionReason), created ? 201 : 200);
    }
    if (response.error.field === 'idempotencyKey') response.error.field = 'Idempotency-Key';
    return answer(c, identity, response, () => null);
  });

  app.get('/v1/leads/:id', async (c) => {
    const identity = scoped(c, 'leads:read');
    if (!identity) return fail(c, 403, 'forbidden', 'This API key may not read leads (scope leads:read)');
    const response = await run(identity, 'leads.get', { id: c.req.param('id') });
    return answer(c, identity, response, (result) => {
      const lead = result as Lead;
      return toIntegrationLead(lead, lead.rejectionReason);
    });
  });

  app.get('/v1/leads', async (c) => {
    const identity = scoped(c, 'leads:read');
    if (!identity) return fail(c, 403, 'forbidden', 'This API key may not read leads (scope leads:read)');
    const { cursor, limit, status } = c.req.query();
    const parsedLimit = limit === undefined ? undefined : /^\d{1,4}$/.test(limit) ? Number(limit) : NaN;
    if (Number.isNaN(parsedLimit)) return fail(c, 400, 'validation', 'Limit must be a whole number from 1 to 200', 'limit');
    const response = await run(identity, 'leads.list', { ...(cursor ? { cursor } : {}), ...(parsedLimit !== undefined ? { limit: parsedLimit } : {}), ...(status ? { status } : {}) });
    if (!response.ok) return answer(c, identity, response, () => null);
    const page = response.result as { rows: LeadSummary[]; nextCursor: string | null };
    const reasons = await keys.rejectionReasons(identity, page.rows.filter((r) => r.status === 'rejected').map((r) => r.id));
    return answer(c, identity, response, () => ({ rows: page.rows.map((r) => toIntegrationLead(r, reasons.get(r.id) ?? null)), nextCursor: page.nextCursor }));
  });

  app.all('/v1/*', (c) => fail(c, 404, 'not_found', 'Unknown endpoint: see /api/openapi.json'));
  return app;
}

export type IntegrationApi = ReturnType<typeof createIntegrationApi>;
