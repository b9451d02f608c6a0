import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ENGINE_NAMES } from './engines';
import type { BenchResult } from './run';

/*
 * `npm run bench -- --compare <file>`: this run against a saved one (an earlier
 * bench-results.json, e.g. bench/baselines/…), per operation and engine, as ratios of p50 and
 * p95 (new ÷ old: 0.5 is twice as fast). A ratio above REGRESSION_RATIO on either is flagged:
 * the machine is shared, so smaller moves are usually the neighbours, not the code. Operations
 * of one run only are listed as new or gone (a renamed operation shows as both).
 */

export const REGRESSION_RATIO = 1.25;

/** What a saved run must hold for a comparison; other fields (raw p95, targets, rows/s) are ignored here. */
const savedResult = z.object({
  name: z.string().min(1),
  engine: z.enum(ENGINE_NAMES as [string, ...string[]]),
  p50_ms: z.number().nonnegative(),
  p95_ms: z.number().nonnegative(),
  n: z.number().int().positive(),
  partners: z.number().int().positive().optional(),
  scale: z.number().positive().optional(),
});
const savedRun = z.array(savedResult).min(1, 'it holds no results');

export type SavedResult = z.output<typeof savedResult>;

/** Reads and checks a saved run; throws one clear line naming the file and what is wrong with it. */
export function readSavedRun(file: string): SavedResult[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`--compare ${file}: cannot read the file (${code ?? String(error)})`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`--compare ${file}: not JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const parsed = savedRun.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new Error(`--compare ${file}: not a bench-results.json (an array of { name, engine, p50_ms, p95_ms, n })${where}: ${issue?.message ?? 'invalid'}`);
  }
  const seen = new Set<string>();
  for (const r of parsed.data) {
    const key = keyOf(r);
    if (seen.has(key)) throw new Error(`--compare ${file}: "${r.name}" on ${r.engine} appears twice`);
    seen.add(key);
  }
  return parsed.data;
}

const keyOf = (r: { name: string; engine: string }) => `${r.engine}\u0000${r.name}`;

export interface Comparison {
  rows: { name: string; engine: string; before: SavedResult; after: SavedResult; p50: number; p95: number; regressed: boolean }[];
  added: SavedResult[];
  gone: SavedResult[];
  /** Differences in the runs' dataset that make ratios misleading (e.g. 10,000 against 100,000 partners). */
  warnings: string[];
}

/** A ratio of two times; an old time of 0 (throughput rows have no raw time, not p50/p95) gives 1 when both are 0. */
const ratio = (after: number, before: number) => (before === 0 ? (after === 0 ? 1 : Number.POSITIVE_INFINITY) : after / before);

export function compareRuns(before: readonly SavedResult[], after: readonly (SavedResult | BenchResult)[]): Comparison {
  const old = new Map(before.map((r) => [keyOf(r), r]));
  const now = new Set(after.map(keyOf));
  const rows: Comparison['rows'] = [];
  const added: SavedResult[] = [];
  for (const r of after) {
    const b = old.get(keyOf(r));
    if (!b) {
      added.push(r);
      continue;
    }
    const p50 = ratio(r.p50_ms, b.p50_ms);
    const p95 = ratio(r.p95_ms, b.p95_ms);
    rows.push({ name: r.name, engine: r.engine, before: b, after: r, p50, p95, regressed: p50 > REGRESSION_RATIO || p95 > REGRESSION_RATIO });
  }
  const warnings: string[] = [];
  const differing = (field: 'partners' | 'scale', what: string) => {
    const was = before.find((r) => r[field] !== undefined)?.[field];
    const is = after.find((r) => r[field] !== undefined)?.[field];
    if (was !== undefined && is !== undefined && was !== is) warnings.push(`the saved run had ${what} ${was.toLocaleString('en-US')}, this one ${is.toLocaleString('en-US')}`);
    else if (was === undefined && is !== undefined) warnings.push(`the saved run does not record its ${what} (saved before the bench recorded it), this one has ${is.toLocaleString('en-US')}: check they match`);
  };
  differing('partners', 'partners');
  differing('scale', 'BENCH_SCALE');
  return { rows, added, gone: before.filter((r) => !now.has(keyOf(r))), warnings };
}

const times = (t: number) => (Number.isFinite(t) ? `${t.toFixed(2)}×` : '∞');
const ms = (t: number) => (t < 1 ? t.toFixed(3) : t < 100 ? t.toFixed(2) : t.toFixed(1));

/** The comparison as a markdown table (the same style as the results table), then the new and gone operations. */
export function formatComparison(c: Comparison, file: string): string {
  const header = ['operation', 'engine', 'p50 before', 'p50 now', 'p50 ratio', 'p95 before', 'p95 now', 'p95 ratio', 'flag'];
  const body = c.rows.map((r) => [
    r.name,
    r.engine,
    ms(r.before.p50_ms),
    ms(r.after.p50_ms),
    times(r.p50),
    ms(r.before.p95_ms),
    ms(r.after.p95_ms),
    times(r.p95),
    r.regressed ? `REGRESSED (> ${REGRESSION_RATIO}×)` : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const numeric = (i: number) => i >= 2 && i <= 7;
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (numeric(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  const out = [`Compared with ${file} (ratio = now ÷ before; above ${REGRESSION_RATIO}× is flagged):`, ''];
  for (const w of c.warnings) out.push(`WARNING: ${w}; ratios between different datasets mislead.`);
  if (c.warnings.length) out.push('');
  out.push(c.rows.length ? [line(header), rule, ...body.map(line)].join('\n') : '(no operation in common)');
  const list = (label: string, rs: SavedResult[]) => {
    if (rs.length) out.push('', `${label}: ${rs.map((r) => `${r.name} (${r.engine})`).join(', ')}`);
  };
  list('New (not in the saved run)', c.added);
  list('Gone (only in the saved run)', c.gone);
  const regressed = c.rows.filter((r) => r.regressed).length;
  out.push('', regressed ? `${regressed} of ${c.rows.length} operations regressed by more than ${REGRESSION_RATIO}×.` : `No operation regressed by more than ${REGRESSION_RATIO}×.`);
  return out.join('\n');
}
