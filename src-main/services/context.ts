import type { Database } from '../data/database';
import type { KeyProvider } from '../security/key-provider';
import type { DocumentBlobStore } from '../files/document-store';
import type { PartnerRole, StaffRole } from '../../src-shared/contract/roles';

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

/** The two kinds of user a session can belong to (sessions.user_kind). */
export type UserKind = 'staff' | 'partner';

interface SessionBase {
  sessionId: string;
  userId: string;
  userName: string;
  email: string;
  tenantId: string;
  lastSeenAt: Date;
  absoluteExpiresAt: Date;
  /** An admin-set or reset password not yet replaced: dispatch allows only the password change (and sign-out) until it is. */
  mustChangePassword: boolean;
}

/** A staff user in one of their workspaces, with their role there. */
export interface StaffSession extends SessionBase {
  userKind: 'staff';
  role: StaffRole;
  partnerId: null;
}

/** A partner (portal) user: the tenant is their partner's, and every call is about that partner. */
export interface PartnerSession extends SessionBase {
  userKind: 'partner';
  role: PartnerRole;
  partnerId: string;
}

/**
 * A resolved, valid session: the only source of tenant and actor for every call. Narrow on
 * `userKind` (not on a cast of `role`) where a rule holds for one kind of user only.
 */
export type ActiveSession = StaffSession | PartnerSession;

export function actorOf(session: ActiveSession): Actor {
  return { type: session.userKind === 'staff' ? 'staff' : 'partner_user', id: session.userId, name: session.userName };
}

export const SYSTEM_TENANT = '_system';
