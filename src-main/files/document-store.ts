import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/*
 * KYC documents stored by content: the name of a blob is the SHA-256 of its bytes, so an upload
 * stored twice is stored once, a database row pins exactly the bytes that were reviewed, and any
 * change to a stored file (disk fault, someone editing the data folder) is caught on read.
 * The store knows nothing about partners or tenants: rows in the data layer reference blobs.
 */

export interface StoredBlob {
  /** Lower-case hex. */
  sha256: string;
  size: number;
}

export interface DocumentBlobStore {
  /** Idempotent: storing the same bytes again returns the same address and writes nothing new. */
  put(bytes: Uint8Array): Promise<StoredBlob>;
  /** The bytes, checked against their address; DocumentIntegrityError when they no longer match. */
  get(sha256: string): Promise<Buffer>;
}

/** The stored bytes are not the bytes that were stored: never serve them. */
export class DocumentIntegrityError extends Error {
  readonly expectedSha256: string;
  readonly actualSha256: string;
  constructor(expectedSha256: string, actualSha256: string) {
    super(`Stored document ${expectedSha256} is corrupted or was altered (its content hashes to ${actualSha256})`);
    this.name = 'DocumentIntegrityError';
    this.expectedSha256 = expectedSha256;
    this.actualSha256 = actualSha256;
  }
}

export class DocumentNotFoundError extends Error {
  readonly sha256: string;
  constructor(sha256: string) {
    super(`No stored document ${sha256}`);
    this.name = 'DocumentNotFoundError';
    this.sha256 = sha256;
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Also the guard against path traversal: only 64 hex digits ever reach a file path. */
export function assertSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new RangeError('A document address must be 64 lower-case hex digits');
}

/** Files under <dataDir>/documents/<first 2 hex>/<sha256>; the fan-out keeps directories small. */
export function createFsDocumentStore(dataDir: string): DocumentBlobStore {
  const root = join(dataDir, 'documents');
  const pathOf = (sha256: string) => join(root, sha256.slice(0, 2), sha256);

  async function readVerified(sha256: string): Promise<Buffer | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(pathOf(sha256));
    } catch (error) {
      if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT') return null;
      throw error;
    }
    const actual = sha256Hex(bytes);
    if (actual !== sha256) throw new DocumentIntegrityError(sha256, actual);
    return bytes;
  }

  return {
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      const stored: StoredBlob = { sha256, size: bytes.byteLength };
      try {
        if ((await readVerified(sha256)) !== null) return stored;
      } catch (error) {
        // A damaged copy under this name is replaced by the good bytes we hold (self-healing).
        if (!(error instanceof DocumentIntegrityError)) throw error;
      }
      const dir = join(root, sha256.slice(0, 2));
      await mkdir(dir, { recursive: true, mode: 0o700 });
      // Temp file in the same directory, then rename: readers see the whole file or none, and
      // two concurrent puts of the same bytes both end with identical content under the name.
      const temp = join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await writeFile(temp, bytes, { mode: 0o600, flag: 'wx', flush: true });
        await rename(temp, pathOf(sha256));
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return stored;
    },

    async get(sha256) {
      assertSha256(sha256);
      const bytes = await readVerified(sha256);
      if (bytes === null) throw new DocumentNotFoundError(sha256);
      return bytes;
    },
  };
}
