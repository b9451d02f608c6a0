import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import type { createSerialQueue } from '../database';

/*
 * WAL checkpoints off the main thread, and never inside a request.
 *
 * SQLite's automatic checkpoint runs in the COMMIT that takes the WAL past `wal_autocheckpoint`
 * pages, and better-sqlite3 runs it on the thread that answers every call: at seed scale a
 * tenant-month generation wrote ~80 MB of WAL in a few seconds, and the commit that crossed the
 * threshold copied it all into the database file while every other user waited (1.9 s). So the
 * automatic one is raised to a backstop, and checkpoints are scheduled here: once writes pause
 * for `idleMs`, or `maxWaitMs` after the first write not yet covered when they never pause.
 *
 * A scheduled checkpoint is PASSIVE (it never waits for readers or blocks the writer) and runs on
 * a worker thread with a connection of its own, so the copying happens beside the app's calls.
 * Writes go on meanwhile, so once what they added is small (FINISH_FRAMES) a last round runs
 * holding the write queue, between two writes (reads go on; writes wait for that short copy):
 * only a checkpoint that catches up with the whole WAL lets the next write restart it from its
 * beginning (and truncate it to WAL_SIZE_LIMIT), which keeps the WAL bounded under a load that
 * never pauses. Where a worker cannot start, the checkpoint runs on the writer through the
 * queue, as before.
 */

export interface CheckpointOptions {
  idleMs: number;
  maxWaitMs: number;
}
export const CHECKPOINT_DEFAULTS: CheckpointOptions = { idleMs: 1_000, maxWaitMs: 2_000 };
/** ~200 MB of 4 KiB pages: SQLite's own checkpoint, for a burst that outruns the scheduled ones (what it copies is what the worker has not). */
export const AUTOCHECKPOINT_PAGES = 50_000;
export const WAL_SIZE_LIMIT = 4 * 1024 * 1024;
/** WAL frames (pages) left for the round that holds the write queue: ~1 MB, a few milliseconds of copying for the writes that wait. */
const FINISH_FRAMES = 256;
/** Worker rounds per checkpoint before leaving the rest to the next one (a write burst that outpaces the copying). */
const MAX_ROUNDS = 8;

interface CheckpointResult {
  /** Frames in the WAL, and how many of them are now in the database file (-1 each when not in WAL mode). */
  log: number;
  checkpointed: number;
}

/** The worker's whole program: one connection, a PASSIVE checkpoint per message, until told to close. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = FULL');
// A first read opens the WAL on this connection: before one, a checkpoint reports the file as not in WAL mode.
db.prepare('SELECT count(*) FROM sqlite_schema').get();
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, log: r.log, checkpointed: r.checkpointed });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: error && error.message ? String(error.message) : 'checkpoint failed' });
  }
});
`;

/** A worker thread holding its own connection to `file`, started on first use; null once it failed (callers fall back). */
function checkpointWorker(file: string) {
  let worker: Worker | null = null;
  let broken = false;
  let waiting: { resolve: (r: CheckpointResult) => void; reject: (e: Error) => void } | null = null;
  let exited: Promise<void> = Promise.resolve();

  const fail = (error: Error) => {
    broken = true;
    worker = null;
    waiting?.reject(error);
    waiting = null;
  };

  function started(): Worker | null {
    if (broken) return null;
    if (worker) return worker;
    try {
      const driver = createRequire(import.meta.url).resolve('better-sqlite3');
      const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
      w.unref(); // never keeps the process alive
      w.on('message', (m: { ok: true; log: number; checkpointed: number } | { ok: false; message: string }) => {
        const answered = waiting;
        waiting = null;
        if (m.ok) answered?.resolve({ log: m.log, checkpointed: m.checkpointed });
        else answered?.reject(new Error(m.message));
      });
      w.on('error', (error) => fail(error));
      exited = new Promise((resolve) => w.once('exit', () => resolve()));
      w.once('exit', () => fail(new Error('the checkpoint worker stopped')));
      worker = w;
      return w;
    } catch {
      broken = true;
      return null;
    }
  }

  return {
    /** One PASSIVE checkpoint on the worker's connection; null when there is no worker to run it. */
    checkpoint(): Promise<CheckpointResult> | null {
      const w = started();
      if (!w) return null;
      return new Promise<CheckpointResult>((resolve, reject) => {
        waiting = { resolve, reject };
        w.postMessage('checkpoint');
      });
    },
    /**
     * From now on the thread keeps the process alive, so that a close awaiting it is not cut short
     * by an event loop with nothing else to do (the process then exited with the close unfinished).
     */
    hold(): void {
      worker?.ref();
    },
    /** Closes the worker's connection (after a checkpoint in flight) and waits for the thread to end. */
    async close(): Promise<void> {
      const w = worker;
      if (!w) return;
      w.ref();
      w.postMessage('close');
      await exited;
    },
  };
}

export function scheduledCheckpoints(file: string, writer: BetterSqlite3.Database, enqueue: ReturnType<typeof createSerialQueue>, { idleMs, maxWaitMs }: CheckpointOptions) {
  const background = checkpointWorker(file);
  let timer: NodeJS.Timeout | null = null;
  let pendingSince = 0;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;

  /**
   * The last round, holding the write queue so that no write adds frames meanwhile: the
   * checkpoint then covers the whole WAL. On the worker, the main thread keeps answering reads
   * (only writes wait, for the copy of what the last writes added); without one, on the writer.
   */
  const finish = () =>
    enqueue(async () => {
      if (stopped) return;
      const done = background.checkpoint();
      if (done) await done.catch(() => writer.pragma('wal_checkpoint(PASSIVE)'));
      else writer.pragma('wal_checkpoint(PASSIVE)');
    });

  async function checkpoint(): Promise<void> {
    let remaining = Number.POSITIVE_INFINITY;
    try {
      for (let round = 0; round < MAX_ROUNDS && !stopped; round++) {
        const done = background.checkpoint();
        if (!done) {
          remaining = 0; // no worker: the whole checkpoint goes through the queue
          break;
        }
        const r = await done;
        remaining = r.log - r.checkpointed;
        if (remaining <= FINISH_FRAMES) break;
      }
    } catch {
      remaining = 0; // the worker failed: this checkpoint goes through the queue, later ones too
    }
    if (!stopped && remaining <= FINISH_FRAMES) await finish();
  }

  const run = () => {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    running = checkpoint()
      .catch(() => undefined) // a failed checkpoint is retried after the next write
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          timer = setTimeout(run, 0);
          timer.unref();
        }
      });
  };

  return {
    /** After each commit: (re)starts the idle timer, unless the first uncovered write is maxWaitMs old. */
    wrote() {
      if (stopped) return;
      const now = Date.now();
      if (!timer) {
        pendingSince = now;
        timer = setTimeout(run, idleMs);
        timer.unref(); // a pending checkpoint never keeps the process alive; close checkpoints anyway
      } else if (now - pendingSince + idleMs < maxWaitMs) timer.refresh();
    },
    /** No checkpoint starts after this; one in flight finishes, then the worker's connection closes. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      background.hold();
      await running;
      await background.close();
    },
  };
}
