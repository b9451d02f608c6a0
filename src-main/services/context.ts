import type { Database } from '../data/database';
import type { KeyProvider } from '../security/key-provider';
import type { DocumentBlobStore } from '../files/document-store';
import type { Role } from '../../src-shared/contract/roles';

/** What every service is built with; tests pass a fixed clock and id source where it matters. */
export interface ServiceDeps {
  database: Database;
  clock: () => Date;
  newId: () => string;
  /** Folder for the SQLite file, document files and the key file. */
  dataDir: string;
  /** The data key that seals banking details. */
  keys: KeyProvider;
  /** KYC document bytes: files in dataDir (SQLite) or a table (Postgres, shared by a team). */
  blobs: DocumentBlobStore;
}

export interface Actor {
  type: 'staff' | 'partner_user' | 'system' | 'anonymous';
  id: string | null;
  name: string | null;
}

/** A resolved, valid session: the only source of tenant and actor for every call. */
export interface ActiveSession {
  sessionId: string;
  userKind: 'staff' | 'partner';
  userId: string;
  userName: string;
  email: string;
  tenantId: string;
  role: Role;
  lastSeenAt: Date;
  absoluteExpiresAt: Date;
}

export function actorOf(session: ActiveSession): Actor {
  return { type: session.userKind === 'staff' ? 'staff' : 'partner_user', id: session.userId, name: session.userName };
}

export const SYSTEM_TENANT = '_system';
