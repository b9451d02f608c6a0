import { z } from 'zod';
import { PARTNER_ROLES, type PartnerRole } from '../roles';
import { mutation, query } from '../procedure';
import { cursor, email, id, newPassword, personName } from '../fields';
import { bankingDetails } from '../partners/banking-fields';
import { payoutMethod } from '../partners/fields';
import type { PartnerUser, PartnerUserCreated } from '../partners/types';
import { API_KEY_SCOPES, type ApiKey, type ApiKeyCreated, type PortalBanking, type PortalHome, type PortalNotifications, type PortalPayoutDetail, type PortalPayoutPage } from './types';

/**
 * What a partner user does in the portal beyond the shared lead, credit and payout procedures
 * (leads.submit, leads.list, credits.request, payouts.request, payouts.statement, ...). The
 * partner is always the session's: no input names it.
 */

const ANY_PARTNER_USER: readonly PartnerRole[] = PARTNER_ROLES;
const PARTNER_ADMIN: readonly PartnerRole[] = ['partner_admin'];

const partnerRole = z.enum(PARTNER_ROLES, { error: 'Choose admin, lead manager or viewer' });
const keyName = z.string().trim().min(1, 'Name the key, e.g. "CRM sync"').max(80, 'At most 80 characters');

export const portalProcedures = {
  'portal.home': query(z.object({}).strict()).returns<PortalHome>(ANY_PARTNER_USER, "The partner's home: this month's leads against the quota, approval and conversion rates, balance and the last 12 months."),
  'portal.notifications': query(z.object({}).strict()).returns<PortalNotifications>(ANY_PARTNER_USER, "Decisions on the partner's leads, credits and payouts, newest first; those since the user's last visit are new."),
  'portal.markNotificationsSeen': mutation(z.object({}).strict())
    .effects('portal', 'activity')
    .returns<{ seenAt: string }>(ANY_PARTNER_USER, 'Marks every notification up to now as seen for the signed-in user.'),
  'portal.payouts': query(z.object({ cursor, limit: z.number().int().min(1).max(200).default(50) }).strict()).returns<PortalPayoutPage>(ANY_PARTNER_USER, "The partner's payouts, newest first, in keyset pages."),
  'portal.payout': query(z.object({ id }).strict()).returns<PortalPayoutDetail>(ANY_PARTNER_USER, 'One of the partner’s payouts with its lines, their statuses and the notes of rejected lines.'),
  'portal.banking': query(z.object({}).strict()).returns<PortalBanking>(ANY_PARTNER_USER, "The partner's payout method and masked banking details, and whether a change has put payouts on hold."),
  'portal.setBanking': mutation(z.object({ details: bankingDetails, payoutMethod: payoutMethod.optional() }).strict())
    .effects('portal', 'partners', 'payouts', 'activity')
    .returns<PortalBanking>(PARTNER_ADMIN, "Replaces the partner's banking details (encrypted at rest) and, if given, its payout method; unpaid payouts are held until staff re-verify them."),
  'portal.team.list': query(z.object({}).strict()).returns<PartnerUser[]>(PARTNER_ADMIN, "The partner's portal users."),
  'portal.team.invite': mutation(z.object({ name: personName, email, role: partnerRole }).strict())
    .effects('portal', 'partners', 'activity')
    .returns<PartnerUserCreated>(PARTNER_ADMIN, 'Invites a colleague: a portal user with a one-time invite link to set their password.'),
  'portal.team.changeRole': mutation(z.object({ id, role: partnerRole }).strict())
    .effects('portal', 'partners', 'auth', 'activity')
    .returns<PartnerUser>(PARTNER_ADMIN, "Changes a colleague's portal role (not one's own); their sessions pick it up at once."),
  'portal.team.deactivate': mutation(z.object({ id }).strict())
    .effects('portal', 'partners', 'auth', 'activity')
    .returns<PartnerUser>(PARTNER_ADMIN, "Deactivates a colleague (not oneself) and ends their sessions at once."),
  'portal.team.resetPassword': mutation(z.object({ id, password: newPassword }).strict())
    .effects('portal', 'partners', 'auth', 'activity')
    .returns<PartnerUser>(PARTNER_ADMIN, "Sets a colleague's temporary password, to be changed at their next sign-in; ends their sessions."),
  'portal.apiKeys.list': query(z.object({}).strict()).returns<ApiKey[]>(PARTNER_ADMIN, "The partner's API keys, revoked ones included, newest first."),
  'portal.apiKeys.create': mutation(
    z
      .object({
        name: keyName,
        scopes: z
          .array(z.enum(API_KEY_SCOPES, { error: 'Unknown scope' }))
          .min(1, 'Choose at least one scope')
          .max(API_KEY_SCOPES.length)
          .refine((s) => new Set(s).size === s.length, 'Each scope once'),
      })
      .strict(),
  )
    .effects('portal', 'activity')
    .returns<ApiKeyCreated>(PARTNER_ADMIN, 'Creates an API key for an integration; its secret is shown in this answer only.'),
  'portal.apiKeys.revoke': mutation(z.object({ id }).strict())
    .effects('portal', 'activity')
    .returns<ApiKey>(PARTNER_ADMIN, 'Revokes an API key at once: every later call with it is refused.'),
} as const;
