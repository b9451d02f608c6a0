import { z } from 'zod';
import { ALL_STAFF, PARTNER_ROLES, type StaffRole } from '../roles';
import { mutation, query } from '../procedure';
import { email, id, newPassword, personName } from '../fields';
import { byId, optionalNote } from './fields';
import type { PartnerInvite, PartnerUser, PartnerUserCreated } from './types';

/** A partner's portal users (services/partners/users.ts). */

const ADMIN: readonly StaffRole[] = ['admin'];

/** A credential is either set now, or the user sets it through an invite link. */
const partnerUserCredential = z.discriminatedUnion(
  'mode',
  [z.object({ mode: z.literal('password'), password: newPassword }).strict(), z.object({ mode: z.literal('invite') }).strict()],
  { error: 'Choose a password or an invite' },
);

const partnerRole = z.enum(PARTNER_ROLES, { error: 'Choose admin, lead manager or viewer' });

// ---------------------------------------------------------------------------------------------
// Procedures

export const userProcedures = {
  'partners.users.list': query(z.object({ partnerId: id }).strict()).returns<PartnerUser[]>(ALL_STAFF, "A partner's portal users."),
  'partners.users.create': mutation(
    z.object({ partnerId: id, name: personName, email, role: partnerRole, credential: partnerUserCredential }).strict(),
  )
    .effects('partners', 'activity')
    .returns<PartnerUserCreated>(ADMIN, 'Adds a portal user with a password, or as invited with a one-time invite token.'),
  'partners.users.update': mutation(
    z.object({ id, name: personName.optional(), email: email.optional(), role: partnerRole.optional() }).strict(),
  )
    .effects('partners', 'activity')
    .returns<PartnerUser>(ADMIN, "Changes a portal user's name, email (unique per workspace) or role."),
  'partners.users.deactivate': mutation(z.object({ id, reason: optionalNote }).strict())
    .effects('partners', 'activity')
    .returns<PartnerUser>(ADMIN, 'Deactivates a portal user (never deleted) and ends its sessions.'),
  'partners.users.createInvite': mutation(byId)
    .effects('partners', 'activity')
    .returns<PartnerInvite>(ADMIN, 'Issues a new one-time invite token for a portal user, replacing any earlier one.'),
} as const;
