import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { getConnInfo } from '@hono/node-server/conninfo';
import { rateLimiter } from 'hono-rate-limiter';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../../src-shared/contract/errors';
import { allowed } from '../../src-shared/contract/procedure';
import { contract, isProcedureName } from '../../src-shared/contract';
import type { Dispatch } from '../dispatch';
import { clientAddress } from './client-address';
import type { IntegrationApi } from './integration-api';
import { bearerSessionToken, contractMismatch, isDesktopClient, mountVersionRoute, SESSION_HEADER } from './desktop-clients';
import type { ActiveSession } from '../services/context';
import type { ChangeFeed } from '../live/change-feed';
import { mountEventStream } from './event-stream';
import { mountHealth, type HealthReport } from './health';
import { createStaticAssets } from './static-assets';
import { IDEMPOTENCY_HEADER, PENDING_HEADER, REPLAY_HEADER, type IdempotentCalls } from './idempotent-calls';
import { DEFAULT_BODY_LIMIT, edgePolicy, HSTS, isLoopbackHost, LARGE_BODY_PROCEDURES, PERMISSIONS_POLICY, plainAddress, postRefusal, readLimitedBody } from './http-edge';

/** The session cookie of a server bound to loopback (plain http: a browser refuses __Host- without Secure). */
export const SESSION_COOKIE = 'pd_session';
/** Anywhere else: host-only, path /, Secure (the browser enforces all three for the prefix). */
export const SECURE_SESSION_COOKIE = '__Host-pd_session';
/** The portal's session cookies: a partner user's session never sits in the staff cookie, nor the reverse. */
export const PORTAL_COOKIE = 'pd_portal';
export const SECURE_PORTAL_COOKIE = '__Host-pd_portal';
/** Sent by the renderer on /portal pages: the call reads and sets the portal cookie. */
export const SURFACE_HEADER = 'x-partnerdesk-surface';

/**
 * Which cookie a call uses. A portal page says so by its header; a portal.* procedure always uses
 * the portal cookie whatever the header, so a partner sign-in can never land in the staff cookie
 * (a staff page would otherwise find itself holding a partner session) and a staff session
 * never reaches a portal procedure.
 */
export function isPortalCall(procedure: string, surfaceHeader: string | undefined): boolean {
  return surfaceHeader?.trim().toLowerCase() === 'portal' || procedure.startsWith('portal.');
}

export interface HttpOptions {
  rendererDir: string | null;
  /** PARTNERDESK_SECURE_COOKIES=1: Secure on the loopback cookie too (elsewhere it always is). */
  secureCookies: boolean;
  trustedProxies?: readonly string[];
  /** The interface the server is bound to (HOST); default 127.0.0.1. */
  host?: string;
  /** The port it listens on, which a loopback Host must name. Default 80: Hono's request() in tests uses http://localhost/. */
  port?: number;
  /** PARTNERDESK_PUBLIC_ORIGINS, parsed (parsePublicOrigins). */
  publicOrigins?: readonly string[];
  /** The session of a cookie, resolved before a large body is accepted; without it no large body is. */
  resolveSession?: (token: string | null) => Promise<ActiveSession | null>;
  /** The integrations API (API keys, /api/v1/*, /api/openapi.json): createIntegrationApi; absent, those paths are 404. */
  integration?: IntegrationApi;
  /** Idempotency-Key on mutations (createIdempotentCalls); absent, the header is ignored. */
  idempotency?: IdempotentCalls;
  /** Live updates at GET /api/events (needs resolveSession); absent, that path is 404. */
  changes?: ChangeFeed;
  /** How often an open event stream re-checks its session (default 20 s). */
  eventHeartbeatMs?: number;
  /** GET /healthz (storeHealth); absent, that path is the app's like any other. */
  health?: () => Promise<HealthReport>;
}

const refuse = (c: Context, status: 403 | 413, message: string) =>
  c.json({ ok: false, error: { code: status === 403 ? 'forbidden' : 'validation', message } }, status);

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

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  // 'self', not 'none': index.html gets a same-origin <base href="/"> (see spaIndex).
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const FILE_PATH = /\/[^/]+\.[A-Za-z0-9]+$/;

