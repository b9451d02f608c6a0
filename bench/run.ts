import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAppOn, type App } from '../src-main/app';
import type { EngineName } from '../src-main/data/database';
import { hashPassword } from '../src-main/services/auth/passwords';
import type { Output } from '../src-shared/contract';
import { planDataset, SEED_SCALE, type DatasetFacts } from './dataset';
import { disposeAll, ENGINE_NAMES, isEngineName, openEngine } from './engines';
import { measure, type Timing } from './measure';
import { BenchSkipped, OPERATIONS, runRaw, type BenchContext } from './operations';
import { note } from './progress';
import { benchLeadImport, IMPORT_TARGET_ROWS_PER_S } from './lead-import';
import { compareRuns, formatComparison, readSavedRun, type SavedResult } from './compare';
import { checkTargets, targetFor } from './targets';
import { benchGeneration, GENERATION_OPERATIONS, loadMoney, MONEY_OPERATIONS } from './money';
import { runPortalBench } from './portal';
import { runTeamBench } from './team';

/**
 * `npm run bench`: loads a seed-scale dataset into each engine, then times each operation
 * through the real dispatch and, as a baseline, its raw SQL. Prints a table on stdout and
 * writes the same figures to bench-results.json at the repo root. Environment:
 *   BENCH_SCALE       multiplier on the seed scale (1 = 1,000,000 audit rows); default 1
 *   BENCH_PARTNERS    partners in the tenant (not scaled by BENCH_SCALE); default 10,000
 *   BENCH_ENGINES     comma list of sqlite, pglite, postgres; default sqlite (+ postgres when DATABASE_URL is set)
 *   DATABASE_URL      Postgres server for the postgres engine (a fresh schema is created and dropped)
 *   BENCH_ITERATIONS  multiplier on each operation's iteration count; default 1
 *   BENCH_SEED        dataset seed; default 42
 *   BENCH_VERIFY      1/0: verify the audit chain through activity.verify after the run; default only up to 200,000 rows
 * Arguments (after `npm run bench --`):
 *   --compare <file>  after the run, print each operation's p50/p95 ratio to that saved run (see ./compare.ts)
 *   --save <file>     also write the results there (e.g. bench/baselines/<date>-<what>.json)
 *   --results <file>  with --compare: compare that saved run instead of running the bench
 */

interface Config {
  scale: number;
  partners: number;
  seed: number;
  engines: EngineName[];
  iterationFactor: number;
  verify: boolean | 'auto';
}

export interface BenchResult {
  name: string;
  engine: EngineName;
  p50_ms: number;
  p95_ms: number;
  raw_p95_ms: number;
  n: number;
  /** Throughput operations (the CSV import): rows per second end to end, and the target. */
  rows_per_s?: number;
  target_rows_per_s?: number;
  /** The product's target for p95 through dispatch for this engine and partner count, where it has one (./targets.ts). */
  target_p95_ms?: number;
  /** The issue that sets it, e.g. "#10". */
  target_source?: string;
  /** The dataset: partners in the tenant and BENCH_SCALE (so a comparison can say when two runs differ). */
  partners?: number;
  scale?: number;
}

interface Args {
  compare: string | null;
  save: string | null;
  results: string | null;
}

/** `npm run bench -- --compare <file> --save <file>`; anything else is refused, so a typo does not run the whole bench. */
function readArgs(): Args {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { compare: { type: 'string' }, save: { type: 'string' }, results: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.results !== undefined && values.compare === undefined) throw new Error('--results <file> needs --compare <file>: it names the run to compare instead of running the bench');
  return { compare: values.compare ?? null, save: values.save ?? null, results: values.results ?? null };
}

const VERIFY_AUTO_MAX_ROWS = 200_000;

function positiveNumber(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${text}"`);
  return value;
}

function readConfig(): Config {
  const requested = process.env.BENCH_ENGINES?.trim();
  const names = requested ? requested.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean) : ['sqlite', ...(process.env.DATABASE_URL ? ['postgres'] : [])];
  const engines: EngineName[] = [];
  for (const name of names) {
    if (!isEngineName(name)) throw new Error(`BENCH_ENGINES: unknown engine "${name}" (known: ${ENGINE_NAMES.join(', ')})`);
    if (name === 'postgres' && !process.env.DATABASE_URL) throw new Error('BENCH_ENGINES asks for postgres but DATABASE_URL is not set');
    if (!engines.includes(name)) engines.push(name);
  }
  const verify = process.env.BENCH_VERIFY;
  return {
    scale: positiveNumber('BENCH_SCALE', 1),
    partners: Math.round(positiveNumber('BENCH_PARTNERS', SEED_SCALE.partners)),
    seed: Math.floor(positiveNumber('BENCH_SEED', 42)),
    engines,
    iterationFactor: positiveNumber('BENCH_ITERATIONS', 1),
    verify: verify === '1' || verify === 'true' ? true : verify === '0' || verify === 'false' ? false : 'auto',
  };
}

