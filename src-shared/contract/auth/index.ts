import { z } from 'zod';
import type { Role, StaffRole } from '../roles';
import { mutation, query } from '../procedure';
import { anyPassword, currency, email, id, newPassword, personName, workspaceName } from '../fields';

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
} as const;
