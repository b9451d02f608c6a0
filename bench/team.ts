import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { createForwardingDispatch } from '../src-main/desktop/forwarding-dispatch';
import { followServerEvents } from '../src-main/desktop/server-events';
import type { ServerTarget } from '../src-main/desktop/server-target';
import type { Dispatch } from '../src-main/dispatch';
import { measure, summarise, type Timing } from './measure';
import { startServer, type PortalServer } from './portal-server';
import { note } from './progress';

/*
 * `npm run bench -- team`: team mode's own costs, on real server processes over real HTTP.
 *  - a connected desktop's call (the forwarding dispatch: bearer token, contract header) against
 *    the same call from a browser-like client on a kept-alive connection;
 *  - live updates: from a mutation's answer to each of BENCH_TEAM_STREAMS open event streams
 *    receiving its event, on one SQLite server and, with DATABASE_URL, across two server
 *    instances on one Postgres (NOTIFY between them). Issue 11's target: every screen within 1 s.
 * Writes bench-team-results.json (BENCH_TEAM_RESULTS to put it elsewhere).
 */

const STREAMS = Number(process.env.BENCH_TEAM_STREAMS ?? 20);
const CHANGES = Number(process.env.BENCH_TEAM_CHANGES ?? 50);
const CALLS = Number(process.env.BENCH_TEAM_CALLS ?? 300);
const LIVE_TARGET_MS = 1000;
const PASSWORD = 'orbit lantern cobalt meadow 7';

interface TeamFigures {
  engine: 'sqlite' | 'postgres';
  forwarded_call: Timing;
  browser_call: Timing;
  live_update: Timing & { streams: number; changes: number; target_ms: number };
}

