import type { Server } from 'node:http';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { appRoot } from '../app-root';
import { createApp, type App } from '../app';
import { configFromEnv, scrubSecretEnv } from '../config';
import { createHttpApp } from '../transports/http';
import { createIntegrationApi } from '../transports/integration-api';
import { createIdempotentCalls } from '../transports/idempotent-calls';
import { parseTrustedProxies } from '../transports/client-address';
import { parsePublicOrigins } from '../transports/http-edge';
import { storeHealth } from '../data/store-health';
import { closeAllEventStreams } from '../transports/event-stream';
import { log } from '../log';

/**
 * Server mode: the same procedures over HTTP, for the partner portal, for browsers, and for
 * machines where Electron cannot run. Listens on 127.0.0.1 unless HOST says otherwise; a
 * fresh instance's admin needs the set-up code this process prints on its console.
 */
async function main(): Promise<void> {
  const config = configFromEnv();
  // Before the store opens: a mistyped address stops the start with nothing to close.
  const publicUrl = publicUrlOf(process.env.PARTNERDESK_PUBLIC_URL);
  const publicOrigins = [...new Set([...parsePublicOrigins(process.env.PARTNERDESK_PUBLIC_ORIGINS), ...(publicUrl ? [publicUrl] : [])])];
  const app = await createApp(config);
  await scrubSecretEnv(app.deps.keys);
  const host = process.env.HOST ?? '127.0.0.1';
  const port = Number(process.env.PORT ?? 5180);
  const health = storeHealth(app.database);
  const idempotency = createIdempotentCalls({ database: app.database, resolve: (token) => app.services.auth.sessions.resolve(token) });
  // Built once the port is known (PORT=0 picks a free one): the Host check names the real port.
  const httpFor = (listening: number) => createHttpApp(app.dispatch, {
    rendererDir: join(appRoot(), 'out', 'renderer'),
    secureCookies: process.env.PARTNERDESK_SECURE_COOKIES === '1',
    trustedProxies: parseTrustedProxies(process.env.PARTNERDESK_TRUSTED_PROXIES),
    host,
    port: listening,
    publicOrigins,
    resolveSession: (token) => app.services.auth.sessions.resolve(token),
    integration: createIntegrationApi(app.services),
    idempotency,
    changes: app.changes,
    health,
  });
  const needsSetup = await app.services.auth.needsSetup();
  let http: ReturnType<typeof httpFor> | null = null;
  const server = serve({ fetch: (request, env) => (http ??= httpFor(port)).fetch(request, env), hostname: host, port }, (info) => {
    http = httpFor(info.port);
    log.info(`data: ${config.databaseUrl ? 'PostgreSQL (team mode)' : join(config.dataDir, 'partnerdesk.sqlite')}`);
    if (needsSetup) {
      log.info(`first run: open ${publicUrl ?? 'the URL'} to create the first workspace and its admin, with the set-up code below (or run \`npm run demo\`)`);
      // Only whoever can read this console can create the first admin, however the port is exposed.
      console.log(`set-up code: ${app.setupCode}`);
    }
    console.log(`PartnerDesk server mode: http://${host}:${info.port}`);
    // Behind a proxy the bind address is not what people open; the line above stays (scripts read it).
    if (publicUrl) console.log(`public URL: ${publicUrl}`);
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn(`${signal} again: exiting now, without waiting`);
      process.exit(1);
    }
    stopping = true;
    void shutDown(server as Server, app, signal).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * PARTNERDESK_PUBLIC_URL: the address people open, through the reverse proxy
 * (https://desk.example.com). An origin like those of PARTNERDESK_PUBLIC_ORIGINS, to whose list
 * it is added: the app is served at the root, so a path cannot be honoured and is refused.
 */
function publicUrlOf(value: string | undefined): string | null {
  const entry = value?.trim();
  if (!entry) return null;
  try {
    if (entry.includes(',')) throw new Error('a list');
    const [origin] = parsePublicOrigins(entry);
    if (origin) return origin;
  } catch {
    // The message below names this variable, not PARTNERDESK_PUBLIC_ORIGINS.
  }
  throw new Error(`PARTNERDESK_PUBLIC_URL must be one address like https://host[:port], without a path: ${entry}`);
}

/** How long requests in flight at a stop may take to finish before their connections are cut. */
const DRAIN_MS = 10_000;

/**
 * Graceful shutdown (an orchestrator's SIGTERM, Ctrl-C): no new connections; the requests in
 * flight get their answers (up to DRAIN_MS); the live-update streams, which never end by
 * themselves, are ended so their clients reconnect elsewhere; then the app closes (an import in
 * progress settles, the pool or SQLite file closes) and the process exits 0.
 */
async function shutDown(server: Server, app: App, signal: NodeJS.Signals): Promise<void> {
  log.info(`${signal}: shutting down; accepting no new connections`);
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  log.info(`ended ${closeAllEventStreams()} live-update stream(s)`);
  // close() ends the connections idle at that moment; a keep-alive connection whose request
  // finishes later (or an event stream just ended) goes idle afterwards, so ask again until none is left.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  let timer: NodeJS.Timeout | undefined;
  const forced = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), DRAIN_MS);
  });
  const cut = await Promise.race([drained.then(() => false), forced]);
  clearInterval(idle);
  clearTimeout(timer);
  if (cut) {
    server.closeAllConnections();
    log.warn(`requests still running after ${DRAIN_MS / 1000} s: their connections were closed`);
  } else {
    log.info('requests in flight answered; all connections closed');
  }
  await app.close();
  log.info('database closed; stopped');
}

main().catch((error: unknown) => {
  log.error('PartnerDesk could not start', error);
  process.exit(1);
});
