import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFsDocumentStore, DocumentIntegrityError, DocumentNotFoundError } from '../../../src-main/files/document-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pd-docs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = Buffer.from('%PDF-1.7 a signed agreement');
const sha = createHash('sha256').update(bytes).digest('hex');
const pathOf = (s: string) => join(dir, 'documents', s.slice(0, 2), s);

describe('filesystem document store', () => {
  it('stores by SHA-256 under documents/<first2>/<sha256> and reads back', async () => {
    const store = createFsDocumentStore(dir);
    expect(await store.put(bytes)).toEqual({ sha256: sha, size: bytes.length });
    expect((await readFile(pathOf(sha))).equals(bytes)).toBe(true);
    expect((await store.get(sha)).equals(bytes)).toBe(true);
    if (process.platform !== 'win32') expect((await stat(pathOf(sha))).mode & 0o777).toBe(0o600);
  });

  it('is idempotent and leaves no temp files', async () => {
    const store = createFsDocumentStore(dir);
    const a = await store.put(bytes);
    const { mtimeMs } = await stat(pathOf(sha));
    const [b, c] = await Promise.all([store.put(Buffer.from(bytes)), store.put(new Uint8Array(bytes))]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect((await stat(pathOf(sha))).mtimeMs).toBe(mtimeMs);
    expect(await readdir(join(dir, 'documents', sha.slice(0, 2)))).toEqual([sha]);
  });

  it('detects a file altered on disk', async () => {
    const store = createFsDocumentStore(dir);
    await store.put(bytes);
    await writeFile(pathOf(sha), Buffer.from('%PDF-1.7 a forged agreement'));
    const error = await store.get(sha).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentIntegrityError);
    expect((error as DocumentIntegrityError).expectedSha256).toBe(sha);
  });

  it('repairs a damaged copy when the same bytes are put again', async () => {
    const store = createFsDocumentStore(dir);
    await store.put(bytes);
    await writeFile(pathOf(sha), 'junk');
    await store.put(bytes);
    expect((await store.get(sha)).equals(bytes)).toBe(true);
  });

  it('reports missing blobs and refuses addresses that are not hashes', async () => {
    const store = createFsDocumentStore(dir);
    await expect(store.get('0'.repeat(64))).rejects.toBeInstanceOf(DocumentNotFoundError);
    await expect(store.get('../../secret.key')).rejects.toThrow(RangeError);
    await expect(store.get(sha.toUpperCase())).rejects.toThrow(RangeError);
  });

  it('stores empty content too (the size rule belongs to the upload check)', async () => {
    const store = createFsDocumentStore(dir);
    const empty = await store.put(new Uint8Array());
    expect(empty.size).toBe(0);
    expect(await store.get(empty.sha256)).toHaveLength(0);
  });
});