async function signInAdmin(app: App, facts: DatasetFacts): Promise<string> {
  const outcome = await app.dispatch('auth.signIn', { email: facts.admin.email, password: facts.password }, { token: null, clientKey: 'bench' });
  if (!outcome.response.ok || typeof outcome.token !== 'string') throw new Error(`admin sign-in failed: ${JSON.stringify(outcome.response)}`);
  return outcome.token;
}

async function verifyChain(ctx: BenchContext): Promise<void> {
  const started = performance.now();
  const outcome = await ctx.app.dispatch('activity.verify', {}, { token: ctx.token, clientKey: 'bench' });
  if (!outcome.response.ok) throw new Error(`activity.verify failed: ${outcome.response.error.message}`);
  const result = outcome.response.result as Output<'activity.verify'>;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (!result.ok) throw new Error(`the audit chain does not verify: ${JSON.stringify(result.problems.slice(0, 5))}`);
  note(`[${ctx.engine}] audit chain verified through activity.verify: ${result.checked.toLocaleString('en-US')} rows in ${seconds}s`);
}

const ms = (t: number) => (t < 1 ? t.toFixed(3) : t < 100 ? t.toFixed(2) : t.toFixed(1));
const round3 = (t: number) => Math.round(t * 1000) / 1000;

/** Operations whose check found the app not offering what they measure yet (BenchSkipped), for the summary. */
const skipped: string[] = [];

