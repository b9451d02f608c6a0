import type { Database } from './database';
import { pendingMigrations, readMigrations, type MigrationFile } from './migrate';
import { log } from '../log';

/**
 * Is the store usable by this build: does it answer `select 1` within a bound, and has its
 * migration history every migration file of this build (and nothing else)? For /healthz, which a
 * load balancer or orchestrator polls to route traffic away from a process that cannot serve.
 * The report names which part failed, never why: a driver's message may quote SQL parameters or
 * connection details (see log.ts); the reason goes to the log, once per change of state.
 */

export interface HealthReport {
  ok: boolean;
  database: 'ok' | 'unreachable';
  /**
   * current: history and files agree; pending: files of this build not applied yet (`npm run
   * migrate`); diverged: a history this build did not write (a newer PartnerDesk migrated it, or a
   * file was changed after it was applied); unknown: the database did not answer.
   */
  migrations: 'current' | 'pending' | 'diverged' | 'unknown';
}

export interface StoreHealthOptions {
  /** How long the database may take to answer; default 2 s. */
  timeoutMs?: number;
}

class TimedOut extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'HealthCheckTimeout';
  }
}

function within<T>(ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut(ms)), ms);
  });
  // `work` runs inside the race so a synchronous throw (a closed SQLite connection) is a rejection too.
  return Promise.race([Promise.resolve().then(work), timeout]).finally(() => clearTimeout(timer));
}

/** A checker for `database`; each call queries it (two small reads), the migration files are read once. */
export function storeHealth(database: Database, options: StoreHealthOptions = {}): () => Promise<HealthReport> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  let files: MigrationFile[] | undefined;
  let lastProblem: string | null = null;

  const report = (next: HealthReport, error?: unknown): HealthReport => {
    const problem = next.ok ? null : `database ${next.database}, migrations ${next.migrations}`;
    if (problem !== lastProblem) {
      if (problem) log.error(`health check failed: ${problem}`, error);
      else log.info('health check passes again');
      lastProblem = problem;
    }
    return next;
  };

  return async () => {
    files ??= readMigrations(database.engine === 'sqlite' ? 'sqlite' : 'pg');
    const known = files;
    let applied: { idx: number; tag: string; hash: string }[];
    try {
      applied = await within(timeoutMs, async () => {
        await database.raw('select 1');
        // The history exists once the store was opened: openSqlite and openPostgres migrate or refuse.
        return (await database.raw('SELECT idx, tag, hash FROM pd_migrations')) as unknown as { idx: number; tag: string; hash: string }[];
      });
    } catch (error) {
      return report({ ok: false, database: 'unreachable', migrations: 'unknown' }, error);
    }
    try {
      const pending = pendingMigrations(known, applied);
      if (pending.length === 0) return report({ ok: true, database: 'ok', migrations: 'current' });
      return report({ ok: false, database: 'ok', migrations: 'pending' }, new Error(`pending: ${pending.map((m) => m.tag).join(', ')}`));
    } catch (error) {
      // MigrationDivergenceError: its message names tags and counts only.
      return report({ ok: false, database: 'ok', migrations: 'diverged' }, error);
    }
  };
}
