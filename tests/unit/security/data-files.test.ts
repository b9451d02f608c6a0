import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../src-main/app';
import { appRoot } from '../../../src-main/app-root';
import { openSqlite } from '../../../src-main/data/engines/sqlite';
import { scrubSecretEnv } from '../../../src-main/config';
import { createKeyProvider, KEY_FILE_NAME } from '../../../src-main/security/key-provider';

/**
 * Files and environment (issue 9, point 10): every start leaves the data folder 0700 and the
 * database, WAL and SHM 0600, even when they existed with looser modes; DATABASE_URL and the data
 * key leave process.env once start-up has read them.
 */
const posix = process.platform !== 'win32';
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe.runIf(posix)('data file modes', () => { // skip reason: Windows has no POSIX file modes; there the data folder's ACL is the user's profile's
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const scratch = () => {
    const dir = mkdtempSync(join(tmpdir(), 'partnerdesk-h4-modes-'));
    dirs.push(dir);
    return dir;
  };
  const quiet = () => vi.spyOn(console, 'warn').mockImplementation(() => undefined);

  it('tightens a folder left 0755 and a database, WAL and SHM left 0644 at the next start', async () => {
    quiet();
    const dataDir = join(scratch(), 'data');
    mkdirSync(dataDir);
    const file = join(dataDir, 'partnerdesk.sqlite');
    await openSqlite(file).close();
    chmodSync(dataDir, 0o755);
    chmodSync(file, 0o644);
    // What a crashed run leaves beside the file (an empty WAL is no WAL to SQLite).
    writeFileSync(`${file}-wal`, '', { mode: 0o644 });
    writeFileSync(`${file}-shm`, '', { mode: 0o644 });
    mkdirSync(join(dataDir, 'documents'), { mode: 0o755 });
    chmodSync(join(dataDir, 'documents'), 0o755);

    const app = await createApp({ dataDir, databaseUrl: null });
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      expect(modeOf(join(dataDir, 'documents'))).toBe(0o700);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f), f).toBe(0o600);
    } finally {
      await app.close();
    }
  });

  it('creates a new data folder 0700 and a new database, WAL and SHM 0600 whatever the umask', async () => {
    quiet();
    const dataDir = join(scratch(), 'fresh', 'PartnerDesk');
    const previous = process.umask(0o022);
    try {
      const app = await createApp({ dataDir, databaseUrl: null });
      try {
        const file = join(dataDir, 'partnerdesk.sqlite');
        expect(modeOf(dataDir)).toBe(0o700);
        for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f), f).toBe(0o600);
      } finally {
        await app.close();
      }
    } finally {
      process.umask(previous);
    }
  });
});

describe('secret environment scrub', () => {
  const KEY = Buffer.alloc(32, 9).toString('base64');

  it('removes DATABASE_URL and PARTNERDESK_DATA_KEY, after the key has been loaded (it stays usable)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'partnerdesk-h4-env-'));
    try {
      const env: NodeJS.ProcessEnv = { DATABASE_URL: 'postgres://u:secret@db/pd', PARTNERDESK_DATA_KEY: KEY, HOME: '/home/x' };
      const keys = createKeyProvider({ dataDir, wrapper: null, env, logger: { warn: () => undefined } });
      await scrubSecretEnv(keys, env);
      expect(env).toEqual({ HOME: '/home/x' });
      // The provider kept the env key: no key file was made to stand in for it.
      expect((await keys.getDataKey()).key.equals(Buffer.from(KEY, 'base64'))).toBe(true);
      expect(existsSync(join(dataDir, KEY_FILE_NAME))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('does not load a key that is not in the environment, and refuses to forget a malformed one', async () => {
    const getDataKey = vi.fn(() => Promise.resolve(undefined));
    const env: NodeJS.ProcessEnv = { DATABASE_URL: 'postgres://u:secret@db/pd' };
    await scrubSecretEnv({ getDataKey }, env);
    expect(getDataKey).not.toHaveBeenCalled();
    expect(env).toEqual({});

    const bad: NodeJS.ProcessEnv = { PARTNERDESK_DATA_KEY: 'not-a-key' };
    const keys = createKeyProvider({ dataDir: tmpdir(), wrapper: null, env: bad });
    await expect(scrubSecretEnv(keys, bad)).rejects.toThrow(/PARTNERDESK_DATA_KEY must be/);
  });

  it('both entry points scrub right after createApp', () => {
    for (const entry of ['server.ts', 'electron-main.ts']) {
      const source = readFileSync(join(appRoot(), 'src-main', 'entry', entry), 'utf8');
      expect(source, entry).toMatch(/= await createApp\(.*\);\n\s+await scrubSecretEnv\((app|core)\.deps\.keys\);/);
    }
  });
});
