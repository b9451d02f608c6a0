import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { log } from '../log';

/**
 * On every start, the data folder (database, key file, documents, audit checkpoint) becomes
 * 0700 and the document folder too, however an earlier version, an installer or a restored
 * backup left them: a folder only its owner can enter keeps every file in it from other users,
 * whatever the files' own modes. The database files themselves are tightened when SQLite opens
 * them (engines/sqlite.ts), the key file by the key provider.
 */
export function secureDataFolder(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return; // POSIX modes mean little there; the profile folder's ACL protects it
  for (const dir of [dataDir, join(dataDir, 'documents')]) {
    if (!existsSync(dir)) continue;
    try {
      chmodSync(dir, 0o700);
    } catch (error) {
      // Someone else's folder (chmod needs ownership): say so rather than refuse to start.
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
      log.warn(`could not restrict ${dir} to its owner (it belongs to another user): other users may read it`);
    }
  }
}
