import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import autocannon from 'autocannon';
import type { EngineName } from '../src-main/data/database';
import { hashPassword } from '../src-main/services/auth/passwords';
import { BENCH_PASSWORD, planDataset, SEED_SCALE } from './dataset';
import { disposeAll, openEngine, type OpenedEngine } from './engines';
import { measure } from './measure';
import { note } from './progress';
import { portalPost, startServer } from './portal-server';

/**
 * `npm run bench -- portal` (issue 12, point 7): the partner portal over real HTTP on loopback.
 * Loads the seed-scale dataset (BENCH_SCALE, BENCH_PARTNERS, BENCH_SEED as the main bench),
 * starts a real server process on it, signs in BENCH_PORTAL_SESSIONS partner users through
 * portal.signIn, then
 *  1. p95 of `portal.home` and `leads.list` (the portal's home and "my leads"), one call at a time;
 *  2. a load run with autocannon: 64 partner sessions reading home + leads while 8 others
 *     submit leads, BENCH_PORTAL_SECONDS long: throughput and p99 of each side.
 * On SQLite, and on Postgres when DATABASE_URL is set (BENCH_ENGINES chooses as in run.ts).
 */

const READERS = 64;
const WRITERS = 8;

interface PortalUser {
  email: string;
  partnerId: string;
  role: string;
  quota: number;
}

interface EngineFigures {
  engine: EngineName;
  signInMs: number;
  home: { p50: number; p95: number; n: number };
  leads: { p50: number; p95: number; n: number };
  load: { seconds: number; readRps: number; readP99: number; readNon2xx: number; writeRps: number; writeP99: number; writeNon2xx: number; errors: number; statuses: Record<string, number> };
}

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? '');
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/** Portal users who can sign in (a password, not deactivated) of active partners: writers of unlimited-quota partners first. */
async function portalUsers(opened: OpenedEngine, n: number): Promise<PortalUser[]> {
  const { partnerUsers: u, partners: p } = opened.database.t;
  const rows = await opened.database.db
    .select({ email: u.email, partnerId: u.partnerId, role: u.role, quota: p.monthlyLeadQuota })
    .from(u)
    .innerJoin(p, and(eq(p.id, u.partnerId), eq(p.tenantId, u.tenantId)))
    .where(and(eq(p.status, 'active'), isNull(p.deletedAt), isNull(u.deactivatedAt), isNull(u.deletedAt), isNotNull(u.passwordHash), inArray(u.role, ['partner_admin', 'partner_lead_manager'])))
    .orderBy(asc(p.monthlyLeadQuota), asc(u.id))
    .limit(n * 4);
  // The dataset's users do not change their passwords; clear any forced change so the sessions act.
  await opened.database.write((tx) => tx.update(u).set({ mustChangePassword: false }).where(isNotNull(u.passwordHash)));
  if (rows.length < n) throw new Error(`the dataset has only ${rows.length} portal users able to sign in; ${n} needed`);
  return rows.slice(0, n);
}

