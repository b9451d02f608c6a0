import type { Output } from '../src-shared/contract';
import { suggestMapping } from '../src-main/domain/leads/import/column-mapping';
import type { BenchContext } from './operations';
import { note } from './progress';

/*
 * `leads.startImport` end to end: a generated CSV through the real procedure (parsing and
 * checking on the worker thread, dedupe against the loaded leads, scoring, one transaction),
 * timed from the call until the import has completed, as rows per second. Meanwhile the review
 * queue's first page is read in a loop through dispatch, as a reviewer would keep working:
 * its p95 while the import runs is the "app keeps answering" figure.
 */

export const IMPORT_TARGET_ROWS_PER_S = 20_000;

export interface ImportBenchResult {
  rows: number;
  ms: number;
  rowsPerS: number;
  accepted: number;
  refused: number;
  duplicates: number;
  /** leads.queue first page during the import. */
  queueReads: { n: number; p50: number; p95: number; max: number };
}

const HEADER = ['Contact name', 'Company', 'Email', 'Phone', 'Country', 'Job title', 'Product interest', 'Estimated value', 'Notes', 'Source'];

/** Rows like a partner's CRM export: each its own contact, 1 in 50 repeating an earlier row's email, 1 in 200 malformed. */
export function importCsv(rows: number, seed: string): Buffer {
  const lines = [HEADER.join(',')];
  for (let i = 0; i < rows; i++) {
    const n = `${seed}${i}`;
    const email = i % 200 === 199 ? 'not-an-email' : i % 50 === 49 ? `buyer${seed}${i - 7}@bench-import-${seed}${i - 7}.example` : `buyer${n}@bench-import-${n}.example`;
    const phone = `+44 20 7${String(100_000 + (i % 899_999)).padStart(6, '0')}`;
    lines.push([`Buyer ${n}`, `Import Co ${n}`, email, phone, 'GB', 'Head of Sales', 'Platform', `${(i % 90) + 10},000.00`, 'Imported from the CRM', 'Bench'].map((c) => (c.includes(',') ? `"${c}"` : c)).join(','));
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;

export async function benchLeadImport(ctx: BenchContext, rows: number, partnerId: string): Promise<ImportBenchResult> {
  const bytes = importCsv(rows, Date.now().toString(36));
  const call = async <T>(procedure: string, input: unknown): Promise<T> => {
    const outcome = await ctx.app.dispatch(procedure, input, { token: ctx.token, clientKey: 'bench' });
    if (!outcome.response.ok) throw new Error(`${procedure}: ${outcome.response.error.code}: ${outcome.response.error.message}`);
    return outcome.response.result as T;
  };
  const mapping = suggestMapping(HEADER);
  const t0 = performance.now();
  const started = await call<Output<'leads.startImport'>>('leads.startImport', {
    partnerId,
    fileName: 'bench.csv',
    contentBase64: bytes.toString('base64'),
    mapping,
    idempotencyKey: `bench-import-${Date.now()}`,
  });
  let settled = false;
  const done = ctx.app.services.leads.whenImportSettled(started.id).then(() => (settled = true));
  const reads: number[] = [];
  while (!settled) {
    const a = performance.now();
    await call('leads.queue', { limit: 50 });
    reads.push(performance.now() - a);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await done;
  const ms = performance.now() - t0;
  const result = await call<Output<'leads.import'>>('leads.import', { id: started.id });
  if (result.status !== 'completed') throw new Error(`leads.startImport: the import ${result.status}: ${result.failure ?? ''}`);
  const expectedRefused = Math.floor(rows / 200);
  if (result.refused !== expectedRefused || result.accepted !== rows - expectedRefused) {
    throw new Error(`leads.startImport: ${result.accepted} accepted and ${result.refused} refused; the file has ${expectedRefused} malformed rows of ${rows}`);
  }
  reads.sort((a, b) => a - b);
  const out: ImportBenchResult = {
    rows,
    ms,
    rowsPerS: Math.round(rows / (ms / 1000)),
    accepted: result.accepted,
    refused: result.refused,
    duplicates: result.duplicates,
    queueReads: { n: reads.length, p50: percentile(reads, 0.5), p95: percentile(reads, 0.95), max: reads[reads.length - 1] ?? 0 },
  };
  note(
    `[${ctx.engine}] leads.startImport: ${rows.toLocaleString('en-US')} rows in ${(ms / 1000).toFixed(1)} s = ${out.rowsPerS.toLocaleString('en-US')} rows/s ` +
      `(${out.accepted.toLocaleString('en-US')} accepted, ${out.refused} refused, ${out.duplicates} duplicates); ` +
      `leads.queue during it: p50 ${out.queueReads.p50.toFixed(2)} ms, p95 ${out.queueReads.p95.toFixed(2)} ms, max ${out.queueReads.max.toFixed(1)} ms (n=${out.queueReads.n})`,
  );
  return out;
}
