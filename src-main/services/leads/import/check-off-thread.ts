import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../../src-shared/contract/errors';
import type { CsvFileInfo, CsvJob, ScoredBatch, WorkerMessage } from './csv-job';

/**
 * Runs a CSV job on a worker thread. Built, the worker is out/main/lead-csv-worker.js: beside
 * the entry bundles, one level above the shared chunk (out/main/chunks/) this module ends up in.
 * From source (tests, `npm run demo`, the benchmark) it is ./csv-worker.ts, started through
 * ./csv-worker-from-source.mjs, which registers tsx.
 */
function workerEntry(): URL {
  const built = [new URL('./lead-csv-worker.js', import.meta.url), new URL('../lead-csv-worker.js', import.meta.url)].find((url) => existsSync(fileURLToPath(url)));
  return built ?? new URL('./csv-worker-from-source.mjs', import.meta.url);
}

export interface CheckedCsvStream {
  /** The file's facts, once it decoded and its header matched the mapping; rejects with the file-level refusal. */
  info: Promise<CsvFileInfo>;
  /** The checked rows in file order, batch by batch; throws if the worker fails midway. */
  batches: AsyncIterable<ScoredBatch>;
}

export function checkOffThread(job: CsvJob): CheckedCsvStream {
  const worker = new Worker(workerEntry(), {
    // A larger young generation: the checked rows live until written, and promoting them early made
    // garbage collection the largest cost of a 100,000-row file.
    resourceLimits: { maxYoungGenerationSizeMb: 64 },
  });
  const queue: ScoredBatch[] = [];
  let finished = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  let resolveInfo!: (info: CsvFileInfo) => void;
  let rejectInfo!: (error: Error) => void;
  const info = new Promise<CsvFileInfo>((resolve, reject) => {
    resolveInfo = resolve;
    rejectInfo = reject;
  });
  info.catch(() => undefined); // observed through `batches` too
  const settle = (error: Error | null) => {
    if (finished) return;
    finished = true;
    failure = error;
    if (error) rejectInfo(error);
    void worker.terminate();
    wake?.();
  };
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'opened') resolveInfo(message.info);
    else if (message.type === 'batch') {
      queue.push(message.batch);
      wake?.();
    } else if (message.type === 'done') settle(null);
    else settle(new AppError(message.code as ErrorCode, message.message, message.field));
  });
  worker.on('error', (error) => settle(error));
  worker.on('exit', (code) => settle(finished ? null : new Error(`The CSV worker stopped (exit code ${code}) before answering`)));
  // Copied once into a buffer of its own (a small Buffer may sit in a shared pool), which is then transferred, not cloned.
  const bytes = job.bytes.slice();
  worker.postMessage({ ...job, bytes }, [bytes.buffer]);

  async function* batches(): AsyncGenerator<ScoredBatch> {
    for (;;) {
      const next = queue.shift();
      if (next) {
        yield next;
        continue;
      }
      if (finished) {
        if (failure) throw failure;
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  }
  return { info, batches: batches() };
}
