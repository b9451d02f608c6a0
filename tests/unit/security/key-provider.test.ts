import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createKeyProvider,
  DATA_KEY_ENV,
  KEY_FILE_NAME,
  wrapperFromSafeStorage,
  type SecretWrapper,
} from '../../../src-main/security/key-provider';
import { keyIdOf } from '../../../src-main/security/secret-box';

const posix = process.platform !== 'win32';
let dir: string;
let warnings: string[];
const logger = { warn: (m: string) => warnings.push(m) };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pd-key-'));
  warnings = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A stand-in for safeStorage: XOR with a per-"user" pad, enough to tell wrapped from plain. */
function fakeWrapper(pad = 0x5a): SecretWrapper & { calls: number } {
  const w = {
    calls: 0,
    encrypt: (b: Buffer) => {
      w.calls++;
      return Buffer.concat([Buffer.from('WRAP'), Buffer.from(b.map((x) => x ^ pad))]);
    },
    decrypt: (b: Buffer) => {
      if (b.subarray(0, 4).toString() !== 'WRAP') throw new Error('not mine');
      return Buffer.from(b.subarray(4).map((x) => x ^ pad));
    },
  };
  return w;
}

describe('key provider', () => {
  it('takes the key from PARTNERDESK_DATA_KEY and touches no file', async () => {
    const raw = randomBytes(32);
    const provider = createKeyProvider({ dataDir: dir, wrapper: null, env: { [DATA_KEY_ENV]: raw.toString('base64') }, logger });
    const key = await provider.getDataKey();
    expect(key.key.equals(raw)).toBe(true);
    expect(key.id).toBe(keyIdOf(raw));
    await expect(stat(join(dir, KEY_FILE_NAME))).rejects.toThrow();
    expect(warnings).toEqual([]);
  });

  it('refuses a malformed env key instead of falling back to a file, without echoing it', async () => {
    for (const bad of ['c2hvcnQ=', 'not base64 at all', randomBytes(33).toString('base64')]) {
      const provider = createKeyProvider({ dataDir: dir, wrapper: null, env: { [DATA_KEY_ENV]: bad }, logger });
      const error = await provider.getDataKey().catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/base64 encoding of exactly 32 random bytes/);
      expect((error as Error).message).not.toContain(bad);
    }
    await expect(stat(join(dir, KEY_FILE_NAME))).rejects.toThrow();
  });

  it('creates a 0600 key file on first use and reuses it, warning once without a secret store', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const provider = createKeyProvider({ dataDir, wrapper: null, env: {}, logger });
    const first = await provider.getDataKey();
    const again = await provider.getDataKey();
    expect(again).toBe(first);
    expect(first.key).toHaveLength(32);

    const path = join(dataDir, KEY_FILE_NAME);
    if (posix) expect((await stat(path)).mode & 0o777).toBe(0o600);
    const file = JSON.parse(await readFile(path, 'utf8')) as { v: number; wrapped: boolean; key: string };
    expect(file).toEqual({ v: 1, wrapped: false, key: first.key.toString('base64') });

    // A new provider (next start) reads the same key.
    const next = await createKeyProvider({ dataDir, wrapper: null, env: {}, logger }).getDataKey();
    expect(next.key.equals(first.key)).toBe(true);
    expect(next.id).toBe(first.id);

    expect(warnings).toHaveLength(2); // one per provider (i.e. per start), not per call
    expect(warnings[0]).toMatch(/OS secret store is unavailable/);
    for (const w of warnings) expect(w).not.toContain(first.key.toString('base64'));
  });

  it('shares one load between concurrent first calls', async () => {
    const provider = createKeyProvider({ dataDir: dir, wrapper: null, env: {}, logger });
    const [a, b] = await Promise.all([provider.getDataKey(), provider.getDataKey()]);
    expect(a).toBe(b);
    expect(warnings).toHaveLength(1);
  });

  it('never lets two providers create different keys', async () => {
    const providers = Array.from({ length: 5 }, () => createKeyProvider({ dataDir: dir, wrapper: null, env: {}, logger }));
    const keys = await Promise.all(providers.map((p) => p.getDataKey()));
    expect(new Set(keys.map((k) => k.id)).size).toBe(1);
  });

  it('wraps the key file with the OS secret store and unwraps it on the next start', async () => {
    const wrapper = fakeWrapper();
    const first = await createKeyProvider({ dataDir: dir, wrapper, env: {}, logger }).getDataKey();
    const file = JSON.parse(await readFile(join(dir, KEY_FILE_NAME), 'utf8')) as { wrapped: boolean; key: string };
    expect(file.wrapped).toBe(true);
    expect(file.key).not.toBe(first.key.toString('base64'));
    const next = await createKeyProvider({ dataDir: dir, wrapper, env: {}, logger }).getDataKey();
    expect(next.key.equals(first.key)).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('upgrades a plain key file once a secret store is available, keeping the key', async () => {
    const plain = await createKeyProvider({ dataDir: dir, wrapper: null, env: {}, logger }).getDataKey();
    const wrapper = fakeWrapper();
    const wrapped = await createKeyProvider({ dataDir: dir, wrapper, env: {}, logger }).getDataKey();
    expect(wrapped.key.equals(plain.key)).toBe(true);
    const file = JSON.parse(await readFile(join(dir, KEY_FILE_NAME), 'utf8')) as { wrapped: boolean };
    expect(file.wrapped).toBe(true);
    if (posix) expect((await stat(join(dir, KEY_FILE_NAME))).mode & 0o777).toBe(0o600);
  });

  it('refuses (and keeps the file) when a wrapped key cannot be unwrapped', async () => {
    await createKeyProvider({ dataDir: dir, wrapper: fakeWrapper(), env: {}, logger }).getDataKey();
    const before = await readFile(join(dir, KEY_FILE_NAME), 'utf8');
    await expect(createKeyProvider({ dataDir: dir, wrapper: null, env: {}, logger }).getDataKey()).rejects.toThrow(/OS secret store/);
    const foreign: SecretWrapper = { encrypt: (b) => b, decrypt: () => { throw new Error('nope'); } };
    await expect(createKeyProvider({ dataDir: dir, wrapper: foreign, env: {}, logger }).getDataKey()).rejects.toThrow(/could not unwrap/);
    expect(await readFile(join(dir, KEY_FILE_NAME), 'utf8')).toBe(before);
  });

  it('refuses a damaged key file rather than replacing it', async () => {
    await writeFile(join(dir, KEY_FILE_NAME), 'garbage', { mode: 0o600 });
    await expect(createKeyProvider({ dataDir: dir, wrapper: null, env: {}, logger }).getDataKey()).rejects.toThrow(/damaged/);
    await writeFile(join(dir, KEY_FILE_NAME), JSON.stringify({ v: 1, wrapped: false, key: 'AAAA' }), { mode: 0o600 });
    await expect(createKeyProvider({ dataDir: dir, wrapper: null, env: {}, logger }).getDataKey()).rejects.toThrow(/damaged/);
    expect(await readFile(join(dir, KEY_FILE_NAME), 'utf8')).toContain('AAAA');
  });

  it.runIf(posix)('narrows a world-readable key file back to 0600', async () => { // skip reason: Windows has no POSIX file modes
    const key = await createKeyProvider({ dataDir: dir, wrapper: fakeWrapper(), env: {}, logger }).getDataKey();
    await chmod(join(dir, KEY_FILE_NAME), 0o644);
    const again = await createKeyProvider({ dataDir: dir, wrapper: fakeWrapper(), env: {}, logger }).getDataKey();
    expect(again.key.equals(key.key)).toBe(true);
    expect((await stat(join(dir, KEY_FILE_NAME))).mode & 0o777).toBe(0o600);
    expect(warnings.some((w) => w.includes('0600'))).toBe(true);
  });

  it('adapts Electron safeStorage', () => {
    expect(wrapperFromSafeStorage(null)).toBeNull();
    const unavailable = { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' };
    expect(wrapperFromSafeStorage(unavailable)).toBeNull();
    const store = {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(`enc(${s})`),
      decryptString: (b: Buffer) => b.toString().slice(4, -1),
    };
    const wrapper = wrapperFromSafeStorage(store);
    const raw = randomBytes(32);
    expect(wrapper?.decrypt(wrapper.encrypt(raw)).equals(raw)).toBe(true);
  });
});