async function benchEngine(engine: EngineName, config: Config, passwordHash: string, plan: ReturnType<typeof planDataset>): Promise<BenchResult[]> {
  note(`[${engine}] generating and loading the dataset…`);
  const opened = await openEngine(engine, plan, passwordHash);
  const results: BenchResult[] = [];
  const dataset = { partners: plan.partnerData.partners.length, scale: config.scale };
  try {
    const { load } = opened;
    note(
      `[${engine}] loaded ${load.activityRows.toLocaleString('en-US')} audit rows and ${load.leadRows.toLocaleString('en-US')} leads in ${(load.ms / 1000).toFixed(1)}s ` +
        `(leads ${(load.leadMs / 1000).toFixed(1)}s, ${Math.round(load.leadRows / (load.leadMs / 1000)).toLocaleString('en-US')} rows/s); ` +
        `${plan.facts.leads.pending.toLocaleString('en-US')} pending`,
    );
    await loadMoney(engine, opened, plan, config.scale, config.seed);
    const app = createAppOn(opened.database, opened.dataDir);
    const ctx: BenchContext = { app, engine, facts: plan.facts, token: await signInAdmin(app, plan.facts), raw: opened.raw };
    for (const op of [...OPERATIONS, ...MONEY_OPERATIONS]) {
      let iterations = Math.max(5, Math.round(op.iterations * config.iterationFactor));
      let warmup = Math.max(1, Math.round(op.warmup * config.iterationFactor));
      // Index 0 is the check; warm-up and timed calls use 1…warmup+iterations (each index once, for operations that consume their input).
      const capacity = op.capacity?.(ctx) ?? Number.POSITIVE_INFINITY;
      if (1 + warmup + iterations > capacity) {
        warmup = Math.max(0, Math.min(warmup, Math.floor((capacity - 1) / 10)));
        iterations = capacity - 1 - warmup;
        if (iterations < 5) throw new Error(`${op.name}: the dataset has inputs for only ${capacity} calls`);
        note(`[${engine}] ${op.name}: ${iterations} iterations (the dataset has inputs for ${capacity} calls per side)`);
      }
      const target = targetFor(op.name, { engine, partners: dataset.partners });
      let described: string | null;
      try {
        described = await op.check(ctx);
      } catch (error) {
        if (!(error instanceof BenchSkipped)) throw error;
        note(`[${engine}] ${op.name}: SKIPPED: ${error.message}`);
        skipped.push(`${op.name} (${engine}): ${error.message}`);
        continue;
      }
      const rawQueries = op.raw(ctx, 0);
      const rawCheck = await runRaw(opened.raw, rawQueries, op.rawConcurrent);
      const empty = rawCheck.findIndex((rows, i) => rows.length === 0 && !rawQueries[i]?.mayBeEmpty);
      if (empty >= 0) throw new Error(`${op.name}: raw statement #${empty + 1} returned no rows; the baseline would not be comparable`);
      if (described) note(`[${engine}] ${op.name}: checked: ${described}`);
      const viaDispatch: Timing = await measure((i) => op.call(ctx, i + 1), { warmup, iterations });
      const raw: Timing = await measure((i) => runRaw(opened.raw, op.raw(ctx, i + 1), op.rawConcurrent), { warmup, iterations });
      note(`[${engine}] ${op.name}: p50 ${ms(viaDispatch.p50)} ms, p95 ${ms(viaDispatch.p95)} ms, raw p95 ${ms(raw.p95)} ms (n=${iterations})`);
      results.push({
        name: op.name,
        engine,
        p50_ms: round3(viaDispatch.p50),
        p95_ms: round3(viaDispatch.p95),
        raw_p95_ms: round3(raw.p95),
        n: iterations,
        ...(target ? { target_p95_ms: target.ms, target_source: target.source } : {}),
        ...dataset,
      });
    }
    // Payout generation after the reads (it changes the money data): one partner-month per call, then the whole tenant-month.
    const generation = await benchGeneration(ctx, Math.max(5, Math.round(100 * config.iterationFactor)));
    if (generation.skipped) {
      note(`[${engine}] payout generation: SKIPPED: ${generation.skipped}`);
      skipped.push(`payout generation (${engine}): ${generation.skipped}`);
    }
    if (generation.partnerMonth) {
      const t = generation.partnerMonth;
      const target = targetFor(GENERATION_OPERATIONS.partnerMonth, { engine, partners: dataset.partners });
      results.push({ name: GENERATION_OPERATIONS.partnerMonth, engine, p50_ms: round3(t.p50), p95_ms: round3(t.p95), raw_p95_ms: 0, n: t.n, ...(target ? { target_p95_ms: target.ms, target_source: target.source } : {}), ...dataset });
    }
    if (generation.tenantMonth) {
      const t = generation.tenantMonth;
      const target = targetFor(GENERATION_OPERATIONS.tenantMonth, { engine, partners: dataset.partners });
      note(`[${engine}] ${GENERATION_OPERATIONS.tenantMonth}: ${ms(t.ms)} ms: ${JSON.stringify(t.result).slice(0, 300)}`);
      results.push({ name: GENERATION_OPERATIONS.tenantMonth, engine, p50_ms: round3(t.ms), p95_ms: round3(t.ms), raw_p95_ms: 0, n: 1, ...(target ? { target_p95_ms: target.ms, target_source: target.source } : {}), ...dataset });
    }
    // The CSV import last: it adds leads. 100,000 rows at seed scale (the issue's file size), at least 2,000.
    const importRows = Math.max(2_000, Math.round(100_000 * Math.min(1, config.scale)));
    const importPartner = plan.facts.leads.submitPartners[1] ?? plan.facts.leads.submitPartners[0];
    if (!importPartner) throw new Error('the dataset has no active partner without a quota to import for');
    const imported = await benchLeadImport(ctx, importRows, importPartner);
    results.push(
      { name: `leads.startImport (${importRows.toLocaleString('en-US')} rows)`, engine, p50_ms: round3(imported.ms), p95_ms: round3(imported.ms), raw_p95_ms: 0, n: 1, rows_per_s: imported.rowsPerS, target_rows_per_s: IMPORT_TARGET_ROWS_PER_S, ...dataset },
      { name: 'leads.queue during the import', engine, p50_ms: round3(imported.queueReads.p50), p95_ms: round3(imported.queueReads.p95), raw_p95_ms: 0, n: imported.queueReads.n, ...dataset },
    );
    const verify = config.verify === 'auto' ? plan.facts.activityRows <= VERIFY_AUTO_MAX_ROWS : config.verify;
    if (verify) await verifyChain(ctx);
    else note(`[${engine}] audit chain verification skipped (BENCH_VERIFY=1 to run it)`);
  } finally {
    await opened.dispose();
  }
  return results;
}

