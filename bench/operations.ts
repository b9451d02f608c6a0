import type { App } from '../src-main/app';
import type { Database, EngineName } from '../src-main/data/database';
import { hashToken } from '../src-main/services/sessions';
import type { Input, Output, ProcedureName } from '../src-shared/contract';
import type { DatasetFacts } from './dataset';

/**
 * The operations the bench times. Each is one procedure called through the app's real dispatch
 * (validation, session resolution, role check, handler, service, Drizzle), plus the equivalent
 * raw SQL, run through `database.raw` in the same process on the same data, as a baseline: the
 * gap between the two is what our layers cost on top of the database.
 *
 * To add one (the partner slice: partner by id, filtered list, 100-row page, text search,
 * approve), append an `operation({...})` to OPERATIONS; put the ids it needs in DatasetFacts.
 */

export interface BenchContext {
  app: App;
  engine: EngineName;
  facts: DatasetFacts;
  /** A session of the workspace admin, signed in through dispatch. */
  token: string;
}

/** Raw SQL with Postgres-style $1… placeholders; `runRaw` rewrites them for SQLite. */
export interface RawQuery {
  sql: string;
  params: unknown[];
}

export interface Operation {
  name: string;
  procedure: ProcedureName;
  warmup: number;
  iterations: number;
  /** One call through dispatch; rejects when the procedure answers with an error. */
  call(ctx: BenchContext, i: number): Promise<void>;
  /** One untimed call whose result is checked (e.g. "a full page of 50"), so we never time an error or an empty page. */
  check(ctx: BenchContext): Promise<void>;
  /** The equivalent raw SQL, statement by statement (run in sequence, timed together). */
  raw(ctx: BenchContext, i: number): RawQuery[];
}

export interface OperationSpec<N extends ProcedureName> {
  name: string;
  procedure: N;
  /** Timed iterations (before BENCH_ITERATIONS scaling); default 200. */
  iterations?: number;
  /** Untimed warm-up calls; default a tenth of the iterations. */
  warmup?: number;
  input(ctx: BenchContext, i: number): Input<N>;
  /** The session the call runs under; default the admin's. */
  token?(ctx: BenchContext, i: number): string | null;
  /** A description of what is wrong with the output, or null when it is what we mean to measure. */
  expect?(output: Output<N>, ctx: BenchContext): string | null;
  raw(ctx: BenchContext, i: number): RawQuery[];
}

export class BenchCallError extends Error {}

async function dispatchOnce<N extends ProcedureName>(spec: OperationSpec<N>, ctx: BenchContext, i: number): Promise<Output<N>> {
  const token = spec.token ? spec.token(ctx, i) : ctx.token;
  const outcome = await ctx.app.dispatch(spec.procedure, spec.input(ctx, i), { token, clientKey: 'bench' });
  if (!outcome.response.ok) {
    const { code, message } = outcome.response.error;
    throw new BenchCallError(`${spec.name}: ${spec.procedure} answered ${code}: ${message}`);
  }
  return outcome.response.result as Output<N>;
}

/** Erases the procedure's type parameter so that operations of every procedure fit one list. */
export function operation<N extends ProcedureName>(spec: OperationSpec<N>): Operation {
  const iterations = spec.iterations ?? 200;
  return {
    name: spec.name,
    procedure: spec.procedure,
    iterations,
    warmup: spec.warmup ?? Math.max(2, Math.round(iterations / 10)),
    call: async (ctx, i) => {
      await dispatchOnce(spec, ctx, i);
    },
    check: async (ctx) => {
      const output = await dispatchOnce(spec, ctx, 0);
      const problem = spec.expect?.(output, ctx) ?? null;
      if (problem) throw new BenchCallError(`${spec.name}: ${problem}`);
    },
    raw: spec.raw,
  };
}

/** Runs raw statements in sequence through `database.raw` (SQLite: `?` placeholders). */
export async function runRaw(database: Database, queries: RawQuery[]): Promise<Record<string, unknown>[][]> {
  const results: Record<string, unknown>[][] = [];
  for (const q of queries) {
    const { sql, params } = database.engine === 'sqlite' ? toSqlite(q) : q;
    results.push(await database.raw(sql, params));
  }
  return results;
}

/** `$n` → `?`, with the parameters reordered (and repeated) to match. */
export function toSqlite(q: RawQuery): RawQuery {
  const params: unknown[] = [];
  const sql = q.sql.replace(/\$(\d+)/g, (_m, n: string) => {
    params.push(q.params[Number(n) - 1]);
    return '?';
  });
  return { sql, params };
}

// ---------------------------------------------------------------------------------------------
// Shared raw statements (mirroring the queries the services issue)

