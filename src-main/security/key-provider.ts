import { hkdfSync, randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dataKeyFrom, type DataKey } from './secret-box';

/*
 * Where the 32-byte data key comes from, in order:
 *  1. env PARTNERDESK_DATA_KEY (base64 of 32 bytes): servers and containers, where the key is
 *     managed outside the data folder (and so outside its backups);
 *  2. the key file <dataDir>/secret.key, created with random bytes on first use, mode 0600.
 *     On the desktop the file content is wrapped by the OS secret store (Electron safeStorage:
 *     Keychain, DPAPI, libsecret) so that a copy of the data folder alone does not unlock it.
 *     Without a secret store the file is protected only by its permissions, and we say so once.
 *
 * A malformed env key, or a wrapped key file that cannot be unwrapped, is an error, never a
 * reason to make a new key: a new key would silently orphan everything encrypted so far.
 * Key material is never logged, not even in errors.
 */

export const DATA_KEY_ENV = 'PARTNERDESK_DATA_KEY';
export const KEY_FILE_NAME = 'secret.key';
const KEY_BYTES = 32;

/** What Electron's safeStorage offers, reduced to bytes; null where no OS secret store exists. */
export interface SecretWrapper {
  encrypt(plain: Buffer): Buffer;
  decrypt(wrapped: Buffer): Buffer;
}

/** The slice of Electron's safeStorage we use, typed structurally so this module never imports electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only (Electron ≥ 25). */
  getSelectedStorageBackend?(): string;
}

/**
 * Adapts safeStorage (string-based) to SecretWrapper; null when the OS store is unavailable.
 * On Linux without a keyring, safeStorage reports itself available but uses `basic_text`: a
 * key hard-coded in Chromium, which anyone with the data folder can undo. That is no secret
 * store, and pretending otherwise would hide the warning loadDataKey gives.
 */
export function wrapperFromSafeStorage(safeStorage: SafeStorageLike | null | undefined): SecretWrapper | null {
  if (!safeStorage || !safeStorage.isEncryptionAvailable()) return null;
  if (storageBackend(safeStorage) === 'basic_text') return null;
  return {
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'base64'),
  };
}

/** safeStorage as a reader of key files it wrapped in basic_text mode; null for any other backend. */
export function basicTextUnwrapper(safeStorage: SafeStorageLike | null | undefined): Pick<SecretWrapper, 'decrypt'> | null {
  if (!safeStorage || !safeStorage.isEncryptionAvailable() || storageBackend(safeStorage) !== 'basic_text') return null;
  return { decrypt: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'base64') };
}

function storageBackend(safeStorage: SafeStorageLike): string | undefined {
  try {
    return safeStorage.getSelectedStorageBackend?.();
  } catch {
    return undefined; // not Linux: the platform's store (Keychain, DPAPI) is the only backend
  }
}

export interface KeyProviderLogger {
  warn(message: string): void;
}

export interface KeyProviderOptions {
  dataDir: string;
  wrapper: SecretWrapper | null;
  /**
   * safeStorage's basic_text backend, which earlier versions took for a secret store: it may
   * have wrapped the key file, so it opens that file once, which is then rewritten plain.
   */
  legacyUnwrapper?: Pick<SecretWrapper, 'decrypt'> | null;
  env?: Readonly<Record<string, string | undefined>>;
  logger?: KeyProviderLogger;
}

export interface KeyProvider {
  /** The data key; read (or created) once, then cached for the life of the provider. */
  getDataKey(): Promise<DataKey>;
  /** A key for one purpose, derived from the data key (see deriveSubkey); no new secret to keep. */
  getSubkey(info: SubkeyInfo): Promise<Buffer>;
  /**
   * Subkeys carried over from the data key before a rotation (see security/key-identity.ts),
   * used from now on instead of deriving them. Call before the first getSubkey: a subkey handed
   * out already would otherwise differ from the one used afterwards.
   */
  carrySubkeys(subkeys: CarriedSubkeys): void;
}

/** Subkeys kept across a data key rotation, by purpose. */
export type CarriedSubkeys = Partial<Record<SubkeyInfo, Buffer>>;

