import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { Context, Next } from 'hono';
import { getMimeType } from 'hono/utils/mime';

/**
 * The renderer bundle over HTTP, as a browser on a slow line wants it: compressed, and cached
 * as long as it safely can be.
 *
 * - Caching. Vite names every file under /assets/ after a hash of its content, so such a URL
 *   always means the same bytes: a year, immutable. index.html (which names the current hashes)
 *   and every other file keep their name across builds: `no-cache`, i.e. revalidated each time
 *   against its strong ETag (a 304 costs a few hundred bytes).
 * - Compression: brotli when the client accepts it, else gzip, else none, for text types only
 *   (fonts and images are compressed formats already). Each file is read once per version (its
 *   mtime and size) and each encoding computed once, on the first request that asks for it, then
 *   kept in memory: the bundle is a few MB, and a rebuild replaces its entries instead of adding.
 * - Never for /api/*: this module only answers paths the static routes hand it. A compressed
 *   response that carries a secret next to text an attacker controls leaks the secret through
 *   its length (BREACH), and the event stream must not be buffered by a compressor.
 *
 * Range requests are not honoured (the whole file is answered, which RFC 9110 allows): the
 * bundle holds scripts and styles, not media.
 */

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** Extensions worth compressing: text. Fonts (woff2), images and archives are compressed already. */
const COMPRESSIBLE = new Set(['js', 'mjs', 'css', 'html', 'svg', 'json', 'map', 'txt']);
/** Below this a compressed body saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;
/**
 * Brotli at 9, not 11: on the largest chunk (1.2 MB) 11 took 1.5 s for a body 10 % smaller than
 * 9's, which took 65 ms; each new process (a deploy, every end-to-end test) pays it once per file.
 */
const BROTLI_QUALITY = 9;

export type Encoding = 'br' | 'gzip' | 'identity';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The encoding to answer with, by the client's Accept-Encoding: brotli preferred, then gzip.
 * An encoding listed with q=0 is refused; `*` stands for any not listed.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const accepts = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip') || (q.get('x-gzip') ?? 0) > 0) return 'gzip';
  return 'identity';
}

interface Representation {
  /** The identity bytes. */
  raw: Buffer;
  /** A hash of `raw`; each encoding's strong ETag adds its name (a strong validator differs per coding). */
  hash: string;
  type: string;
  compressible: boolean;
  encoded: Map<Exclude<Encoding, 'identity'>, Promise<Buffer>>;
}

function representationOf(raw: Buffer, path: string): Representation {
  const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  return {
    raw,
    hash: createHash('sha256').update(raw).digest('base64url').slice(0, 27),
    type: getMimeType(path) ?? 'application/octet-stream',
    compressible: COMPRESSIBLE.has(extension) && raw.length >= MIN_COMPRESS_BYTES,
    encoded: new Map(),
  };
}

/** The body for `encoding`, computed once (concurrent first requests share one job). */
function encodedBody(rep: Representation, encoding: Exclude<Encoding, 'identity'>): Promise<Buffer> {
  let body = rep.encoded.get(encoding);
  if (!body) {
    body =
      encoding === 'br'
        ? brotli(rep.raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: rep.raw.length } })
        : gzipAsync(rep.raw, { level: 9 });
    // A failed job is not kept: the next request tries again.
    body.catch(() => rep.encoded.delete(encoding));
    rep.encoded.set(encoding, body);
  }
  return body;
}

const etagOf = (rep: Representation, encoding: Encoding) => `"${rep.hash}${encoding === 'identity' ? '' : `-${encoding}`}"`;

/** If-None-Match by weak comparison (RFC 9110 13.1.2): W/ is ignored, `*` matches any. */
function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

async function answer(c: Context, rep: Representation, cacheControl: string): Promise<Response> {
  const encoding = rep.compressible ? chooseEncoding(c.req.header('accept-encoding')) : 'identity';
  const etag = etagOf(rep, encoding);
  c.header('Cache-Control', cacheControl);
  c.header('ETag', etag);
  // On every answer of a compressible file, identity too: a shared cache must not hand the
  // identity body to a brotli client, nor a brotli body to a client that cannot read it.
  if (rep.compressible) c.header('Vary', 'Accept-Encoding');
  if (notModified(c.req.header('if-none-match'), etag)) return c.body(null, 304);
  const body = encoding === 'identity' ? rep.raw : await encodedBody(rep, encoding);
  c.header('Content-Type', rep.type);
  if (encoding !== 'identity') c.header('Content-Encoding', encoding);
  c.header('Content-Length', String(body.length));
  // A view, not a copy; the buffers come from fs and zlib, never from a SharedArrayBuffer.
  return c.body(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length), 200);
}

/**
 * A request path as a file under `dir`, or null. Hono has already percent-decoded the path;
 * a '%' left in it is an encoded separator or percent (no Vite file has one), and a dot segment,
 * a backslash or an empty segment is never a bundle file: all refused before touching the disk.
 */
function fileUnder(dir: string, path: string): string | null {
  if (!path.startsWith('/') || /[%\\\0]/.test(path)) return null;
  const segments = path.slice(1).split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  const file = resolve(dir, ...segments);
  return file.startsWith(dir + sep) ? file : null;
}

export interface StaticAssets {
  /** GET/HEAD of a file of the bundle: the file (or a 304), else on to the next handler. */
  serveFile(c: Context, next: Next): Promise<Response | void>;
  /** The single-page app's index (its HTML as made for this request), compressed and revalidated. */
  serveIndex(c: Context, html: string): Promise<Response>;
}

export function createStaticAssets(rendererDir: string): StaticAssets {
  const dir = resolve(rendererDir);
  /** By request path; `version` is the file's mtime and size (the index: its content hash). */
  const cache = new Map<string, { version: string; rep: Representation }>();

  const cached = (key: string, version: string, load: () => Representation): Representation => {
    const hit = cache.get(key);
    if (hit?.version === version) return hit.rep;
    const rep = load();
    cache.set(key, { version, rep });
    return rep;
  };

  return {
    async serveFile(c, next) {
      const file = fileUnder(dir, c.req.path);
      if (!file) return next();
      let stats;
      try {
        stats = statSync(file);
      } catch {
        return next();
      }
      if (!stats.isFile()) return next();
      const rep = cached(c.req.path, `${stats.mtimeMs}:${stats.size}`, () => representationOf(readFileSync(file), file));
      return answer(c, rep, c.req.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    },
    async serveIndex(c, html) {
      // index.html is made per request (a rebuild shows without a restart): its hash is its version.
      const rep = representationOf(Buffer.from(html, 'utf8'), 'index.html');
      return answer(c, cached('\0index', rep.hash, () => rep), REVALIDATE);
    },
  };
}