const workspacesOfSql: (userId: string) => RawQuery = (userId) => ({
  sql: `SELECT t.id, t.name, t.currency, m.role FROM memberships m JOIN tenants t ON t.id = m.tenant_id
        WHERE m.user_id = $1 AND m.disabled_at IS NULL ORDER BY t.name`,
  params: [userId],
});

const ACTIVITY_PAGE = 50;

function expectPage(page: Output<'activity.list'>, what: (seq: number, action: string) => boolean): string | null {
  if (page.items.length !== ACTIVITY_PAGE) return `expected a full page of ${ACTIVITY_PAGE}, got ${page.items.length}`;
  if (page.nextBeforeSeq === null) return 'expected a next page';
  const wrong = page.items.find((item) => !what(item.seq, item.action));
  return wrong ? `unexpected row seq ${wrong.seq} (${wrong.action})` : null;
}

const deepSeq = (facts: DatasetFacts) => Math.floor(facts.activityRows / 2);

// ---------------------------------------------------------------------------------------------
// The list

export const OPERATIONS: Operation[] = [
  operation({
    name: 'auth.signIn',
    procedure: 'auth.signIn',
    // argon2id (19 MiB, t=2) dominates: few iterations. Each one also creates a session and
    // appends an audit row through the service, continuing the loaded chain.
    iterations: 20,
    warmup: 2,
    token: () => null,
    input: (ctx, i) => ({ email: (ctx.facts.staff[i % ctx.facts.staff.length] ?? ctx.facts.admin).email, password: ctx.facts.password }),
    expect: (info, ctx) => (info.tenant.id === ctx.facts.tenant.id ? null : 'signed in to an unexpected workspace'),
    // The baseline is the reads only: no password hash, no session or audit writes.
    raw: (ctx, i) => {
      const user = ctx.facts.staff[i % ctx.facts.staff.length] ?? ctx.facts.admin;
      return [{ sql: 'SELECT * FROM staff_users WHERE email = $1', params: [user.email] }, workspacesOfSql(user.id)];
    },
  }),
  operation({
    name: 'auth.session',
    procedure: 'auth.session',
    // Session resolution (hash the token, one join) plus the session info (workspaces, tenant).
    iterations: 500,
    warmup: 50,
    input: () => ({}),
    expect: (info, ctx) => (info?.user.id === ctx.facts.admin.id ? null : 'the session did not resolve'),
    raw: (ctx) => [
      {
        sql: `SELECT s.*, u.name, u.email, m.role, m.disabled_at FROM sessions s
              JOIN staff_users u ON u.id = s.user_id
              JOIN memberships m ON m.user_id = s.user_id AND m.tenant_id = s.tenant_id
              WHERE s.id = $1`,
        params: [hashToken(ctx.token)],
      },
      workspacesOfSql(ctx.facts.admin.id),
      { sql: 'SELECT * FROM tenants WHERE id = $1', params: [ctx.facts.tenant.id] },
    ],
  }),
  operation({
    name: 'activity.list first page',
    procedure: 'activity.list',
    input: () => ({ limit: ACTIVITY_PAGE }),
    expect: (page) => expectPage(page, () => true),
    raw: (ctx) => [{ sql: 'SELECT * FROM activity WHERE tenant_id = $1 ORDER BY seq DESC LIMIT $2', params: [ctx.facts.tenant.id, ACTIVITY_PAGE + 1] }],
  }),
  operation({
    name: 'activity.list by action',
    procedure: 'activity.list',
    input: (ctx) => ({ action: ctx.facts.filterAction, limit: ACTIVITY_PAGE }),
    expect: (page, ctx) => expectPage(page, (_seq, action) => action === ctx.facts.filterAction),
    raw: (ctx) => [
      {
        sql: 'SELECT * FROM activity WHERE tenant_id = $1 AND action = $2 ORDER BY seq DESC LIMIT $3',
        params: [ctx.facts.tenant.id, ctx.facts.filterAction, ACTIVITY_PAGE + 1],
      },
    ],
  }),
  operation({
    name: 'activity.list deep page',
    procedure: 'activity.list',
    input: (ctx) => ({ beforeSeq: deepSeq(ctx.facts), limit: ACTIVITY_PAGE }),
    expect: (page, ctx) => expectPage(page, (seq) => seq < deepSeq(ctx.facts)) ?? (page.items[0]?.seq === deepSeq(ctx.facts) - 1 ? null : 'the page does not start right below beforeSeq'),
    raw: (ctx) => [
      {
        sql: 'SELECT * FROM activity WHERE tenant_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3',
        params: [ctx.facts.tenant.id, deepSeq(ctx.facts), ACTIVITY_PAGE + 1],
      },
    ],
  }),
];
