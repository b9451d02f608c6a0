import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { basicTextUnwrapper, createKeyProvider, KEY_FILE_NAME, wrapperFromSafeStorage, type SafeStorageLike } from '../../src-main/security/key-provider';

/** Electron's safeStorage as Linux reports it: "available" whatever the backend. */
function safeStorage(backend: string | (() => string)): SafeStorageLike & { encrypted: number } {
  const store = {
    encrypted: 0,
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: typeof backend === 'function' ? backend : () => backend,
    encryptString: (s: string) => {
      store.encrypted++;
      return Buffer.from(`enc(${s})`);
    },
    decryptString: (b: Buffer) => b.toString().slice(4, -1),
  };
  return store;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pd-safe-storage-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('safeStorage backends', () => {
  it("counts Linux's basic_text backend (a key built into Chromium) as no secret store", () => {
    expect(wrapperFromSafeStorage(safeStorage('basic_text'))).toBeNull();
  });

  it('uses a real keyring backend, and platforms that have no backend choice', () => {
    for (const backend of ['gnome_libsecret', 'kwallet5', 'kwallet6']) expect(wrapperFromSafeStorage(safeStorage(backend)), backend).not.toBeNull();
    const macOrWindows = { isEncryptionAvailable: () => true, encryptString: (s: string) => Buffer.from(s), decryptString: (b: Buffer) => b.toString() };
    expect(wrapperFromSafeStorage(macOrWindows)).not.toBeNull();
    const throwing = safeStorage(() => {
      throw new Error('getSelectedStorageBackend is only available on Linux');
    });
    expect(wrapperFromSafeStorage(throwing)).not.toBeNull();
  });

  it('with basic_text the key file stays plain (not wrapped by the hard-coded key) and the user is told once', async () => {
    const store = safeStorage('basic_text');
    const warnings: string[] = [];
    const keys = createKeyProvider({ dataDir: dir, wrapper: wrapperFromSafeStorage(store), env: {}, logger: { warn: (m) => warnings.push(m) } });
    const first = await keys.getDataKey();
    const again = await keys.getDataKey();
    expect(again).toBe(first);
    expect(store.encrypted).toBe(0);
    expect(JSON.parse(await readFile(join(dir, KEY_FILE_NAME), 'utf8'))).toMatchObject({ wrapped: false });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/secret store is unavailable/);
  });

  it('opens a key file that basic_text wrapped before (an earlier version), and rewrites it plain: no lock-out', async () => {
    const store = safeStorage('basic_text');
    // What earlier versions wrote when they took basic_text for a secret store.
    const wrapper = { encrypt: (b: Buffer) => store.encryptString(b.toString('base64')), decrypt: (b: Buffer) => Buffer.from(store.decryptString(b), 'base64') };
    const earlier = await createKeyProvider({ dataDir: dir, wrapper, env: {}, logger: { warn: () => undefined } }).getDataKey();
    expect(JSON.parse(await readFile(join(dir, KEY_FILE_NAME), 'utf8'))).toMatchObject({ wrapped: true });
    const keys = createKeyProvider({ dataDir: dir, wrapper: wrapperFromSafeStorage(store), legacyUnwrapper: basicTextUnwrapper(store), env: {}, logger: { warn: () => undefined } });
    expect((await keys.getDataKey()).key.equals(earlier.key)).toBe(true);
    expect(JSON.parse(await readFile(join(dir, KEY_FILE_NAME), 'utf8'))).toMatchObject({ wrapped: false });
    expect(basicTextUnwrapper(safeStorage('gnome_libsecret'))).toBeNull();
  });

  it('still refuses a key file wrapped by a real keyring that basic_text cannot open', async () => {
    const keyring = safeStorage('gnome_libsecret');
    await createKeyProvider({ dataDir: dir, wrapper: wrapperFromSafeStorage(keyring), env: {}, logger: { warn: () => undefined } }).getDataKey();
    const noKeyringNow = { ...safeStorage('basic_text'), decryptString: () => {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString');
    } };
    const keys = createKeyProvider({ dataDir: dir, wrapper: wrapperFromSafeStorage(noKeyringNow), legacyUnwrapper: basicTextUnwrapper(noKeyringNow), env: {}, logger: { warn: () => undefined } });
    await expect(keys.getDataKey()).rejects.toThrow(/secret store, which is unavailable now/);
    expect(JSON.parse(await readFile(join(dir, KEY_FILE_NAME), 'utf8'))).toMatchObject({ wrapped: true });
  });
});