async function signIn(base: string, user: PortalUser): Promise<string> {
  const res = await portalPost(base, 'portal.signIn', { email: user.email, password: BENCH_PASSWORD });
  const cookie = /(?:^|, )((?:__Host-)?pd_portal=[^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (res.status !== 200 || !cookie) throw new Error(`portal sign-in of ${user.email} failed: ${res.status} ${await res.text()}`);
  return cookie;
}

async function timed(base: string, cookies: string[], procedure: string, body: unknown, iterations: number) {
  const t = await measure(
    async (i) => {
      const res = await portalPost(base, procedure, body, cookies[i % cookies.length]);
      if (res.status !== 200) throw new Error(`${procedure}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    },
    { warmup: 20, iterations },
  );
  return { p50: round(t.p50), p95: round(t.p95), n: t.n };
}

const round = (x: number) => Math.round(x * 100) / 100;
const headersOf = (cookie: string) => ({ 'content-type': 'application/json', 'x-partnerdesk-surface': 'portal', cookie });

/** Responses per HTTP status over all instances, so a non-2xx count says what it was. */
function statusesOf(results: autocannon.Result[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) out[code] = (out[code] ?? 0) + (stat.count ?? 0);
  return out;
}

/** 64 readers (home, then leads, per connection) and 8 writers (one connection each, a new idempotency key per lead), at once. */
async function loadRun(base: string, readers: string[], writers: { cookie: string; partnerId: string }[], seconds: number) {
  let next = 0;
  const sessionOf = (context: Record<string, unknown>): string => {
    if (typeof context.cookie !== 'string') context.cookie = readers[next++ % readers.length] ?? '';
    return context.cookie as string;
  };
  const reading = autocannon({
    url: base,
    connections: READERS,
    duration: seconds,
    // Each connection is one partner session: its cookie is chosen once, in its own context.
    requests: [
      { method: 'POST', path: '/api/portal.home', body: '{}', setupRequest: (req, context) => ({ ...req, headers: headersOf(sessionOf(context as Record<string, unknown>)) }) },
      { method: 'POST', path: '/api/leads.list', body: '{"limit":50}', setupRequest: (req, context) => ({ ...req, headers: headersOf(sessionOf(context as Record<string, unknown>)) }) },
    ],
  });
  let serial = 0;
  const writing = writers.map((w, i) =>
    autocannon({
      url: base,
      connections: 1,
      duration: seconds,
      headers: headersOf(w.cookie),
      requests: [
        {
          method: 'POST',
          path: '/api/leads.submit',
          setupRequest: (req) => {
            const n = `${i}-${++serial}-${Date.now().toString(36)}`;
            return { ...req, body: JSON.stringify({ partnerId: w.partnerId, type: 'new_lead', idempotencyKey: `bench-${n}`, contactName: `Bench Lead ${n}`, company: `Bench ${n} Ltd`, email: `lead-${n}@bench-${i}.example`, country: 'DE' }) };
          },
        },
      ],
    }),
  );
  const [r, ...ws] = await Promise.all([reading, ...writing]);
  if (!r) throw new Error('no reader result');
  const writeRequests = ws.reduce((s, w) => s + w.requests.total, 0);
  return {
    seconds,
    readRps: round(r.requests.total / seconds),
    readP99: r.latency.p99,
    readNon2xx: r.non2xx,
    writeRps: round(writeRequests / seconds),
    // The writers' p99 is the worst of the eight connections' p99s (autocannon does not merge histograms).
    writeP99: Math.max(...ws.map((w) => w.latency.p99)),
    writeNon2xx: ws.reduce((s, w) => s + w.non2xx, 0),
    errors: r.errors + ws.reduce((s, w) => s + w.errors, 0),
    statuses: statusesOf([r, ...ws]),
  };
}

async function benchEngine(engine: EngineName, port: number): Promise<EngineFigures> {
  const scale = num('BENCH_SCALE', 1);
  const plan = planDataset({ scale, seed: Math.floor(num('BENCH_SEED', 42)), partners: Math.round(num('BENCH_PARTNERS', SEED_SCALE.partners)) });
  note(`[${engine}] loading the dataset (BENCH_SCALE=${scale})…`);
  const opened = await openEngine(engine, plan, await hashPassword(BENCH_PASSWORD));
  try {
    const sessions = Math.max(READERS + WRITERS, Math.round(num('BENCH_PORTAL_SESSIONS', READERS + WRITERS)));
    const users = await portalUsers(opened, sessions);
    const schema = engine === 'postgres' ? String((await opened.database.raw('select current_schema() as s', []))[0]?.s ?? '') : '';
    const server = await startServer({ dataDir: opened.dataDir, port, ...(engine === 'postgres' ? { postgres: { url: process.env.DATABASE_URL ?? '', schema } } : {}) });
    try {
      note(`[${engine}] server at ${server.url}; signing in ${users.length} partner users…`);
      const started = performance.now();
      const cookies: string[] = [];
      // A few at a time: each is an argon2 check in the server.
      for (let i = 0; i < users.length; i += 4) cookies.push(...(await Promise.all(users.slice(i, i + 4).map((u) => signIn(server.url, u)))));
      const signInMs = round((performance.now() - started) / users.length);
      const iterations = Math.round(200 * num('BENCH_ITERATIONS', 1));
      const home = await timed(server.url, cookies, 'portal.home', {}, iterations);
      const leads = await timed(server.url, cookies, 'leads.list', { limit: 50 }, iterations);
      note(`[${engine}] portal.home p95 ${home.p95} ms, leads.list p95 ${leads.p95} ms; load run…`);
      // Writers: the unlimited-quota partners' users sorted first (a quota would refuse their leads midway).
      const writers = users.slice(0, WRITERS).map((u, i) => ({ cookie: cookies[i] ?? '', partnerId: u.partnerId }));
      const load = await loadRun(server.url, cookies.slice(WRITERS, WRITERS + READERS), writers, num('BENCH_PORTAL_SECONDS', 10));
      return { engine, signInMs, home, leads, load };
    } finally {
      await server.stop();
    }
  } finally {
    await opened.dispose();
  }
}

function table(rows: EngineFigures[]): string {
  const lines = ['engine    | sign-in ms/user | portal.home p50/p95 ms | leads.list p50/p95 ms | load: read req/s, p99 ms, non-2xx | write req/s, p99 ms, non-2xx | errors'];
  for (const r of rows) {
    const l = r.load;
    lines.push(`${r.engine.padEnd(9)} | ${String(r.signInMs).padStart(15)} | ${`${r.home.p50} / ${r.home.p95}`.padStart(22)} | ${`${r.leads.p50} / ${r.leads.p95}`.padStart(21)} | ${`${l.readRps}, ${l.readP99}, ${l.readNon2xx}`.padStart(34)} | ${`${l.writeRps}, ${l.writeP99}, ${l.writeNon2xx}`.padStart(27)} | ${l.errors}`);
  }
  return lines.join('\n');
}

export async function runPortalBench(): Promise<number> {
  const requested = process.env.BENCH_ENGINES?.split(',').map((s) => s.trim()).filter(Boolean);
  const engines = (requested ?? ['sqlite', ...(process.env.DATABASE_URL ? ['postgres'] : [])]).filter((e): e is EngineName => e === 'sqlite' || e === 'postgres');
  const results: EngineFigures[] = [];
  let failed = false;
  for (const [i, engine] of engines.entries()) {
    try {
      results.push(await benchEngine(engine, 5390 + i));
    } catch (error) {
      failed = true;
      note(`[${engine}] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  await disposeAll();
  for (const r of results) process.stdout.write(`${r.engine}: responses by status during the load run ${JSON.stringify(r.load.statuses)}\n`);
  process.stdout.write(`${table(results)}\n\n${READERS} reading and ${WRITERS} submitting sessions; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs.\n`);
  const out = resolve(process.env.BENCH_PORTAL_RESULTS ?? 'bench-portal-results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  note(`wrote ${out}`);
  return failed ? 1 : 0;
}
