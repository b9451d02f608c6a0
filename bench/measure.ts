/**
 * Timing: `warmup` untimed calls (JIT, statement caches, page cache), then `iterations` timed
 * calls one after another (never concurrently: this measures latency, not throughput), each
 * timed with performance.now() around the awaited call.
 */

export interface MeasureOptions {
  warmup: number;
  iterations: number;
}

export interface Timing {
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of ascending `sorted` (p in 0..100): a value that was actually observed. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarise(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.reduce((sum, x) => sum + x, 0) / Math.max(1, sorted.length),
  };
}

/** `fn(i)` gets the iteration index (warm-up calls count from 0 too), so operations can vary their input. */
export async function measure(fn: (i: number) => Promise<unknown>, { warmup, iterations }: MeasureOptions): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await fn(warmup + i);
    samples.push(performance.now() - started);
  }
  return summarise(samples);
}
