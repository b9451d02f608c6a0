import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { ServerTarget } from './server-target';

/**
 * One HTTP(S) request from a desktop's main process to its server, with node:http(s) rather
 * than fetch so that a certificate the user trusted can be pinned (`ca` = that certificate, and
 * its fingerprint checked) and so that a failure says how far the request got: before it was
 * sent (nothing happened on the server) or after (a mutation's outcome is unknown).
 */

export interface ServerResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export class ServerRequestError extends Error {
  constructor(
    /** `connect`: the request never left; `sent`: it did, and no complete answer came back. */
    readonly stage: 'connect' | 'sent',
    /** The system's code (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, ETIMEDOUT, …). */
    readonly code: string,
  ) {
    super(`${stage}: ${code}`);
    this.name = 'ServerRequestError';
  }

  get certificateProblem(): boolean {
    return CERTIFICATE_CODES.has(this.code);
  }
}

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_FINGERPRINT_MISMATCH',
]);

export interface RequestOptions {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** For a streaming GET: called with the response instead of buffering it. */
  onResponse?: (response: http.IncomingMessage) => void;
  signal?: AbortSignal;
}

function tlsOptions(target: ServerTarget): https.RequestOptions {
  const pinned = target.trustedCertificate;
  if (!pinned) return {};
  return {
    ca: pinned.pem,
    checkServerIdentity: (host, cert) => {
      const error = tls.checkServerIdentity(host, cert);
      if (error) return error;
      if (cert.fingerprint256 !== pinned.fingerprint) {
        return Object.assign(new Error('The server presented another certificate than the one trusted'), { code: 'CERT_FINGERPRINT_MISMATCH' });
      }
      return undefined;
    },
  };
}

export function serverRequest(target: ServerTarget, options: RequestOptions): Promise<ServerResponse> {
  const url = new URL(options.path, target.serverUrl);
  const secure = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    let sent = false;
    let settled = false;
    const fail = (code: string) => {
      if (settled) return;
      settled = true;
      reject(new ServerRequestError(sent ? 'sent' : 'connect', code));
    };
    const body = options.body ?? '';
    const request = (secure ? https : http).request(
      url,
      {
        method: options.method,
        headers: { ...options.headers, ...(options.method === 'POST' ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
        ...(secure ? tlsOptions(target) : {}),
        agent: false,
      },
      (response) => {
        if (options.onResponse) {
          settled = true;
          options.onResponse(response);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: '' });
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', () => fail('ECONNRESET'));
        response.on('aborted', () => fail('ECONNRESET'));
        response.on('end', () => {
          if (settled) return;
          settled = true;
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    request.setTimeout(options.timeoutMs, () => {
      request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }));
    });
    request.on('finish', () => {
      sent = true;
    });
    request.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'ECONNRESET'));
    options.signal?.addEventListener('abort', () => request.destroy(Object.assign(new Error('aborted'), { code: 'ABORTED' })), { once: true });
    request.end(body);
  });
}

/**
 * The certificate a TLS server presents, read without trusting it and without sending a byte
 * of HTTP: what the user compares before choosing to trust it.
 */
export function peerCertificate(serverUrl: string, timeoutMs = 10_000): Promise<{ pem: string; fingerprint: string } | null> {
  const url = new URL(serverUrl);
  return new Promise((resolve) => {
    const socket = tls.connect({ host: url.hostname, port: Number(url.port || 443), servername: url.hostname.match(/^[\d.]+$|:/) ? undefined : url.hostname, rejectUnauthorized: false });
    const done = (value: { pem: string; fingerprint: string } | null) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(timeoutMs, () => done(null));
    socket.once('error', () => done(null));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      if (!cert.raw) return done(null);
      const base64 = (cert.raw.toString('base64').match(/.{1,64}/g) ?? []).join('\n');
      done({ pem: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`, fingerprint: cert.fingerprint256 });
    });
  });
}
