import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../../src-shared/contract/errors';
import { minor } from '../../../../src-shared/money';
import { checkRecords, openLeadCsv } from '../../../domain/leads/import/parse-lead-csv';
import { scoreLead } from '../../../domain/leads/quality-score';
import type { CsvJob, WorkerMessage } from './csv-job';

/*
 * The worker thread of a CSV import (built as out/main/lead-csv-worker.js): decoding, parsing,
 * checking and scoring 100,000 rows takes seconds of CPU, which on the main thread would stall
 * every other call of the app. It answers the file's facts first, then the rows in batches as
 * they are checked, so the main thread writes one batch while the next is being checked.
 */

/** Rows per batch: large enough that messaging costs nothing, small enough that writing starts early. */
const BATCH = 2_000;

const port = parentPort;
if (!port) throw new Error('csv-worker must run as a worker thread');

port.once('message', (job: CsvJob) => {
  const post = (message: WorkerMessage) => port.postMessage(message);
  try {
    const { encoding, delimiter, records } = openLeadCsv(job.bytes, job.mapping);
    post({ type: 'opened', info: { encoding, delimiter, totalRows: records.length } });
    const context = {
      currency: job.currency,
      referenceDealValue: minor(job.scoring.referenceDealValueMinor, 'referenceDealValueMinor'),
      partnerDecisions: job.scoring.partnerDecisions,
      minPartnerDecisions: job.scoring.minPartnerDecisions,
      duplicate: null,
    };
    for (let from = 0; from < records.length; from += BATCH) {
      const batch = checkRecords(records, from, from + BATCH, job.mapping, job.currency);
      const scores = batch.accepted.map((record) => scoreLead(record.lead, context, job.scoring.weights));
      post({ type: 'batch', batch: { ...batch, scores, checked: Math.min(from + BATCH, records.length) } });
    }
    post({ type: 'done' });
  } catch (error) {
    if (error instanceof AppError) post({ type: 'error', code: error.code, message: error.message, field: error.field });
    else post({ type: 'error', code: 'internal', message: error instanceof Error ? error.message : String(error) });
  }
});