/**
 * The purposes a subkey is derived for. Distinct HKDF info strings make the subkeys independent:
 * knowing one (or a MAC under it) says nothing about the data key or the others.
 */
export const SUBKEY_INFO = {
  /** HMAC of the audit chain and of its checkpoint file (services/activity). */
  auditChain: 'partnerdesk audit chain v1',
  /** HMAC fingerprint of full banking details in the audit trail (services/partners/banking.ts). */
  bankingFingerprint: 'partnerdesk banking fingerprint v1',
} as const;
export type SubkeyInfo = (typeof SUBKEY_INFO)[keyof typeof SUBKEY_INFO];

/** HKDF-SHA-256 of the data key (no salt: the data key is already uniformly random). */
export function deriveSubkey(dataKey: DataKey, info: SubkeyInfo): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey.key, Buffer.alloc(0), info, KEY_BYTES));
}

export class KeyProviderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyProviderError';
  }
}

/** On-disk form of the key file: JSON so that a wrapped and a plain key cannot be mistaken for each other. */
interface KeyFile {
  v: 1;
  wrapped: boolean;
  key: string; // base64 of the raw key, or of safeStorage's ciphertext of it
}

export function createKeyProvider(options: KeyProviderOptions): KeyProvider {
  let pending: Promise<DataKey> | null = null;
  const getDataKey = () => {
    // Caching the promise (not the key) also makes concurrent first calls share one load.
    pending ??= loadDataKey(options).catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
  // Derived once per purpose: the audit writer asks for its key on every entry.
  const subkeys = new Map<SubkeyInfo, Promise<Buffer>>();
  const getSubkey = (info: SubkeyInfo) => {
    let subkey = subkeys.get(info);
    if (!subkey) {
      subkey = getDataKey().then((key) => deriveSubkey(key, info));
      subkey.catch(() => subkeys.delete(info));
      subkeys.set(info, subkey);
    }
    return subkey;
  };
  const carrySubkeys = (carried: CarriedSubkeys) => {
    for (const [info, subkey] of Object.entries(carried) as [SubkeyInfo, Buffer][]) {
      if (subkey.length !== KEY_BYTES) throw new KeyProviderError(`A carried subkey must be ${KEY_BYTES} bytes`);
      subkeys.set(info, Promise.resolve(subkey));
    }
  };
  return { getDataKey, getSubkey, carrySubkeys };
}

/** One load without caching; prefer createKeyProvider, which also limits the warning to once. */
export async function loadDataKey(options: KeyProviderOptions): Promise<DataKey> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? console;
  const fromEnv = env[DATA_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return dataKeyFrom(parseEnvKey(fromEnv.trim()));

  if (options.wrapper === null) {
    logger.warn(
      `The OS secret store is unavailable: the data key file ${join(options.dataDir, KEY_FILE_NAME)} is protected only by file permissions. ` +
        `Set ${DATA_KEY_ENV} to keep the key outside the data folder.`,
    );
  }
  if (options.wrapper === null && options.legacyUnwrapper) await unwrapLegacyKeyFile(options.dataDir, options.legacyUnwrapper);
  return dataKeyFrom(await loadOrCreateKeyFile(options.dataDir, options.wrapper, logger));
}

/** A key file wrapped by basic_text (no real protection) becomes a plain one; refusing it would lock the user out of their data. */
async function unwrapLegacyKeyFile(dataDir: string, legacy: Pick<SecretWrapper, 'decrypt'>): Promise<void> {
  const path = join(dataDir, KEY_FILE_NAME);
  const file = await readKeyFile(path);
  if (file === null || !file.wrapped) return;
  let raw: Buffer;
  try {
    raw = legacy.decrypt(Buffer.from(file.key, 'base64'));
  } catch {
    return; // not basic_text's: openExisting says the store it needs is unavailable
  }
  await replaceFile(path, encodeKeyFile(decodeKey(raw, path), null));
}

function parseEnvKey(value: string): Buffer {
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : Buffer.alloc(0);
  if (key.length !== KEY_BYTES) {
    throw new KeyProviderError(`${DATA_KEY_ENV} must be the base64 encoding of exactly ${KEY_BYTES} random bytes (e.g. openssl rand -base64 32)`);
  }
  return key;
}

async function loadOrCreateKeyFile(dataDir: string, wrapper: SecretWrapper | null, logger: KeyProviderLogger): Promise<Buffer> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, KEY_FILE_NAME);
  const existing = await readKeyFile(path);
  if (existing !== null) return openExisting(path, existing, wrapper, logger);

  const key = randomBytes(KEY_BYTES);
  const created = await createExclusively(path, encodeKeyFile(key, wrapper));
  if (created) return key;
  // Another process created the file between our read and our link: use its key, not ours.
  const theirs = await readKeyFile(path);
  if (theirs === null) throw new KeyProviderError(`The key file ${path} vanished while it was being created`);
  return openExisting(path, theirs, wrapper, logger);
}