async function ok<T>(dispatch: Dispatch, name: string, input: unknown, token: string | null): Promise<{ result: T; token?: string | null }> {
  const outcome = await dispatch(name, input, { token, clientKey: 'bench' });
  if (!outcome.response.ok) throw new Error(`${name}: ${outcome.response.error.message}`);
  return { result: outcome.response.result as T, ...(outcome.token !== undefined ? { token: outcome.token } : {}) };
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const partner = (n: number) => ({
  type: 'channel_partner',
  legalName: `Team Bench ${n} GmbH`,
  contact: { name: 'Bea Bench', email: `bea-${n}@bench.test` },
  country: 'DE',
  terms: { commissionModel: 'percentage', rateBp: 1000 },
});

async function benchTeam(engine: 'sqlite' | 'postgres'): Promise<TeamFigures> {
  const dirs = [mkdtempSync(join(tmpdir(), 'partnerdesk-team-bench-')), mkdtempSync(join(tmpdir(), 'partnerdesk-team-bench-'))];
  const url = process.env.DATABASE_URL;
  const schema = `pd_bench_team_${Date.now().toString(36)}`;
  const servers: PortalServer[] = [];
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(text).finally(() => client.end());
  };
  try {
    const postgres = engine === 'postgres' && url ? { url, schema } : undefined;
    if (postgres) await admin(`CREATE SCHEMA ${schema}`);
    const env = postgres ? { PARTNERDESK_DATA_KEY: randomBytes(32).toString('base64') } : undefined;
    servers.push(await startServer({ dataDir: dirs[0] as string, port: await freePort(), ...(postgres ? { postgres } : {}), ...(env ? { env } : {}) }));
    // On Postgres the event streams listen on a second instance: the event crosses servers by NOTIFY.
    if (postgres) servers.push(await startServer({ dataDir: dirs[1] as string, port: await freePort(), postgres, ...(env ? { env } : {}) }));
    const writer = servers[0] as PortalServer;
    const reader = servers[servers.length - 1] as PortalServer;
    const target: ServerTarget = { serverUrl: writer.url, trustedCertificate: null };
    const forward = createForwardingDispatch(target);

    const setup = await ok(forward, 'auth.setup', { workspaceName: 'Team Bench', currency: 'EUR', adminName: 'Ada Admin', adminEmail: 'ada@bench.test', password: PASSWORD, setupCode: writer.setupCode ?? '' }, null);
    const token = setup.token as string;
    const ids: string[] = [];
    for (let n = 0; n < 50; n++) ids.push((await ok<{ id: string }>(forward, 'partners.create', partner(n), token)).result.id);

    note(`[${engine}] forwarded calls`);
    const forwarded = await measure(() => ok(forward, 'partners.list', {}, token), { warmup: 20, iterations: CALLS });
    note(`[${engine}] browser-like calls`);
    const browser = await measure(async () => {
      const response = await fetch(`${writer.url}/api/partners.list`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `pd_session=${token}` }, body: '{}' });
      if (!response.ok) throw new Error(`partners.list: HTTP ${response.status}`);
      await response.arrayBuffer();
    }, { warmup: 20, iterations: CALLS });

    note(`[${engine}] live updates: ${STREAMS} streams × ${CHANGES} changes`);
    const readerTarget: ServerTarget = { serverUrl: reader.url, trustedCertificate: null };
    const waiting = new Map<string, { sent: number; pending: number; done: () => void }>();
    const latencies: number[] = [];
    const streams = Array.from({ length: STREAMS }, () =>
      followServerEvents(readerTarget, token, {
        change: (event) => {
          const at = performance.now();
          for (const id of event.ids) {
            const entry = waiting.get(id);
            if (!entry) continue;
            latencies.push(at - entry.sent);
            entry.pending -= 1;
            if (entry.pending === 0) entry.done();
          }
        },
        reconnected: () => undefined,
        signedOut: () => undefined,
      }),
    );
    try {
      await new Promise((r) => setTimeout(r, 500)); // every stream open
      for (let i = 0; i < CHANGES; i++) {
        const id = ids[i % ids.length] as string;
        // Timed from the moment the change is sent: what a colleague's screen waits for.
        const received = new Promise<void>((done, fail) => {
          waiting.set(id, { sent: performance.now(), pending: STREAMS, done });
          setTimeout(() => fail(new Error(`change ${i} not received by every stream within 5 s`)), 5000).unref();
        });
        await ok(forward, 'partners.update', { id, displayName: `Renamed ${i}` }, token);
        await received;
        waiting.delete(id);
      }
    } finally {
      for (const stream of streams) stream.stop();
    }
    return { engine, forwarded_call: forwarded, browser_call: browser, live_update: { ...summarise(latencies), streams: STREAMS, changes: CHANGES, target_ms: LIVE_TARGET_MS } };
  } finally {
    for (const server of servers) await server.stop();
    if (engine === 'postgres' && url) await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (value: number) => value.toFixed(2);

function table(results: TeamFigures[]): string {
  const lines = ['| engine | measure | p50 ms | p95 ms | max ms | n | target |', '|---|---|---|---|---|---|---|'];
  for (const r of results) {
    lines.push(`| ${r.engine} | connected desktop call (partners.list, forwarded) | ${ms(r.forwarded_call.p50)} | ${ms(r.forwarded_call.p95)} | ${ms(r.forwarded_call.max)} | ${r.forwarded_call.n} | |`);
    lines.push(`| ${r.engine} | browser call (partners.list, kept-alive) | ${ms(r.browser_call.p50)} | ${ms(r.browser_call.p95)} | ${ms(r.browser_call.max)} | ${r.browser_call.n} | |`);
    const live = r.live_update;
    const verdict = live.p95 <= live.target_ms ? 'met' : 'MISSED';
    lines.push(`| ${r.engine} | live update to each of ${live.streams} streams${r.engine === 'postgres' ? ' (other instance)' : ''} | ${ms(live.p50)} | ${ms(live.p95)} | ${ms(live.max)} | ${live.n} | p95 ≤ ${live.target_ms} ms: ${verdict} |`);
  }
  return lines.join('\n');
}

export async function runTeamBench(): Promise<number> {
  const engines: ('sqlite' | 'postgres')[] = ['sqlite', ...(process.env.DATABASE_URL ? (['postgres'] as const) : [])];
  const results: TeamFigures[] = [];
  let failed = false;
  for (const engine of engines) {
    try {
      results.push(await benchTeam(engine));
    } catch (error) {
      failed = true;
      note(`[${engine}] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  process.stdout.write(`${table(results)}\n\nload average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs.\n`);
  const out = resolve(process.env.BENCH_TEAM_RESULTS ?? 'bench-team-results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  note(`wrote ${out}`);
  const missed = results.some((r) => r.live_update.p95 > r.live_update.target_ms);
  return failed || missed ? 1 : 0;
}
