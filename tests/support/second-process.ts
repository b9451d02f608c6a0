import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DispatchOutcome } from '../../src-main/dispatch';

/** Another OS process running the app on the same store (a Postgres schema or a SQLite file), driven over stdin/stdout. */
export interface SecondProcess {
  dispatch(name: string, input: unknown, token: string | null): Promise<DispatchOutcome>;
  /** Its next writes wait (outside any transaction) until `releaseWrites`; one in flight finishes first. */
  holdWrites(): Promise<void>;
  releaseWrites(): Promise<void>;
  stop(): Promise<void>;
  /** `kill -9`: no close, no rollback hook, whatever was in flight is cut off; calls still waiting never answer. */
  kill(): Promise<void>;
}

/**
 * The store a second process opens. With a data folder on Postgres it shares the test's key file,
 * as team-mode machines share one data key: without it, its audit entries are keyed differently.
 */
export type SecondProcessStore = string | { schema: string; dataDir?: string } | { sqliteFile: string; dataDir: string };

function storeEnv(store: SecondProcessStore): Record<string, string> {
  if (typeof store === 'string') return { PD_TEST_SCHEMA: store };
  if ('schema' in store) return { PD_TEST_SCHEMA: store.schema, ...(store.dataDir ? { PD_TEST_DATA_DIR: store.dataDir } : {}) };
  return { PD_TEST_SQLITE: store.sqliteFile, PD_TEST_DATA_DIR: store.dataDir };
}

const script = fileURLToPath(new URL('./processes/app-process.ts', import.meta.url));

export async function startSecondProcess(store: SecondProcessStore): Promise<SecondProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...storeEnv(store) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting = new Map<number, (outcome: DispatchOutcome) => void>();
  const controlled = new Map<number, () => void>();
  let ready!: () => void;
  let failed!: (error: Error) => void;
  const started = new Promise<void>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  child.on('exit', (code) => failed(new Error(`the second process exited with ${code}`)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line) as { ready?: true; id?: number; outcome?: DispatchOutcome; done?: true };
    if (message.ready) ready();
    else if (message.id !== undefined && message.done) controlled.get(message.id)?.();
    else if (message.id !== undefined && message.outcome) waiting.get(message.id)?.(message.outcome);
  });
  await started;
  let next = 0;
  const control = (what: 'hold-writes' | 'release-writes') =>
    new Promise<void>((resolve) => {
      const id = next++;
      controlled.set(id, resolve);
      child.stdin.write(`${JSON.stringify({ id, control: what })}\n`);
    });
  return {
    holdWrites: () => control('hold-writes'),
    releaseWrites: () => control('release-writes'),
    dispatch(name, input, token) {
      const id = next++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        child.stdin.write(`${JSON.stringify({ id, name, input, token })}\n`);
      });
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
