import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src-main/transports/http';
import { chooseEncoding } from '../../src-main/transports/static-assets';
import type { Dispatch } from '../../src-main/dispatch';

/**
 * The renderer bundle over a real socket (node:http, which, unlike fetch, shows the bytes as
 * sent): brotli, gzip or identity by Accept-Encoding, the bytes decompressing to the file, a year
 * of immutable caching for hashed /assets/ and revalidation (strong ETag, 304) for the rest, and
 * no compression of /api/*.
 */
describe('static assets: compression and caching', () => {
  let base = '';
  let dir = '';
  let server: ServerType;
  let port = 0;
  // ~50 KB of text that compresses like a bundle (repetitive, but not one byte repeated).
  const script = Array.from({ length: 1200 }, (_, i) => `export const value${i} = ${i * 7} + "item-${i % 37}";`).join('\n');
  const indexHtml = '<!doctype html><html><head><title>PartnerDesk</title></head><body><div id="root"></div>' + '<!-- padding -->'.repeat(100) + '</body></html>';
  const dispatch: Dispatch = async () => ({ response: { ok: true, result: null } });

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'partnerdesk-static-'));
    dir = join(base, 'renderer');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(base, 'secret.txt'), 'top secret');
    writeFileSync(join(dir, 'index.html'), indexHtml);
    writeFileSync(join(dir, 'assets', 'app-abc123.js'), script);
    writeFileSync(join(dir, 'assets', 'font-abc123.woff2'), Buffer.alloc(4096, 7));
    writeFileSync(join(dir, 'robots.txt'), 'User-agent: *\nDisallow: /api/\n'.repeat(100));
    let http: ReturnType<typeof createHttpApp> | null = null;
    await new Promise<void>((resolve) => {
      // The Host check names the listening port, known only once listening (as in server.ts).
      server = serve({ fetch: (req, env) => (http as ReturnType<typeof createHttpApp>).fetch(req, env), hostname: '127.0.0.1', port: 0 }, (info) => {
        port = info.port;
        http = createHttpApp(dispatch, { rendererDir: dir, secureCookies: false, port });
        resolve();
      });
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(base, { recursive: true, force: true });
  });

  function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('sends brotli when accepted, else gzip, else identity; every body decodes to the file', async () => {
    const file = Buffer.from(script);
    expect(file.length).toBeGreaterThan(45_000);

    const br = await get('/assets/app-abc123.js', { 'accept-encoding': 'br, gzip' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/^text\/javascript/);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(file.length / 4);
    expect(brotliDecompressSync(br.body).equals(file)).toBe(true);

    const gz = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body.length).toBeLessThan(file.length / 4);
    expect(gunzipSync(gz.body).equals(file)).toBe(true);

    const plain = await get('/assets/app-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.equals(file)).toBe(true);

    // q=0 refuses an encoding; a repeat answer is the same bytes (kept, not recompressed differently).
    const refused = await get('/assets/app-abc123.js', { 'accept-encoding': 'br;q=0, gzip' });
    expect(refused.headers['content-encoding']).toBe('gzip');
    expect(refused.body.equals(gz.body)).toBe(true);
  });

  it('caches hashed /assets/ for a year (immutable); index.html and the SPA fallback are revalidated', async () => {
    const asset = await get('/assets/app-abc123.js', { 'accept-encoding': 'br' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    for (const path of ['/', '/index.html', '/partners/p1/kyc']) {
      const page = await get(path, { 'accept-encoding': 'gzip' });
      expect(page.status, path).toBe(200);
      expect(page.headers['cache-control'], path).toBe('no-cache');
      expect(page.headers['content-encoding'], path).toBe('gzip');
      const html = gunzipSync(page.body).toString('utf8');
      expect(html).toContain('<base href="/" />');
      expect(html).toContain('<div id="root"></div>');
    }
    // Another file that keeps its name across builds: revalidated too (and compressed: text).
    const robots = await get('/robots.txt', { 'accept-encoding': 'br' });
    expect(robots.headers['cache-control']).toBe('no-cache');
    expect(robots.headers['content-encoding']).toBe('br');
  });

  it('answers a matching If-None-Match with 304 and a strong ETag per encoding', async () => {
    const br = await get('/assets/app-abc123.js', { 'accept-encoding': 'br' });
    const gz = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip' });
    const plain = await get('/assets/app-abc123.js');
    const tags = [br, gz, plain].map((r) => r.headers.etag);
    for (const tag of tags) expect(tag).toMatch(/^"[^"]+"$/); // strong: no W/
    expect(new Set(tags).size).toBe(3);

    const again = await get('/assets/app-abc123.js', { 'accept-encoding': 'br', 'if-none-match': br.headers.etag ?? '' });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(br.headers.etag);
    // The brotli tag does not validate the gzip body.
    expect((await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip', 'if-none-match': br.headers.etag ?? '' })).status).toBe(200);

    const page = await get('/', { 'accept-encoding': 'br' });
    expect((await get('/some/screen', { 'accept-encoding': 'br', 'if-none-match': page.headers.etag ?? '' })).status).toBe(304);
  });

  it('does not compress fonts (already compressed) nor /api/*', async () => {
    const font = await get('/assets/font-abc123.woff2', { 'accept-encoding': 'br, gzip' });
    expect(font.status).toBe(200);
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(font.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(font.body.equals(Buffer.alloc(4096, 7))).toBe(true);

    const version = await get('/api/version', { 'accept-encoding': 'br, gzip' });
    expect(version.status).toBe(200);
    expect(version.headers['content-encoding']).toBeUndefined();
    expect(version.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(version.body.toString('utf8'))).toMatchObject({ app: 'partnerdesk' });
  });

  it('a missing asset is a 404 (never the page as script), and no path reaches a file outside the bundle', async () => {
    const missing = await get('/assets/missing-000.js', { 'accept-encoding': 'br' });
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBeUndefined();
    // secret.txt sits next to the renderer folder. (A literal /%2e%2e/ is resolved by the URL
    // parser before routing, so it names a path inside the bundle: that is covered too.)
    for (const path of ['/assets/..%2f..%2fsecret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/assets//app-abc123.js', '/assets/.%2e/secret.txt']) {
      const res = await get(path, { 'accept-encoding': 'br' });
      expect(res.status, path).toBe(404);
      expect(res.body.toString('utf8'), path).not.toContain('top secret');
    }
  });

  it('chooses the encoding by Accept-Encoding, q-values and *', () => {
    expect(chooseEncoding(undefined)).toBe('identity');
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('identity')).toBe('identity');
    expect(chooseEncoding('br;q=0, gzip;q=0')).toBe('identity');
  });
});
