import { z } from 'zod';
import { ALL_STAFF, type StaffRole } from '../roles';
import { mutation, query } from '../procedure';
import { email, id, newPassword, personName, staffRole } from '../fields';

/**
 * A member as this workspace sees them. Identities are global, so until the user has accepted
 * (an invitation, or a new account's first sign-in) `name` is what this workspace's admin typed,
 * and `lastLoginAt` is the last sign-in into this workspace only.
 */
export interface StaffMember {
  userId: string;
  name: string;
  email: string;
  role: StaffRole;
  disabled: boolean;
  /** Not accepted yet: invited, or a new account that has not signed in. */
  invited: boolean;
  lastLoginAt: string | null;
  addedAt: string;
}

export const staff = {
  'staff.list': query(z.object({}).strict()).returns<StaffMember[]>(ALL_STAFF, 'Staff of the current workspace.'),
  'staff.add': mutation(z.object({ name: personName, email, role: staffRole, password: newPassword }).strict()).effects('staff', 'activity').returns<StaffMember>(
    ['admin'],
    'Adds a staff user to the current workspace: a new account with an initial password, or an invitation to an existing one (the same answer).',
  ),
  'staff.changeRole': mutation(z.object({ userId: id, role: staffRole }).strict()).effects('staff', 'auth', 'activity').returns<StaffMember>(
    ['admin'],
    "Changes a staff user's role in the current workspace.",
  ),
  'staff.disable': mutation(z.object({ userId: id }).strict()).effects('staff', 'activity').returns<StaffMember>(
    ['admin'],
    "Disables a staff user in the current workspace and ends the user's sessions there.",
  ),
  'staff.resetPassword': mutation(z.object({ userId: id, temporaryPassword: newPassword }).strict()).effects('staff', 'auth', 'activity').returns<{ userId: string; mustChangePassword: true }>(
    ['admin'],
    'Sets a one-time password the user must replace at the next sign-in, and ends their sessions; refused when they also work in another workspace.',
  ),
  'staff.unlock': mutation(z.object({ userId: id }).strict()).effects('staff', 'activity').returns<{ userId: string; wasLocked: boolean }>(
    ['admin'],
    "Lifts the sign-in pause of a staff user's account after failed attempts.",
  ),
  'staff.enable': mutation(z.object({ userId: id }).strict()).effects('staff', 'activity').returns<StaffMember>(['admin'], 'Re-enables a disabled staff user.'),
} as const;
