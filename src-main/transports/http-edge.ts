import { isIP } from 'node:net';
import { LEAD_IMPORT_LIMITS } from '../../src-shared/contract/leads/imports';
import { MAX_DOCUMENT_BASE64_CHARS } from '../../src-shared/contract/partners/values';

/*
 * The checks server mode makes before a request reaches the dispatch: which Host and Origin it
 * may come from (DNS rebinding, cross-site requests) and how large its body may be.
 */

/** Every POST body, unless its procedure is listed in LARGE_BODY_PROCEDURES. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

const base64Chars = (bytes: number) => Math.ceil(bytes / 3) * 4;
/** Room for the JSON around the base64 and the other fields of the input. */
const ENVELOPE = 64 * 1024;

/**
 * The procedures that carry a file, and their limit. Only a signed-in caller whose role may call
 * the procedure gets it (the session is resolved before the body is read); anyone else gets the
 * default, so an anonymous client cannot make the server buffer 30 MiB.
 */
export const LARGE_BODY_PROCEDURES: Readonly<Record<string, number>> = {
  'partners.documents.upload': MAX_DOCUMENT_BASE64_CHARS + ENVELOPE,
  'leads.startImport': base64Chars(LEAD_IMPORT_LIMITS.maxBytes) + ENVELOPE,
  'leads.previewImport': base64Chars(LEAD_IMPORT_LIMITS.previewBytes) + ENVELOPE,
  // A lead at every limit (notes, 50 extra fields of 1,000 characters) in a non-Latin script is
  // ~190 KB of UTF-8: a valid submission must never be a 413.
  'leads.submit': 256 * 1024,
};

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

/** HOST names a loopback interface: the server cannot be reached from another machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/**
 * PARTNERDESK_PUBLIC_ORIGINS: a comma list of the origins browsers reach this server under
 * through a reverse proxy, e.g. `https://partners.example.com` or `https://desk.example.com:8443`.
 * Origins only (scheme, host, optional port): a path, query or user name is refused.
 */
export function parsePublicOrigins(value: string | undefined): string[] {
  const entries = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return entries.map((entry) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`PARTNERDESK_PUBLIC_ORIGINS holds something that is not an origin: ${entry}`);
    }
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !bare) {
      throw new Error(`PARTNERDESK_PUBLIC_ORIGINS entries must look like https://host[:port], without a path: ${entry}`);
    }
    return url.origin;
  });
}

export interface EdgePolicy {
  /** Host header values accepted (lower case, with the port unless it is the scheme's default). */
  hosts: ReadonlySet<string>;
  /** Origin header values accepted on a POST. */
  origins: ReadonlySet<string>;
  /** Hosts of the https public origins: where HSTS may be sent (through a trusted proxy). */
  tlsHosts: ReadonlySet<string>;
}

/** Loopback names with the listening port (bare as well on port 80), plus the public origins. */
export function edgePolicy(port: number, publicOrigins: readonly string[]): EdgePolicy {
  const hosts = new Set<string>();
  const origins = new Set<string>();
  const tlsHosts = new Set<string>();
  for (const name of LOOPBACK_NAMES) {
    hosts.add(`${name}:${port}`);
    origins.add(`http://${name}:${port}`);
    if (port === 80) {
      hosts.add(name);
      origins.add(`http://${name}`);
    }
  }
  for (const origin of publicOrigins) {
    const url = new URL(origin);
    hosts.add(url.host);
    origins.add(url.origin);
    if (url.protocol === 'https:') tlsHosts.add(url.host);
  }
  return { hosts, origins, tlsHosts };
}

/**
 * Why a POST is refused, or null. A browser sends Origin with every POST, and Sec-Fetch-Site;
 * a tool such as curl sends neither, and is let through (it cannot carry a victim's cookie).
 * A request with Sec-Fetch-Site but no Origin is a browser hiding where it comes from: refused.
 */
export function postRefusal(policy: EdgePolicy, origin: string | undefined, fetchSite: string | undefined): string | null {
  if (origin !== undefined && !policy.origins.has(origin.toLowerCase())) return 'Cross-origin requests are not accepted';
  if (origin === undefined && fetchSite !== undefined) return 'Requests without an Origin are not accepted from a browser';
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return 'Cross-site requests are not accepted';
  return null;
}

/**
 * The body as text, or null once it is longer than `limit` bytes: a declared Content-Length over
 * the limit is refused before a byte is read, and the stream is counted as it arrives (a chunked
 * body, or a Content-Length that lies, stops at the limit, never buffered whole).
 */
export async function readLimitedBody(request: Request, limit: number): Promise<string | null> {
  const declared = request.headers.get('content-length');
  if (declared !== null && !(Number(declared) <= limit)) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is `10.0.0.1`. */
export function plainAddress(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/**
 * Browser features no screen uses. 'bluetooth' is kept although Chromium logs it as unrecognised: without
 * it the partner list's keyboard End test lost row focus (bisected to its removal; the cause is not understood).
 */
export const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'bluetooth=()',
  'serial=()',
  'hid=()',
  'midi=()',
  'display-capture=()',
  'browsing-topics=()',
].join(', ');

export const HSTS = 'max-age=31536000';
