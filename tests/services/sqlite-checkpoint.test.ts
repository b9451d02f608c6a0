import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src-main/data/database';
import { openSqlite, WAL_SIZE_LIMIT } from '../../src-main/data/engines/sqlite';

/**
 * SQLite's WAL checkpoint runs between requests (an idle timer, or a maximum wait under a
 * steady load), not in the COMMIT of whichever write crosses SQLite's automatic threshold, on a
 * worker thread of its own (data/engines/sqlite-checkpoints.ts), and the WAL stays bounded either way. A write here is one facet row with a 3 KB label: about one
 * page of WAL per commit, so 2,000 writes are ~8 MB, past both the default automatic
 * checkpoint (1,000 pages) and WAL_SIZE_LIMIT.
 */
describe('SQLite WAL checkpoints', () => {
  let dir = '';
  let database: Database | null = null;

  afterEach(async () => {
    await database?.close();
    database = null;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function open(checkpoint: { idleMs: number; maxWaitMs: number }) {
    dir = mkdtempSync(join(tmpdir(), 'partnerdesk-checkpoint-'));
    const file = join(dir, 'partnerdesk.sqlite');
    database = openSqlite(file, { checkpoint });
    return { db: database, walSize: () => statSync(`${file}-wal`).size, file };
  }

  const label = 'x'.repeat(3000);
  let n = 0;
  const writeOne = (db: Database) => db.write((tx) => tx.insert(db.t.activityFacets).values({ tenantId: 't', kind: 'test', value: String(n++), label }));
  /** Lets timers run between writes, as requests arriving over IPC or HTTP do. */
  const yieldToTimers = () => new Promise((resolve) => setImmediate(resolve));
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('a burst grows the WAL without a checkpoint inside any write; after a pause it is checkpointed, and the next write brings it back under the limit', async () => {
    const { db, walSize, file } = open({ idleMs: 150, maxWaitMs: 60_000 });
    for (let i = 0; i < 2000; i++) await writeOne(db);
    // No write restarted the WAL: SQLite's automatic checkpoint (at 1,000 pages by default) did not run in one.
    const burst = walSize();
    expect(burst).toBeGreaterThan(2 * WAL_SIZE_LIMIT);

    await sleep(600);
    await writeOne(db); // restarts the checkpointed WAL, truncated to the limit
    expect(walSize()).toBeLessThanOrEqual(WAL_SIZE_LIMIT);
    // Everything committed is in the database file itself: another connection reads it with the WAL ignored.
    await db.close();
    database = null;
    const check = new BetterSqlite3(file, { readonly: true });
    try {
      expect(check.prepare("SELECT count(*) AS n FROM activity_facets WHERE kind = 'test'").get()).toEqual({ n: 2001 });
    } finally {
      check.close();
    }
  });

  it('a large checkpoint copies on its worker thread: the main thread keeps answering meanwhile', async () => {
    const { db, walSize } = open({ idleMs: 100, maxWaitMs: 60_000 });
    // ~72 MB of WAL in one transaction: copied on the main thread, that checkpoint took hundreds of milliseconds.
    await db.write(async (tx) => {
      for (let i = 0; i < 6000; i++) await tx.insert(db.t.activityFacets).values({ tenantId: 't', kind: 'large', value: String(n++), label: 'z'.repeat(12_000) });
    });
    expect(walSize()).toBeGreaterThan(60 * 1024 * 1024);
    let last = performance.now();
    let worst = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }, 2);
    try {
      await sleep(2_500); // the idle timer, the worker's copy and the finishing round
    } finally {
      clearInterval(ticker);
    }
    await writeOne(db); // restarts the checkpointed WAL, truncated to the limit
    expect(walSize()).toBeLessThanOrEqual(WAL_SIZE_LIMIT);
    expect(worst).toBeLessThan(100);
  });

  it('a process whose last work is closing the store finishes the close (the checkpoint thread keeps it alive until then)', () => {
    dir = mkdtempSync(join(tmpdir(), 'partnerdesk-checkpoint-'));
    const script = fileURLToPath(new URL('../support/close-after-checkpoint.mts', import.meta.url));
    const out = spawnSync(process.execPath, ['--import', 'tsx', script, dir], { encoding: 'utf8', timeout: 60_000 });
    expect({ status: out.status, stdout: out.stdout }).toEqual({ status: 0, stdout: 'closed\n' });
  });

  it('under a steady load that never pauses, the WAL is still checkpointed and stays bounded', async () => {
    const { db, walSize } = open({ idleMs: 200, maxWaitMs: 300 });
    const big = 'y'.repeat(12_000); // three to four pages of WAL per commit
    let largest = 0;
    let commits = 0;
    let perCommit = 0; // WAL bytes of one commit, measured on the first ones (before any checkpoint)
    const started = Date.now();
    // Long enough for a dozen maximum waits, however fast the machine writes.
    while (Date.now() - started < 4_000) {
      await db.write((tx) => tx.insert(db.t.activityFacets).values({ tenantId: 't', kind: 'steady', value: String(n++), label: big }));
      commits += 1;
      if (commits === 10) perCommit = walSize() / 10;
      largest = Math.max(largest, walSize());
      await yieldToTimers(); // never long enough for the idle timer: only the maximum wait triggers a checkpoint
    }
    const written = commits * perCommit;
    expect(written).toBeGreaterThan(2 * WAL_SIZE_LIMIT);
    // Checkpoints ran while the load went on: the WAL never held more than a fraction of what went through it.
    expect(largest).toBeLessThan(written / 3);
  });
});
