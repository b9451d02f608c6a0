import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import { getConnInfo } from '@hono/node-server/conninfo';
import { rateLimiter } from 'hono-rate-limiter';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../../src-shared/contract/errors';
import type { Dispatch } from '../dispatch';
import { clientAddress } from './client-address';

export const SESSION_COOKIE = 'pd_session';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  rate_limited: 429,
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

function clientIp(c: Context, trustedProxies: readonly string[]): string {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    peer = undefined;
  }
  return clientAddress(peer, c.req.header('x-forwarded-for'), trustedProxies);
}

/**
 * Server mode: the renderer bundle and `/api/<procedure>` over the same dispatch as IPC.
 * Session in an httpOnly SameSite=strict cookie; JSON-only POSTs (a cross-site form cannot
 * send them without a CORS preflight we never grant); set-up rate-limited per IP. Sign-in is
 * throttled by the service on failed attempts only (per account and per address): a limiter
 * here would count the successes of a whole office behind one address.
 */
export function createHttpApp(dispatch: Dispatch, options: { rendererDir: string | null; secureCookies: boolean; trustedProxies?: readonly string[] }) {
  const trustedProxies = options.trustedProxies ?? [];
  const app = new Hono();
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false, referrerPolicy: 'no-referrer' }));
  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CSP);
  });

  const setupLimiter = rateLimiter({
    windowMs: 60_000,
    limit: 10,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => clientIp(c, trustedProxies),
    handler: (c) => c.json({ ok: false, error: { code: 'rate_limited', message: 'Too many attempts; wait a minute and try again' } }, 429),
  });
  app.use('/api/auth.setup', setupLimiter);

  app.post(
    '/api/:procedure',
    bodyLimit({
      maxSize: 30 * 1024 * 1024, // a 20 MiB document as base64, with room for the JSON around it
      onError: (c) => c.json({ ok: false, error: { code: 'validation', message: 'Request is too large' } }, 413),
    }),
    async (c) => {
      if (!(c.req.header('content-type') ?? '').startsWith('application/json')) {
        return c.json({ ok: false, error: { code: 'validation', message: 'Requests must be JSON' } }, 415);
      }
      let input: unknown;
      try {
        const text = await c.req.text();
        input = text.length ? JSON.parse(text) : {};
      } catch {
        return c.json({ ok: false, error: { code: 'validation', message: 'Malformed JSON body' } }, 400);
      }
      const outcome = await dispatch(c.req.param('procedure'), input, {
        token: getCookie(c, SESSION_COOKIE) ?? null,
        clientKey: clientIp(c, trustedProxies),
      });
      if (typeof outcome.token === 'string') {
        setCookie(c, SESSION_COOKIE, outcome.token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: options.secureCookies, maxAge: 12 * 60 * 60 });
      } else if (outcome.token === null) {
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
      }
      c.header('Cache-Control', 'no-store');
      const status = outcome.response.ok ? 200 : STATUS[outcome.response.error.code];
      return c.json(outcome.response, status);
    },
  );
  app.all('/api/*', (c) => c.json({ ok: false, error: { code: 'not_found', message: 'Use POST /api/<procedure>' } }, 404));

  if (options.rendererDir && existsSync(options.rendererDir)) {
    const rendererDir = options.rendererDir;
    const root = relative(process.cwd(), rendererDir) || '.';
    // Built chunks and styles: a missing one is a 404, never the app's page served as script.
    app.get('/assets/*', serveStatic({ root }));
    app.get('/assets/*', (c) => c.text('Not found', 404));
    // Every other path is a screen of the single-page app (the router reads the URL), except
    // a path naming a file (/favicon.ico): that file, or a 404.
    app.get('*', async (c, next) => {
      if (FILE_PATH.test(c.req.path) && c.req.path !== '/index.html') return next();
      c.header('Cache-Control', 'no-cache');
      return c.html(spaIndex(rendererDir));
    });
    app.get('*', serveStatic({ root }));
    app.get('*', (c) => c.text('Not found', 404));
  } else {
    app.get('*', (c) => c.text('The renderer is not built: run `npm run build` first.', 503));
  }
  return app;
}
