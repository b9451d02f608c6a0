import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { appRoot } from '../app-root';
import { createApp } from '../app';
import { configFromEnv, scrubSecretEnv } from '../config';
import { createHttpApp } from '../transports/http';
import { createIntegrationApi } from '../transports/integration-api';
import { createIdempotentCalls } from '../transports/idempotent-calls';
import { parseTrustedProxies } from '../transports/client-address';
import { parsePublicOrigins } from '../transports/http-edge';
import { storeHealth } from '../data/store-health';
import { log } from '../log';

/**
 * Server mode: the same procedures over HTTP, for the partner portal, for browsers, and for
 * machines where Electron cannot run. Listens on 127.0.0.1 unless HOST says otherwise; a
 * fresh instance's admin needs the set-up code this process prints on its console.
 */
async function main(): Promise<void> {
  const config = configFromEnv();
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
    publicOrigins: parsePublicOrigins(process.env.PARTNERDESK_PUBLIC_ORIGINS),
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
      log.info('first run: open the URL to create the first workspace and its admin, with the set-up code below (or run `npm run demo`)');
      // Only whoever can read this console can create the first admin, however the port is exposed.
      console.log(`set-up code: ${app.setupCode}`);
    }
    console.log(`PartnerDesk server mode: http://${host}:${info.port}`);
  });
  const stop = () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  log.error('PartnerDesk could not start', error);
  process.exit(1);
});
