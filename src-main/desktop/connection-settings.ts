import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { log } from '../log';
import { normaliseServerUrl, type ServerTarget } from './server-target';

/**
 * How this desktop is set up, in `<userData>/connection.json` (owner-only): local data, or a team
 * server with, when the user trusted one, that server's pinned certificate. It holds no secret:
 * a connected desktop's session token lives in memory only, and a local one's data key is in the
 * OS secret store (security/key-provider.ts).
 */

export const CONNECTION_FILE = 'connection.json';

const certificate = z.object({ pem: z.string().startsWith('-----BEGIN CERTIFICATE-----'), fingerprint: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) });

const stored = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('local') }),
  z.object({
    mode: z.literal('connected'),
    serverUrl: z.string().refine((url) => normaliseServerUrl(url) === url, 'an http(s) origin'),
    trustedCertificate: certificate.nullable(),
  }),
]);

export type ConnectionSetting = { mode: 'unset' } | z.infer<typeof stored>;

export function connectionFile(userData: string): string {
  return join(userData, CONNECTION_FILE);
}

/**
 * The setting, or `unset` on a first run. A desktop that already has local data and no file
 * (installed before connected mode existed) stays local. A file that does not parse is not
 * guessed at: the user chooses again (and the bad file is logged, not its content).
 */
export function readConnectionSetting(userData: string): ConnectionSetting {
  const file = connectionFile(userData);
  if (!existsSync(file)) return existsSync(join(userData, 'partnerdesk.sqlite')) ? { mode: 'local' } : { mode: 'unset' };
  try {
    const parsed = stored.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // Falls through: unreadable or not JSON.
  }
  log.warn(`${file} is not a valid connection setting; asking how to use PartnerDesk again`);
  return { mode: 'unset' };
}

/** Written to a temporary file first, then renamed: a crash never leaves half a setting. */
export function writeConnectionSetting(userData: string, setting: z.infer<typeof stored>): void {
  const file = connectionFile(userData);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(stored.parse(setting), null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

export function targetOf(setting: ConnectionSetting): ServerTarget | null {
  return setting.mode === 'connected' ? { serverUrl: setting.serverUrl, trustedCertificate: setting.trustedCertificate } : null;
}

/**
 * A desktop never opens the team database itself: only servers hold its credential and the
 * data key. Returns the message to show when DATABASE_URL is set, else null.
 */
export function desktopDatabaseUrlRefusal(env: NodeJS.ProcessEnv): string | null {
  if (!env.DATABASE_URL?.trim()) return null;
  return 'This desktop was started with DATABASE_URL. A PartnerDesk desktop never connects to the database itself: run the PartnerDesk server with DATABASE_URL (npm run serve) and connect this desktop to the server instead (first run: "Connect to a team server"). Unset DATABASE_URL and start again.';
}
