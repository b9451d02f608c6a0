import { z } from 'zod';
import { mutation, query } from '../procedure';
import { id } from '../fields';
import { ALL_STAFF, type StaffRole } from '../roles';
import type { SessionInfo } from './index';

/** A workspace that added the signed-in user's e-mail and waits for them to accept. */
export interface Invitation {
  tenantId: string;
  workspaceName: string;
  role: StaffRole;
  invitedAt: string;
}

/**
 * Staff identities are global: a workspace that adds an e-mail with an account elsewhere only
 * invites it, and the user accepts or declines at their next sign-in. Portal users have none (staff roles only).
 */
export const invitations = {
  'auth.invitations': query(z.object({}).strict()).returns<Invitation[]>(ALL_STAFF, 'Workspaces that invited the signed-in staff user and wait for an answer.'),
  'auth.acceptInvitation': mutation(z.object({ tenantId: id }).strict()).effects('auth', 'staff', 'workspaces', 'activity').returns<SessionInfo>(
    ALL_STAFF,
    "Accepts a workspace's invitation; the workspace joins the user's list (the session stays where it is).",
  ),
  'auth.declineInvitation': mutation(z.object({ tenantId: id }).strict()).effects('auth', 'staff', 'activity').returns<{ declined: true }>(
    ALL_STAFF,
    "Declines a workspace's invitation; the membership it offered is removed.",
  ),
} as const;
