import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DispatchOutcome } from '../../src-main/dispatch';

/** Another OS process running the app on the same Postgres schema, driven over stdin/stdout. */
export interface SecondProcess {
  dispatch(name: string, input: unknown, token: string | null): Promise<DispatchOutcome>;
  stop(): Promise<void>;
}

const script = fileURLToPath(new URL('./processes/app-process.ts', import.meta.url));

export async function startSecondProcess(schema: string): Promise<SecondProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, PD_TEST_SCHEMA: schema },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting = new Map<number, (outcome: DispatchOutcome) => void>();
  let ready!: () => void;
  let failed!: (error: Error) => void;
  const started = new Promise<void>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  child.on('exit', (code) => failed(new Error(`the second process exited with ${code}`)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line) as { ready?: true; id?: number; outcome?: DispatchOutcome };
    if (message.ready) ready();
    else if (message.id !== undefined && message.outcome) waiting.get(message.id)?.(message.outcome);
  });
  await started;
  let next = 0;
  return {
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
  };
}
