import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process';

/**
 * PARTNERDESK_PUBLIC_URL on a real server process: printed as the address to open on its own
 * line (the `PartnerDesk server mode:` line stays as it was), added to the public origins (its
 * Host and Origin are accepted, as if listed in PARTNERDESK_PUBLIC_ORIGINS), and refused at
 * start-up when it is not a bare origin.
 */

const servers: ServerProcess[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

/** A request with its own Host (fetch may not set one), as a reverse proxy forwards it. */
function call(server: ServerProcess, method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, method, path, agent: false, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('PARTNERDESK_PUBLIC_URL', () => {
  it('is printed as the URL to open, after the unchanged bind-address line, and its origin is accepted', { timeout: 90_000 }, async () => {
    const server = await startServerProcess({ env: { PARTNERDESK_PUBLIC_URL: 'https://desk.example.com/', PARTNERDESK_PUBLIC_ORIGINS: 'https://portal.example.com' } });
    servers.push(server);
    // The line after the one startServerProcess waited for: it may come in the next chunk.
    for (let i = 0; i < 100 && !server.output().includes('public URL:'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const lines = server.output().split('\n');
    const bind = lines.findIndex((line) => line === server.url.replace('http://', 'PartnerDesk server mode: http://'));
    expect(bind).toBeGreaterThanOrEqual(0);
    expect(lines[bind + 1]).toBe('public URL: https://desk.example.com');
    expect(server.output()).toContain('first run: open https://desk.example.com to create the first workspace');

    for (const host of ['desk.example.com', 'portal.example.com', `127.0.0.1:${server.port}`]) {
      expect(await call(server, 'GET', '/api/version', { host }), host).toBe(200);
    }
    expect(await call(server, 'GET', '/api/version', { host: 'evil.example' })).toBe(403);
    const post = (origin: string) =>
      call(server, 'POST', '/api/auth.session', { host: 'desk.example.com', origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, '{}');
    expect(await post('https://desk.example.com')).toBe(200);
    expect(await post('http://desk.example.com')).toBe(403);
  });

  it('without it, nothing changes: no extra line, and that host is refused', { timeout: 90_000 }, async () => {
    const server = await startServerProcess();
    servers.push(server);
    // Printed in the same callback as the server mode line, had it been printed.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.output()).not.toContain('public URL:');
    expect(await call(server, 'GET', '/api/version', { host: 'desk.example.com' })).toBe(403);
  });

  it('refuses to start on an address with a path, or a list', { timeout: 90_000 }, async () => {
    // Its own data folder: a process that never started is not stopped, so would leave its folder behind.
    const dataDir = mkdtempSync(join(tmpdir(), 'partnerdesk-public-url-'));
    try {
      for (const value of ['https://example.com/desk', 'desk.example.com', 'https://a.example.com,https://b.example.com']) {
        const started = startServerProcess({ dataDir, env: { PARTNERDESK_PUBLIC_URL: value } });
        await expect(started).rejects.toThrow(/server exited with 1[\s\S]*PARTNERDESK_PUBLIC_URL must be one address like https:\/\/host\[:port\], without a path/);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
