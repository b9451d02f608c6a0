import { isIP } from 'node:net';

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is `10.0.0.1`. */
function plain(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/** PARTNERDESK_TRUSTED_PROXIES: a comma list of the reverse proxies' own addresses (no ranges: configured on purpose, one by one). */
export function parseTrustedProxies(value: string | undefined): string[] {
  const entries = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const bad = entries.filter((e) => isIP(e) === 0);
  if (bad.length) throw new Error(`PARTNERDESK_TRUSTED_PROXIES holds something that is not an IP address: ${bad.join(', ')}`);
  return entries.map(plain);
}

/**
 * The address that sign-in throttling keys on. Only when the TCP peer is a trusted proxy does
 * X-Forwarded-For count, and then its right-most entry that is not itself a trusted proxy:
 * entries left of that were written by the client and can say anything.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, trusted: readonly string[]): string {
  const direct = peer ? plain(peer) : 'unknown';
  if (!peer || !trusted.includes(direct) || !forwardedFor) return direct;
  const hops = forwardedFor.split(',').map(plain).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] ?? '';
    if (isIP(hop) === 0) return direct; // a malformed chain: trust none of it
    if (!trusted.includes(hop)) return hop;
  }
  return direct;
}