/**
 * index.html with `<base href="/">`: the bundle links its assets relatively (`./assets/…`)
 * because Electron loads the same file from disk, so at /partners/x/kyc they must resolve from
 * the root, not from /partners/x/. Read per request: a rebuild shows without a restart.
 */
function spaIndex(rendererDir: string): string {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  return html.replace(/<head>/i, '<head>\n    <base href="/" />');
}

function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

function clientIp(c: Context, trustedProxies: readonly string[]): string {
  return clientAddress(peerAddress(c), c.req.header('x-forwarded-for'), trustedProxies);
}

/**
 * Server mode: the renderer bundle and `/api/<procedure>` over the same dispatch as IPC.
 * Session in an httpOnly SameSite=strict cookie; JSON-only POSTs (a cross-site form cannot
 * send them without a CORS preflight we never grant); set-up rate-limited per IP. Sign-in is
 * throttled by the service on failed attempts only (per account and per address): a limiter
 * here would count the successes of a whole office behind one address.
 */
export function createHttpApp(dispatch: Dispatch, options: HttpOptions) {
  const trustedProxies = options.trustedProxies ?? [];
  const policy = edgePolicy(options.port ?? 80, options.publicOrigins ?? []);
  const loopback = isLoopbackHost(options.host ?? '127.0.0.1');
  const staffCookie = loopback ? SESSION_COOKIE : SECURE_SESSION_COOKIE;
  const portalCookie = loopback ? PORTAL_COOKIE : SECURE_PORTAL_COOKIE;
  const cookieSecure = loopback ? options.secureCookies : true;
  const app = new Hono();
  // HSTS is Hono's default; here only where the browser really came over TLS (see below).
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false, referrerPolicy: 'no-referrer', strictTransportSecurity: false, xFrameOptions: 'DENY' }));
  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('Permissions-Policy', PERMISSIONS_POLICY);
    // Node serves plain http; TLS is a proxy's. Its Host names an https public origin and the
    // request came from a configured trusted proxy: only then was the browser's leg TLS.
    const peer = peerAddress(c);
    if (policy.tlsHosts.has((c.req.header('host') ?? '').toLowerCase()) && peer && trustedProxies.includes(plainAddress(peer))) c.header('Strict-Transport-Security', HSTS);
  });
  if (options.health) mountHealth(app, options.health); // before the Host check: see health.ts
  // DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 sends Host: evil.example.
  app.use('*', async (c, next) => {
    const host = (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase();
    if (!policy.hosts.has(host)) return refuse(c, 403, 'Unknown host: add its origin to PARTNERDESK_PUBLIC_ORIGINS');
    return next();
  });
  app.use('*', async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const refusal = postRefusal(policy, c.req.header('origin'), c.req.header('sec-fetch-site'));
    return refusal ? refuse(c, 403, refusal) : next();
  });

  const setupLimiter = rateLimiter({
    windowMs: 60_000,
    limit: 10,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => clientIp(c, trustedProxies),
    handler: (c) => c.json({ ok: false, error: { code: 'rate_limited', message: 'Too many attempts; wait a minute and try again' } }, 429),
  });
  app.use('/api/auth.setup', setupLimiter);

  /** A file-carrying procedure's limit for a caller allowed to call it, else the default. */
  async function bodyLimitFor(procedure: string, token: string | null): Promise<number> {
    const large = LARGE_BODY_PROCEDURES[procedure];
    if (large === undefined || !isProcedureName(procedure) || !options.resolveSession || !token) return DEFAULT_BODY_LIMIT;
    const session = await options.resolveSession(token);
    return session && allowed(contract[procedure].access, session.role) ? large : DEFAULT_BODY_LIMIT;
  }

  if (options.integration) app.route('/api', options.integration);
  mountVersionRoute(app);
  if (options.changes && options.resolveSession) {
    const resolveSession = options.resolveSession;
    mountEventStream(app, {
      feed: options.changes,
      ...(options.eventHeartbeatMs ? { heartbeatMs: options.eventHeartbeatMs } : {}),
      resolveSession: (token) => resolveSession(token),
      // EventSource cannot set headers: the portal says which cookie by `?surface=portal`.
      tokenOf: (c) => (isDesktopClient(c.req) ? bearerSessionToken(c.req) : null) ?? getCookie(c, c.req.query('surface') === 'portal' ? portalCookie : staffCookie) ?? null,
    });
  }

  app.post('/api/:procedure', async (c) => {
    if (!(c.req.header('content-type') ?? '').startsWith('application/json')) {
      return c.json({ ok: false, error: { code: 'validation', message: 'Requests must be JSON' } }, 415);
    }
    const procedure = c.req.param('procedure');
    const mismatch = contractMismatch(c.req);
    if (mismatch) return c.json({ ok: false, error: { code: 'conflict', message: mismatch } }, 409);
    // A connected desktop holds its token in its main process and sends it as a bearer token.
    const desktop = isDesktopClient(c.req);
    const cookieName = isPortalCall(procedure, c.req.header(SURFACE_HEADER)) ? portalCookie : staffCookie;
    const token = (desktop ? bearerSessionToken(c.req) : null) ?? getCookie(c, cookieName) ?? null;
    const text = await readLimitedBody(c.req.raw, await bodyLimitFor(procedure, token));
    if (text === null) return refuse(c, 413, 'Request is too large');
    let input: unknown;
    try {
      input = text.length ? JSON.parse(text) : {};
    } catch {
      return c.json({ ok: false, error: { code: 'validation', message: 'Malformed JSON body' } }, 400);
    }
    const run = () => dispatch(procedure, input, { token, clientKey: clientIp(c, trustedProxies) });
    const key = c.req.header(IDEMPOTENCY_HEADER);
    const idempotency = options.idempotency;
    const answer = idempotency?.applies(procedure, key) ? await idempotency.run(procedure, token, key, run) : { outcome: await run(), replayed: false };
    const { outcome } = answer;
    if (answer.replayed) c.header(REPLAY_HEADER, 'true');
    if (answer.pending) c.header(PENDING_HEADER, 'true');
    if (desktop) {
      if (outcome.token !== undefined) c.header(SESSION_HEADER, outcome.token ?? '');
    } else if (typeof outcome.token === 'string') {
      setCookie(c, cookieName, outcome.token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: cookieSecure, maxAge: 12 * 60 * 60 });
    } else if (outcome.token === null) {
      deleteCookie(c, cookieName, { path: '/', secure: cookieSecure });
    }
    c.header('Cache-Control', 'no-store');
    const status = outcome.response.ok ? 200 : STATUS[outcome.response.error.code];
    return c.json(outcome.response, status);
  });
  app.all('/api/*', (c) => c.json({ ok: false, error: { code: 'not_found', message: 'Use POST /api/<procedure>' } }, 404));

  if (options.rendererDir && existsSync(options.rendererDir)) {
    const rendererDir = options.rendererDir;
    // Compressed once and kept in memory; hashed /assets/ cached for a year, the rest revalidated.
    const assets = createStaticAssets(rendererDir);
    // Built chunks and styles: a missing one is a 404, never the app's page served as script.
    app.get('/assets/*', assets.serveFile);
    app.get('/assets/*', (c) => c.text('Not found', 404));
    // Every other path is a screen of the single-page app (the router reads the URL), except
    // a path naming a file (/favicon.ico): that file, or a 404.
    app.get('*', async (c, next) => {
      if (FILE_PATH.test(c.req.path) && c.req.path !== '/index.html') return next();
      return assets.serveIndex(c, spaIndex(rendererDir));
    });
    app.get('*', assets.serveFile);
    app.get('*', (c) => c.text('Not found', 404));
  } else {
    app.get('*', (c) => c.text('The renderer is not built: run `npm run build` first.', 503));
  }
  return app;
}
