/**
 * The server a connected desktop talks to. `trustedCertificate` is a certificate the user chose
 * to trust after comparing its fingerprint (a self-signed or private-CA server): it is then the
 * ONLY certificate accepted for that server (pinned), still checked against the host name.
 */
export interface ServerTarget {
  /** An origin: https://desk.example.com or http://127.0.0.1:5180 (no path). */
  serverUrl: string;
  trustedCertificate: { pem: string; fingerprint: string } | null;
}

/**
 * What a user typed, as an origin: `desk.example.com` → `https://desk.example.com`; plain http is
 * kept only when written out (a server on this computer or a lab network). Null when it is not
 * an http(s) origin (a path, credentials or another scheme are refused, not dropped).
 */
export function normaliseServerUrl(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
  return url.origin;
}
