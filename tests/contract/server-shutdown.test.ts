import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENTS_PATH } from '../../src-shared/live';
import { STRONG_PASSWORD } from '../support/actors';
import { startServerProcess, type ServerProcess } from '../support/server-process';

/**
 * Graceful shutdown of a real server process (SIGTERM, as an orchestrator sends it): a request
 * whose headers the server has read (it answered 100 Continue) and whose body is still coming
 * when the signal arrives gets its answer; new connections are refused meanwhile; an open
 * /api/events stream ends instead of keeping the process alive; the exit code is 0. A second
 * signal exits at once.
 */

const servers: ServerProcess[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.kill();
});

async function until(what: string, test: () => boolean, ms = 5_000): Promise<void> {
  const giveUpAt = Date.now() + ms;
  while (!test()) {
    if (Date.now() > giveUpAt) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The first workspace's admin session cookie, through the set-up a fresh server asks for. */
async function adminCookie(server: ServerProcess): Promise<string> {
  const res = await fetch(`${server.url}/api/auth.setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workspaceName: 'Stop Ltd', currency: 'EUR', adminName: 'Ada Admin', adminEmail: 'ada@stop.test', password: STRONG_PASSWORD, setupCode: server.setupCode }),
  });
  expect(res.status).toBe(200);
  const cookie = /^([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

/**
 * POST /api/auth.session whose body (`{` + spaces + `}`, valid JSON) is sent in two halves: resolves
 * once the server has read the headers (100 Continue) and the first half is sent.
 */
async function slowRequest(server: ServerProcess) {
  const body = `{${' '.repeat(20_000)}}`;
  const half = body.length / 2;
  let req!: ClientRequest;
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req = httpRequest(
      { host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/auth.session', agent: false, headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', 'content-length': String(body.length), expect: '100-continue' } },
      (res: IncomingMessage) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
  answer.catch(() => undefined);
  await new Promise<void>((resolve) => req.once('continue', () => resolve()));
  await new Promise<void>((resolve) => req.write(body.slice(0, half), () => resolve()));
  return { answer, finish: () => req.end(body.slice(half)) };
}

describe('graceful shutdown of the server process', () => {
  it('answers a request in flight at SIGTERM, refuses new connections, ends an open event stream, and exits 0', { timeout: 90_000 }, async () => {
    const server = await startServerProcess();
    servers.push(server);
    const cookie = await adminCookie(server);

    // An open live-update stream, connected (its 'ready' event read).
    const events = await fetch(`${server.url}${EVENTS_PATH}`, { headers: { cookie } });
    expect(events.status).toBe(200);
    const reader = (events.body as ReadableStream<Uint8Array>).getReader();
    let received = '';
    while (!received.includes('event: ready')) received += new TextDecoder().decode((await reader.read()).value);
    const streamEnded = (async () => {
      for (;;) if ((await reader.read()).done) return Date.now();
    })();

    const slow = await slowRequest(server);
    const signalled = Date.now();
    const exit = server.stop(); // SIGTERM
    await until('the shutdown to begin', () => server.output().includes('SIGTERM: shutting down'));

    // The stream ends at once (it would otherwise hold the process until its next heartbeat and beyond).
    expect((await streamEnded) - signalled).toBeLessThan(2_000);
    // No new connections.
    await expect(fetch(`${server.url}/api/version`)).rejects.toThrow();
    // Still draining: the request in flight holds the process up.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.process.exitCode).toBeNull();

    slow.finish();
    const answered = await slow.answer;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.text)).toEqual({ ok: true, result: null });
    const answeredAt = Date.now();

    expect(await exit).toBe(0);
    expect(Date.now() - answeredAt).toBeLessThan(3_000);
    const output = server.output();
    for (const line of ['SIGTERM: shutting down; accepting no new connections', 'ended 1 live-update stream(s)', 'requests in flight answered; all connections closed', 'database closed; stopped']) {
      expect(output).toContain(line);
    }
  });

  it('with nothing in flight but an open event stream, exits 0 within 3 s', { timeout: 90_000 }, async () => {
    const server = await startServerProcess();
    servers.push(server);
    const cookie = await adminCookie(server);
    const events = await fetch(`${server.url}${EVENTS_PATH}`, { headers: { cookie } });
    const reader = (events.body as ReadableStream<Uint8Array>).getReader();
    await reader.read(); // 'ready'
    const started = Date.now();
    expect(await server.stop()).toBe(0);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a second signal exits at once, without waiting for the request in flight', { timeout: 90_000 }, async () => {
    const server = await startServerProcess();
    servers.push(server);
    const slow = await slowRequest(server);
    const exited = new Promise<number | null>((resolve) => server.process.once('exit', (code) => resolve(code)));
    server.process.kill('SIGTERM');
    await until('the shutdown to begin', () => server.output().includes('SIGTERM: shutting down'));
    const again = Date.now();
    server.process.kill('SIGTERM');
    expect(await exited).toBe(1);
    expect(Date.now() - again).toBeLessThan(1_000);
    expect(server.output()).toContain('SIGTERM again: exiting now, without waiting');
    await expect(slow.answer).rejects.toThrow(); // its connection went with the process
  });
});
