import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where PartnerDesk keeps its data: PARTNERDESK_DATA_DIR, else the per-user data folder
 * (the same folder Electron's app.getPath('userData') gives, so the desktop and server mode
 * of one user share one database).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PARTNERDESK_DATA_DIR) return env.PARTNERDESK_DATA_DIR;
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'PartnerDesk');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'PartnerDesk');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'PartnerDesk');
}

export interface AppConfig {
  dataDir: string;
  /** postgres://… selects team mode; otherwise the embedded SQLite file in dataDir. */
  databaseUrl: string | null;
  /** PARTNERDESK_MIGRATE_URL: the schema owner's URL, so DATABASE_URL's role only reads and writes rows (docs/postgres-roles.md). */
  migrateUrl?: string | null;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, dataDir?: string): AppConfig {
  const postgresUrl = (value: string | undefined) => {
    const url = value?.trim();
    return url && /^postgres(ql)?:\/\//.test(url) ? url : null;
  };
  return {
    dataDir: dataDir ?? defaultDataDir(env),
    databaseUrl: postgresUrl(env.DATABASE_URL),
    migrateUrl: postgresUrl(env.PARTNERDESK_MIGRATE_URL),
  };
}

/** The secrets start-up reads from the environment. */
export const SECRET_ENV = ['DATABASE_URL', 'PARTNERDESK_MIGRATE_URL', 'PARTNERDESK_DATA_KEY'] as const;

/**
 * Removes the database URLs and PARTNERDESK_DATA_KEY from the environment once start-up has read
 * them, so that nothing started later (a worker, a crash reporter, a child process, a dump of
 * process.env) carries them. The entry points call it after createApp: the config already holds
 * the URL, and the key, which the key provider reads lazily, is loaded first (a key that does
 * not parse stops the start here instead of being forgotten, which would leave the key file to
 * stand in for it).
 */
export async function scrubSecretEnv(keys: { getDataKey(): Promise<unknown> }, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env.PARTNERDESK_DATA_KEY?.trim()) await keys.getDataKey();
  for (const name of SECRET_ENV) delete env[name];
}
