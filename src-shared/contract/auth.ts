import { z } from 'zod';
import { ALL_STAFF, type Role, type StaffRole } from './roles';
import { mutation, query } from './procedure';
import { anyPassword, currency, email, id, newPassword, personName, workspaceName } from './fields';

export interface WorkspaceSummary {
  id: string;
  name: string;
  currency: string;
  role: StaffRole;
}

export interface WorkspaceSettings {
  /** Partners can be approved only when their KYC is verified. */
  approvalNeedsVerifiedKyc: boolean;
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
  ).returns<SessionInfo>('public', 'Creates the first workspace and its admin; refused once any workspace exists.'),
  'auth.signIn': mutation(z.object({ email, password: anyPassword }).strict()).returns<SessionInfo>(
    'public',
    'Signs a staff user in; throttled per account and audited.',
  ),
  'auth.signOut': mutation(z.object({}).strict()).returns<{ signedOut: true }>('signed_in', 'Ends the current session.'),
  'auth.session': query(z.object({}).strict()).returns<SessionInfo | null>(
    'public',
    'The current session, or null when signed out or expired.',
  ),
  'auth.switchWorkspace': mutation(z.object({ tenantId: id }).strict()).returns<SessionInfo>(
    'signed_in',
    'Moves the session to another workspace the user belongs to.',
  ),
} as const;

export const workspaces = {
  'workspaces.list': query(z.object({}).strict()).returns<WorkspaceSummary[]>(
    ALL_STAFF,
    'The workspaces the signed-in staff user belongs to.',
  ),
  'workspaces.settings': query(z.object({}).strict()).returns<WorkspaceSettings>(
    ALL_STAFF,
    "The current workspace's settings.",
  ),
  'workspaces.updateSettings': mutation(z.object({ approvalNeedsVerifiedKyc: z.boolean({ error: 'Expected yes or no' }) }).strict()).returns<WorkspaceSettings>(
    ['admin'],
    "Changes the current workspace's settings (audited).",
  ),
  'workspaces.create': mutation(z.object({ name: workspaceName, currency }).strict()).returns<WorkspaceSummary>(
    ['admin'],
    'Creates a further workspace; its creator becomes its admin.',
  ),
} as const;
