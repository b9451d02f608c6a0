import { eq } from 'drizzle-orm';
import type { Database } from '../data/database';
import { assertSha256, DocumentIntegrityError, DocumentNotFoundError, sha256Hex, type DocumentBlobStore } from './document-store';

/**
 * Team mode keeps document bytes in Postgres (document_blobs), so every desktop sharing the
 * database sees the same files; same content addressing and read-time check as the file store.
 */
export function createTableDocumentStore(database: Database): DocumentBlobStore {
  const blobs = database.t.documentBlobs;
  return {
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      await database.write((tx) =>
        tx.insert(blobs).values({ sha256, size: bytes.length, content: Buffer.from(bytes) }).onConflictDoNothing(),
      );
      return { sha256, size: bytes.length };
    },
    async get(sha256) {
      assertSha256(sha256);
      const [row] = await database.db.select().from(blobs).where(eq(blobs.sha256, sha256));
      if (!row) throw new DocumentNotFoundError(sha256);
      const content = Buffer.from(row.content);
      const actual = sha256Hex(content);
      if (actual !== sha256) throw new DocumentIntegrityError(sha256, actual);
      return content;
    },
  };
}
