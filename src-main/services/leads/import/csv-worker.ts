import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../../src-shared/contract/errors';
import { minor } from '../../../../src-shared/money';
import { parseLeadCsv } from '../../../domain/leads/import/parse-lead-csv';
import { scoreLead } from '../../../domain/leads/quality-score';
import type { CheckedCsv, CsvJob, WorkerMessage } from './csv-job';

/*
 * The worker thread of a CSV import (built as out/main/lead-csv-worker.js): decoding, parsing,
 * checking and scoring 100,000 rows takes seconds of CPU, which on the main thread would stall
 * every other call of the app. One job per worker; the worker exits after answering.
 */

const port = parentPort;
if (!port) throw new Error('csv-worker must run as a worker thread');

port.once('message', (job: CsvJob) => {
  const post = (message: WorkerMessage) => port.postMessage(message);
  try {
    const parsed = parseLeadCsv(job.bytes, job.mapping, job.currency, (checked, total) => post({ type: 'progress', checked, total }));
    const context = {
      currency: job.currency,
      referenceDealValue: minor(job.scoring.referenceDealValueMinor, 'referenceDealValueMinor'),
      partnerDecisions: job.scoring.partnerDecisions,
      minPartnerDecisions: job.scoring.minPartnerDecisions,
      duplicate: null,
    };
    const scores = parsed.accepted.map((record) => scoreLead(record.lead, context, job.scoring.weights));
    const result: CheckedCsv = { ...parsed, scores };
    post({ type: 'done', result });
  } catch (error) {
    if (error instanceof AppError) post({ type: 'error', code: error.code, message: error.message, field: error.field });
    else post({ type: 'error', code: 'internal', message: error instanceof Error ? error.message : String(error) });
  }
});