async function openExisting(path: string, file: KeyFile, wrapper: SecretWrapper | null, logger: KeyProviderLogger): Promise<Buffer> {
  await tightenPermissions(path, logger);
  if (!file.wrapped) {
    const key = decodeKey(Buffer.from(file.key, 'base64'), path);
    // The OS store became available (e.g. first run happened without a keyring daemon): wrap now.
    if (wrapper !== null) await replaceFile(path, encodeKeyFile(key, wrapper));
    return key;
  }
  if (wrapper === null) {
    throw new KeyProviderError(
      `The key file ${path} is protected by the OS secret store, which is unavailable now; ` +
        'unlock the keyring (or run as the user who created it) and try again.',
    );
  }
  let raw: Buffer;
  try {
    raw = wrapper.decrypt(Buffer.from(file.key, 'base64'));
  } catch {
    throw new KeyProviderError(`The OS secret store could not unwrap the key file ${path} (created by another user or machine?)`);
  }
  return decodeKey(raw, path);
}

function decodeKey(raw: Buffer, path: string): Buffer {
  if (raw.length !== KEY_BYTES) throw new KeyProviderError(`The key file ${path} is damaged: it does not hold a ${KEY_BYTES}-byte key`);
  return raw;
}

function encodeKeyFile(key: Buffer, wrapper: SecretWrapper | null): string {
  const file: KeyFile =
    wrapper === null ? { v: 1, wrapped: false, key: key.toString('base64') } : { v: 1, wrapped: true, key: wrapper.encrypt(key).toString('base64') };
  return `${JSON.stringify(file)}\n`;
}

async function readKeyFile(path: string): Promise<KeyFile | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KeyProviderError(`The key file ${path} is damaged (not valid JSON); restore it from a backup`);
  }
  if (!isKeyFile(parsed)) throw new KeyProviderError(`The key file ${path} is damaged or of an unknown version; restore it from a backup`);
  return parsed;
}

function isKeyFile(value: unknown): value is KeyFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.v === 1 && typeof v.wrapped === 'boolean' && typeof v.key === 'string';
}

/**
 * Writes a temp file (0600) and hard-links it into place: link fails if the target exists, so of
 * two processes creating the key at once exactly one wins and the other reads the winner's key
 * (a rename would let the second silently replace a key the first already used). The content
 * is complete before the name appears, so a crash never leaves a half-written key file.
 */
async function createExclusively(path: string, content: string): Promise<boolean> {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, content, { mode: 0o600, flag: 'wx', flush: true });
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

/** Atomic replacement of an existing key file with the same key in another form (wrapping). */
async function replaceFile(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, content, { mode: 0o600, flag: 'wx', flush: true });
  await rename(temp, path);
}

/** A key file readable by group or others (copied around, restored from a backup) is narrowed back to 0600. */
async function tightenPermissions(path: string, logger: KeyProviderLogger): Promise<void> {
  if (process.platform === 'win32') return; // POSIX modes mean little there; the profile folder's ACL protects it
  const { mode } = await stat(path);
  if ((mode & 0o077) !== 0) {
    await chmod(path, 0o600);
    logger.warn(`The data key file ${path} was readable by other users; its permissions were reset to 0600.`);
  }
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
