import type { Hono } from 'hono';
import { appVersion } from '../app-version';
import { contractVersion } from './contract-version';

/*
 * Connected desktops: their main process calls the server like a tool (no browser, no cookie
 * jar), so the session token travels in headers. Browsers never get a token in a header: a
 * page's script could read it, where the httpOnly cookie keeps it out of reach.
 */

/** Sent by a connected desktop: `desktop/<app version>`. */
export const CLIENT_HEADER = 'x-partnerdesk-client';
/** The caller's contract fingerprint (contractVersion()); a mismatch is refused. */
export const CONTRACT_HEADER = 'x-partnerdesk-contract';
/** The server's answer: a new session token, or empty for "forget the token". */
export const SESSION_HEADER = 'x-partnerdesk-session';

export interface HeaderReader {
  header(name: string): string | undefined;
}

/**
 * A desktop's main process, not a browser: it names itself, and carries neither Origin nor
 * Sec-Fetch-Site, which every browser sends with a script's POST (and a page cannot remove).
 */
export function isDesktopClient(req: HeaderReader): boolean {
  return Boolean(req.header(CLIENT_HEADER)) && req.header('origin') === undefined && req.header('sec-fetch-site') === undefined;
}

/** `Authorization: Bearer <session token>`; an integration's API key (pdk_…) is not a session. */
export function bearerSessionToken(req: HeaderReader): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.header('authorization')?.trim() ?? '');
  const token = match?.[1];
  return token && !token.startsWith('pdk_') ? token : null;
}

/** Why a desktop's call is refused for its contract, or null when it matches (or says none). */
export function contractMismatch(req: HeaderReader): string | null {
  const theirs = req.header(CONTRACT_HEADER);
  if (theirs === undefined || theirs === contractVersion()) return null;
  return `This desktop (contract ${theirs.slice(0, 16)}) and the server (PartnerDesk ${appVersion()}, contract ${contractVersion()}) are different versions: install the same PartnerDesk version on both`;
}

export interface ServerVersion {
  app: 'partnerdesk';
  version: string;
  contract: string;
}

/** GET /api/version: what a desktop checks before it connects (no session needed, nothing secret). */
export function mountVersionRoute(app: Hono): void {
  app.get('/api/version', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ app: 'partnerdesk', version: appVersion(), contract: contractVersion() } satisfies ServerVersion);
  });
}
