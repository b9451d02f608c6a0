import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../../src-shared/contract/errors';
import type { CheckedCsv, CsvJob, WorkerMessage } from './csv-job';

/**
 * Runs a CSV job on a worker thread. Built, the worker is out/main/lead-csv-worker.js next to
 * the bundle that imports this module; from source (tests, `npm run demo`, the benchmark) it is
 * ./csv-worker.ts, started through ./csv-worker-from-source.mjs, which registers tsx.
 */
function workerEntry(): URL {
  const built = new URL('./lead-csv-worker.js', import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : new URL('./csv-worker-from-source.mjs', import.meta.url);
}

export function checkOffThread(job: CsvJob, onProgress: (checked: number, total: number) => void): Promise<CheckedCsv> {
  const worker = new Worker(workerEntry());
  return new Promise<CheckedCsv>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.checked, message.total);
      else if (message.type === 'done') finish(() => resolve(message.result));
      else finish(() => reject(new AppError(message.code as ErrorCode, message.message, message.field)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`The CSV worker stopped (exit code ${code}) before answering`))));
    // Copied once into a buffer of its own (a small Buffer may sit in a shared pool), which is then transferred, not cloned.
    const bytes = job.bytes.slice();
    worker.postMessage({ ...job, bytes }, [bytes.buffer]);
  });
}
