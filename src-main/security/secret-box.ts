import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { AppError } from '../../src-shared/contract/errors';

/*
 * Authenticated encryption for small secrets at rest (banking details): AES-256-GCM, a fresh
 * random 96-bit IV per value (the size GCM is designed for; random IVs are safe far beyond the
 * number of values one workspace will ever encrypt under a key).
 *
 * Envelope: `v1:<keyId>:<iv b64>:<tag b64>:<ciphertext b64>`, one string that fits a text column
 * in SQLite and Postgres alike. The version allows a future scheme; the key id lets old values
 * be read after a key rotation (the keyring holds old keys). The header "v1:<keyId>" and the
 * optional context (e.g. "partner:<id>:banking") are authenticated as AAD: a value copied into
 * another row, or relabelled with another key id, fails to decrypt instead of being accepted.
 */

export const ENVELOPE_VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface DataKey {
  /** Non-secret fingerprint of the key, stored in every envelope. */
  readonly id: string;
  readonly key: Buffer;
}

/** Looks keys up by id; a Map<string, Buffer> is one. */
export interface Keyring {
  get(keyId: string): Buffer | undefined;
}

/** What a caller is told when a sealed value will not open; `reason` says why, for the operator. */
export const CANNOT_OPEN_MESSAGE = "The banking details cannot be opened with this server's data key";

/**
 * Any failure of the box: an envelope that will not open (malformed, unknown key, tampered), or
 * misuse when sealing. Never includes key material. An AppError so that a wrong key reaches the
 * caller as `unavailable` with a message that names the key, not as the generic internal error:
 * every call that opens banking details fails the same way until the right key is configured,
 * and the operator needs to know that is what is wrong.
 */
export class SecretBoxError extends AppError {
  /** The technical cause without the caller-facing preamble (for logs and tools such as rotate-key). */
  readonly reason: string;
  constructor(reason: string, kind: 'open' | 'seal' = 'open') {
    super(kind === 'open' ? 'unavailable' : 'internal', kind === 'open' ? `${CANNOT_OPEN_MESSAGE}: ${reason}` : reason);
    this.name = 'SecretBoxError';
    this.reason = reason;
  }
}

/**
 * A key id that identifies the key without revealing anything about it: an HMAC under the key
 * of a fixed label (a "key check value"), 16 hex characters. Deterministic, so the same key read
 * from env or file always gets the same id.
 */
export function keyIdOf(key: Buffer): string {
  assertKey(key);
  return createHmac('sha256', key).update('partnerdesk key id v1').digest('hex').slice(0, 16);
}

export function dataKeyFrom(key: Buffer): DataKey {
  return { id: keyIdOf(key), key };
}

export function keyringOf(...keys: DataKey[]): Keyring {
  return new Map(keys.map((k) => [k.id, k.key]));
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new SecretBoxError(`A data key must be ${KEY_BYTES} bytes, got ${key.length}`, 'seal');
}

function aadFor(keyId: string, context: string): Buffer {
  // NUL separates header and context so that no choice of context can imitate another header.
  return Buffer.from(`${ENVELOPE_VERSION}:${keyId}\u0000${context}`, 'utf8');
}

export function encryptJson(value: unknown, key: DataKey, context = ''): string {
  assertKey(key.key);
  const json = JSON.stringify(value);
  if (json === undefined) throw new SecretBoxError('Only JSON-serialisable values can be encrypted', 'seal');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aadFor(key.id, context));
  const ciphertext = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [ENVELOPE_VERSION, key.id, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join(':');
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodePart(part: string, what: string, expectedLength?: number): Buffer {
  if (!B64.test(part)) throw new SecretBoxError(`Malformed encrypted value (${what})`);
  const bytes = Buffer.from(part, 'base64');
  if (expectedLength !== undefined && bytes.length !== expectedLength) throw new SecretBoxError(`Malformed encrypted value (${what})`);
  return bytes;
}

/** The value encrypted by encryptJson; throws SecretBoxError on any doubt. The caller vouches for T. */
export function decryptJson<T = unknown>(envelope: string, keyring: Keyring, context = ''): T {
  const parts = envelope.split(':');
  if (parts.length !== 5) throw new SecretBoxError('Malformed encrypted value');
  const [version, keyId, ivPart, tagPart, dataPart] = parts as [string, string, string, string, string];
  if (version !== ENVELOPE_VERSION) throw new SecretBoxError(`Unsupported encryption version ${JSON.stringify(version.slice(0, 8))}`);
  const key = keyring.get(keyId);
  if (key === undefined) throw new SecretBoxError(`No data key with id ${JSON.stringify(keyId.slice(0, 32))} is available`);
  assertKey(key);
  const iv = decodePart(ivPart, 'iv', IV_BYTES);
  const tag = decodePart(tagPart, 'tag', TAG_BYTES);
  const data = decodePart(dataPart, 'ciphertext');

  let plaintext: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aadFor(keyId, context));
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    // GCM does not say why; it is a wrong key, a wrong context or altered bytes, all the same to us.
    throw new SecretBoxError('Encrypted value failed authentication: it was altered, or belongs to another key or record');
  }
  return JSON.parse(plaintext) as T;
}
