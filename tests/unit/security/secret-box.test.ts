import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dataKeyFrom, decryptJson, encryptJson, keyIdOf, keyringOf, SecretBoxError } from '../../../src-main/security/secret-box';

const key = dataKeyFrom(randomBytes(32));
const other = dataKeyFrom(randomBytes(32));
const value = { method: 'iban', iban: 'DE89370400440532013000', holder: 'Ünïcødé GmbH' };

/** Flips one bit in the base64 part at `index` of the envelope. */
function flip(envelope: string, index: number): string {
  const parts = envelope.split(':');
  const bytes = Buffer.from(parts[index] ?? '', 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[index] = bytes.toString('base64');
  return parts.join(':');
}

describe('secret box', () => {
  it('round-trips JSON values', () => {
    const envelope = encryptJson(value, key);
    expect(decryptJson(envelope, keyringOf(key))).toEqual(value);
    for (const v of [null, 0, 'x', [1, 2], { nested: { a: true } }]) {
      expect(decryptJson(encryptJson(v, key), keyringOf(key))).toEqual(v);
    }
  });

  it('writes a versioned envelope with the key id and never the plaintext', () => {
    const envelope = encryptJson(value, key);
    const parts = envelope.split(':');
    expect(parts).toHaveLength(5);
    expect(parts[0]).toBe('v1');
    expect(parts[1]).toBe(key.id);
    expect(Buffer.from(parts[2] ?? '', 'base64')).toHaveLength(12);
    expect(Buffer.from(parts[3] ?? '', 'base64')).toHaveLength(16);
    expect(envelope).not.toContain('DE89');
    expect(envelope).not.toContain(key.key.toString('base64'));
  });

  it('uses a fresh IV every time', () => {
    const a = encryptJson(value, key);
    const b = encryptJson(value, key);
    expect(a).not.toBe(b);
    expect(a.split(':')[2]).not.toBe(b.split(':')[2]);
  });

  it('derives a stable, non-revealing key id', () => {
    expect(keyIdOf(key.key)).toBe(key.id);
    expect(key.id).toMatch(/^[0-9a-f]{16}$/);
    expect(key.id).not.toBe(other.id);
    expect(key.key.toString('hex')).not.toContain(key.id);
  });

  it.each([
    ['iv', 2],
    ['tag', 3],
    ['ciphertext', 4],
  ])('detects a flipped bit in the %s', (_what, index) => {
    const envelope = encryptJson(value, key);
    expect(() => decryptJson(flip(envelope, index), keyringOf(key))).toThrow(SecretBoxError);
  });

  it('detects a truncated or malformed envelope', () => {
    const envelope = encryptJson(value, key);
    const parts = envelope.split(':');
    expect(() => decryptJson(envelope.slice(0, -4), keyringOf(key))).toThrow(SecretBoxError);
    expect(() => decryptJson(parts.slice(0, 4).join(':'), keyringOf(key))).toThrow(SecretBoxError);
    expect(() => decryptJson(['v2', ...parts.slice(1)].join(':'), keyringOf(key))).toThrow(/Unsupported encryption version/);
    expect(() => decryptJson([...parts.slice(0, 2), 'AAAA', ...parts.slice(3)].join(':'), keyringOf(key))).toThrow(SecretBoxError);
    expect(() => decryptJson([...parts.slice(0, 4), 'not base64!'].join(':'), keyringOf(key))).toThrow(SecretBoxError);
  });

  it('refuses a keyring without the key', () => {
    const envelope = encryptJson(value, key);
    expect(() => decryptJson(envelope, keyringOf(other))).toThrow(/No data key with id/);
  });

  it('refuses the wrong key even under the right id', () => {
    const envelope = encryptJson(value, key);
    const lying = new Map([[key.id, other.key]]);
    expect(() => decryptJson(envelope, lying)).toThrow(/failed authentication/);
  });

  it('refuses a relabelled key id (the header is authenticated)', () => {
    const envelope = encryptJson(value, key);
    const parts = envelope.split(':');
    const relabelled = ['v1', other.id, ...parts.slice(2)].join(':');
    const ring = new Map([
      [key.id, key.key],
      [other.id, key.key], // even when that id maps to the same key bytes
    ]);
    expect(() => decryptJson(relabelled, ring)).toThrow(/failed authentication/);
  });

  it('binds a value to its context (no copying between rows)', () => {
    const envelope = encryptJson(value, key, 'partner:p1:banking');
    expect(decryptJson(envelope, keyringOf(key), 'partner:p1:banking')).toEqual(value);
    expect(() => decryptJson(envelope, keyringOf(key), 'partner:p2:banking')).toThrow(SecretBoxError);
    expect(() => decryptJson(envelope, keyringOf(key))).toThrow(SecretBoxError);
  });

  it('decrypts values of older keys through the keyring (rotation)', () => {
    const old = encryptJson(value, other);
    expect(decryptJson(old, keyringOf(key, other))).toEqual(value);
  });

  it('refuses keys of the wrong size and non-JSON values', () => {
    expect(() => dataKeyFrom(randomBytes(16))).toThrow(/32 bytes/);
    expect(() => encryptJson(undefined, key)).toThrow(SecretBoxError);
  });
});
