import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A real PartnerDesk server process (src-main/entry/server.ts from sources, through tsx) on a
 * free port of 127.0.0.1, for tests that talk to it over real HTTP: connected desktops, several
 * servers on one Postgres, live updates. `postgresSchema` puts it on DATABASE_URL in that schema
 * (as tests/support/engines.ts creates them); without it, on its own SQLite file in `dataDir`.
 */
export interface ServerProcessOptions {
  /** The data folder (SQLite file, key file); a new temp folder, removed on stop, when absent. */
  dataDir?: string;
  /** Runs on DATABASE_URL with this search_path (the schema must exist). */
  postgresSchema?: string;
  /** PARTNERDESK_DATA_KEY; on Postgres a random one is made when absent (share it between instances via `dataKey`). */
  dataKey?: string;
  env?: Record<string, string>;
  /** From the built bundle (out/main/server.js, needs `npm run build`) instead of the sources. */
  built?: boolean;
}

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  dataDir: string;
  dataKey: string | undefined;
  /** The set-up code it printed, when the store needed set-up. */
  setupCode: string | null;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then waits for the exit (graceful shutdown). */
  stop(): Promise<number | null>;
  /** SIGKILL. */
  kill(): Promise<void>;
  readonly process: ChildProcess;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/** DATABASE_URL with `options=-c search_path=<schema>` (node-postgres reads it from the URL). */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export function newDataKey(): string {
  return randomBytes(32).toString('base64');
}

export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const ownDir = options.dataDir ? null : mkdtempSync(join(tmpdir(), 'partnerdesk-server-'));
  const dataDir = options.dataDir ?? (ownDir as string);
  const baseUrl = process.env.DATABASE_URL;
  if (options.postgresSchema && !baseUrl) throw new Error('postgresSchema needs DATABASE_URL');
  const dataKey = options.dataKey ?? (options.postgresSchema ? newDataKey() : undefined);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PARTNERDESK_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: options.postgresSchema && baseUrl ? urlWithSchema(baseUrl, options.postgresSchema) : '',
    ...(dataKey ? { PARTNERDESK_DATA_KEY: dataKey } : {}),
    ...options.env,
  };
  if (!dataKey && !options.env?.PARTNERDESK_DATA_KEY) delete env.PARTNERDESK_DATA_KEY;
  const args = options.built ? ['out/main/server.js'] : ['--import', 'tsx', 'src-main/entry/server.ts'];
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /PartnerDesk server mode: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const cleanup = () => {
    if (ownDir) rmSync(ownDir, { recursive: true, force: true });
  };
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    dataKey,
    setupCode: /set-up code: (\S+)/.exec(output)?.[1] ?? null,
    output: () => output,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const code = await exited;
      cleanup();
      return code;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      cleanup();
    },
  };
}
