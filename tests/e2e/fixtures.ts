import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { test as base, chromium, type Browser } from '@playwright/test';
import { resetAccounts } from './pages/accounts';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

async function chromiumPath(): Promise<string> {
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  // A Chromium shipped inside an npm package, for machines without Debian's.
  const sparticuz = (await import('@sparticuz/chromium')).default;
  return sparticuz.executablePath();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  /** The one-time code the fresh server printed (`set-up code: …`). */
  setupCode: string;
}

async function startServer(): Promise<{ server: RunningServer; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'partnerdesk-e2e-'));
  const port = await freePort();
  // The e2e run is about the UI on the embedded engine: never point it at a shared Postgres.
  const env: NodeJS.ProcessEnv = { ...process.env, PARTNERDESK_DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '' };
  const child: ChildProcess = spawn(process.execPath, ['out/main/server.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    // The code is printed before the URL line, so both are in the output once the URL is.
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const setupCode = /set-up code: (\S+)/.exec(output)?.[1] ?? '';
  resetAccounts(setupCode);
  return {
    server: { url, dataDir, setupCode },
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A real Chromium, and a fresh PartnerDesk server with its own data folder for every test. */
export const test = base.extend<{ server: RunningServer }, { browser: Browser }>({
  browser: [
    async ({}, use) => {
      const browser = await chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  server: async ({}, use) => {
    const { server, stop } = await startServer();
    await use(server);
    await stop();
  },
  baseURL: async ({ server }, use) => use(server.url),
});

export { expect } from '@playwright/test';
