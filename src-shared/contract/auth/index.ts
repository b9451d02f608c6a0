import { z } from 'zod';
import { ALL_STAFF, PARTNER_ROLES, type Role, type StaffRole } from '../roles';
import { mutation, query } from '../procedure';
import { anyPassword, currency, email, id, newPassword, personName, workspaceName } from '../fields';
import { invitations } from './invitations';

export type { Invitation } from './invitations';

export interface WorkspaceSummary {
  id: string;
  name: string;
  currency: string;
  role: StaffRole;
}

export interface SessionInfo {
  user: { id: string; name: string; email: string; kind: 'staff' | 'partner' };
  tenant: { id: string; name: string; currency: string };
  role: Role;
  workspaces: WorkspaceSummary[];
  /** When the session ends if nothing happens (idle limit), ISO date-time. */
  idleExpiresAt: string;
  absoluteExpiresAt: string;
  /** An admin-set or reset password: the user must choose their own before anything else. */
  mustChangePassword: boolean;
}

export const auth = {
  'auth.setupStatus': query(z.object({}).strict()).returns<{ needsSetup: boolean }>(
    'public',
    'Whether this instance still needs its first workspace and admin.',
  ),
  'auth.setup': mutation(
    z
      .object({
        workspaceName,
        currency,
        adminName: personName,
        adminEmail: email,
        password: newPassword,
        /** Printed on the console at start; the desktop window's transport supplies it itself. */
        setupCode: z.string().trim().max(40, 'The set-up code is at most 40 characters').optional(),
      })
      .strict(),
  ).effects('auth', 'workspaces', 'staff', 'activity').returns<SessionInfo>('public', 'Creates the first workspace and its admin; refused once any workspace exists.'),
  'auth.signIn': mutation(z.object({ email, password: anyPassword }).strict()).effects('auth', 'staff', 'activity').returns<SessionInfo>(
    'public',
    'Signs a staff user in; throttled per account and audited.',
  ),
  'auth.signOut': mutation(z.object({}).strict()).effects('auth', 'activity').returns<{ signedOut: true }>('signed_in', 'Ends the current session.'),
  'auth.session': query(z.object({}).strict()).returns<SessionInfo | null>(
    'public',
    'The current session, or null when signed out or expired.',
  ),
  'auth.switchWorkspace': mutation(z.object({ tenantId: id }).strict()).effects('auth', 'activity').returns<SessionInfo>(
    'signed_in',
    'Moves the session to another workspace the user belongs to.',
  ),
  // Staff and portal users alike (each changes their own); declared after auth.signIn (the role matrix runs in this order).
  'auth.changePassword': mutation(z.object({ currentPassword: anyPassword, newPassword }).strict()).effects('auth', 'staff', 'portal', 'activity').returns<SessionInfo>(
    [...ALL_STAFF, ...PARTNER_ROLES],
    "Changes the signed-in user's password; ends their other sessions.",
  ),
  ...invitations,
} as const;