function table(results: BenchResult[]): string {
  const header = ['operation', 'engine', 'n', 'p50 ms', 'p95 ms', 'raw p95 ms', 'target p95'];
  // p95 targets are set per engine and partner count (./targets.ts), so each one shown is judged;
  // the import's rows/s target is set for SQLite and shown for comparison on the other engines.
  const target = (r: BenchResult) =>
    r.rows_per_s !== undefined
      ? `${r.rows_per_s.toLocaleString('en-US')} rows/s (≥ ${(r.target_rows_per_s ?? 0).toLocaleString('en-US')}${r.engine === 'sqlite' ? (r.rows_per_s >= (r.target_rows_per_s ?? 0) ? ' ok' : ' MISSED') : ''})`
      : r.target_p95_ms === undefined
        ? ''
        : `≤ ${r.target_p95_ms} ${r.target_source ?? ''} ${r.p95_ms <= r.target_p95_ms ? 'ok' : 'MISSED'}`;
  const rows = results.map((r) => [r.name, r.engine, String(r.n), ms(r.p50_ms), ms(r.p95_ms), ms(r.raw_p95_ms), target(r)]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? '').length)));
  const numeric = (c: number) => c >= 2 && c <= 5;
  const line = (cells: string[]) => `| ${cells.map((cell, c) => (numeric(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (numeric(c) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  const args = readArgs();
  // Read the saved run first: a bad file is refused before minutes of loading, not after.
  const saved: SavedResult[] | null = args.compare ? readSavedRun(args.compare) : null;
  if (saved && args.compare && args.results) {
    process.stdout.write(`${formatComparison(compareRuns(saved, readSavedRun(args.results)), args.compare)}\n`);
    return 0;
  }
  const config = readConfig();
  checkTargets([...OPERATIONS, ...MONEY_OPERATIONS].map((op) => op.name).concat(Object.values(GENERATION_OPERATIONS)));
  const plan = planDataset({ scale: config.scale, seed: config.seed, partners: config.partners });
  note(
    `PartnerDesk bench: scale ${config.scale} (${plan.facts.activityRows.toLocaleString('en-US')} audit rows, ${plan.facts.staff.length} staff, ` +
      `${plan.partnerData.partners.length.toLocaleString('en-US')} partners, 1 tenant), ` +
      `engines ${config.engines.join(', ')}, node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg()[0]?.toFixed(1)}`,
  );
  const passwordHash = await hashPassword(plan.facts.password);
  const results: BenchResult[] = [];
  let failed = false;
  for (const engine of config.engines) {
    try {
      results.push(...(await benchEngine(engine, config, passwordHash, plan)));
    } catch (error) {
      if (interrupted) await interrupted;
      failed = true;
      note(`[${engine}] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  // A shared machine's load moves p95 far more than most code changes: say what it was (the 1-minute average).
  process.stdout.write(`${table(results)}\n\nLoad average at the end: ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs.\n`);
  if (skipped.length) process.stdout.write(`\nSkipped (not timed):\n${skipped.map((line) => `- ${line}`).join('\n')}\n`);
  const out = fileURLToPath(new URL('../bench-results.json', import.meta.url));
  const json = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(out, json);
  note(`wrote ${out}`);
  if (args.save) {
    const file = resolve(args.save);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, json);
    note(`saved ${file}`);
  }
  if (saved && args.compare) process.stdout.write(`\n${formatComparison(compareRuns(saved, results), args.compare)}\n`);
  return failed ? 1 : 0;
}

/** Set on Ctrl-C: the clean-up then owns the exit, and main stops reporting (its calls now fail). */
let interrupted: Promise<never> | null = null;

process.once('SIGINT', () => {
  note('\ninterrupted: removing the bench databases…');
  interrupted = disposeAll().then(() => process.exit(130));
});

// `npm run bench -- portal`: the portal's HTTP bench alone (./portal.ts), on its own server process;
// `npm run bench -- team`: connected desktops and live updates (./team.ts), on server processes.
(process.argv[2] === 'portal' ? runPortalBench() : process.argv[2] === 'team' ? runTeamBench() : main()).then(
  async (code) => {
    if (interrupted) await interrupted;
    process.exit(code);
  },
  async (error: unknown) => {
    if (interrupted) await interrupted;
    note(error instanceof Error ? error.message : String(error));
    await disposeAll();
    process.exit(2);
  },
);
