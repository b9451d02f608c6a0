import net from 'node:net';
import https from 'node:https';
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Network trouble between a connected desktop and its server, made real: a TCP proxy that can
 * swallow the answer of the next request (the request reaches the server, its response never
 * comes back), and a TLS terminator with a self-signed certificate in front of a plain server.
 */

export interface CuttingProxy {
  url: string;
  /** The next connection's answer is dropped and its socket reset after the server replied. */
  cutNextAnswer(): void;
  connections(): number;
  close(): Promise<void>;
}

/** `listenPort`: chosen beforehand (freePort) when the server must know the proxy's origin. */
export async function startCuttingProxy(targetPort: number, listenPort = 0): Promise<CuttingProxy> {
  let cutNext = false;
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    count++;
    const cut = cutNext;
    cutNext = false;
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (cut) client.resetAndDestroy();
      else client.write(chunk);
    });
    upstream.on('end', () => client.end());
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', closeBoth).on('close', closeBoth);
    upstream.on('error', closeBoth);
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    cutNextAnswer: () => {
      cutNext = true;
    },
    connections: () => count,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port free right now on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface SelfSignedCertificate {
  key: string;
  cert: string;
}

/** A throw-away certificate for 127.0.0.1 (openssl, as an administrator would make one). */
export function selfSignedCertificate(): SelfSignedCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'partnerdesk-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** HTTPS in front of a plain-HTTP server, as a reverse proxy terminates TLS. */
export async function startTlsTerminator(targetPort: number, certificate: SelfSignedCertificate): Promise<{ url: string; close(): Promise<void> }> {
  const server = https.createServer({ key: certificate.key, cert: certificate.cert }, (request, response) => {
    const upstream = http.request({ host: '127.0.0.1', port: targetPort, path: request.url, method: request.method, headers: { ...request.headers, host: `127.0.0.1:${targetPort}` } }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
