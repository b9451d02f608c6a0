import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { appRoot } from '../src-main/app-root';

/**
 * A real server-mode process (src-main/entry/server.ts under tsx, no renderer build needed) on
 * 127.0.0.1, on a store the bench loaded: the SQLite file in `dataDir`, or a Postgres schema
 * (its search_path passed in the URL's `options`, which node-postgres reads). The process keeps
 * the data key of `dataDir`, so its audit rows chain with the loaded ones.
 */
export interface PortalServer {
  url: string;
  /** The set-up code it printed, when its store needed set-up. */
  setupCode: string | null;
  stop(): Promise<void>;
}

export async function startServer(options: { dataDir: string; port: number; postgres?: { url: string; schema: string }; env?: Record<string, string> }): Promise<PortalServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, PARTNERDESK_DATA_DIR: options.dataDir, PORT: String(options.port), HOST: '127.0.0.1', ...options.env };
  delete env.DATABASE_URL;
  if (options.postgres) {
    const url = new URL(options.postgres.url);
    url.searchParams.set('options', `-c search_path=${options.postgres.schema}`);
    env.DATABASE_URL = url.toString();
  }
  const tsx = join(appRoot(), 'node_modules', '.bin', 'tsx');
  const child: ChildProcess = spawn(tsx, [join(appRoot(), 'src-main', 'entry', 'server.ts')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output.slice(-2000)}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /PartnerDesk server mode: (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)}:\n${output.slice(-2000)}`));
    });
  });
  return {
    url,
    setupCode: /set-up code: (\S+)/.exec(output)?.[1] ?? null,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** POSTs one procedure as a /portal page does (the portal surface header, the portal cookie). */
export async function portalPost(base: string, procedure: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(`${base}/api/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-partnerdesk-surface': 'portal', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}
