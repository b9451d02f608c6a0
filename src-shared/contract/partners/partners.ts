import { z } from 'zod';
import { ALL_STAFF, type StaffRole } from '../roles';
import { mutation, query, type Procedure } from '../procedure';
import { cursor, id } from '../fields';
import {
  address,
  byId,
  commercialTerms,
  contact,
  country,
  legalName,
  optionalNote,
  optionalLine,
  partnerCode,
  payoutMethod,
  taxId,
  withNote,
  withReason,
} from './fields';
import { KYC_STATUSES, PARTNER_SORT_FIELDS, PARTNER_STATUSES, PARTNER_TIERS, PARTNER_TYPES, type PartnerAction } from './values';
import { PARTNER_TRANSITIONS } from './transitions';
import type { Partner, PartnerPage } from './types';

/** The partner itself: profile, terms, status workflow, soft delete (services/partners/partners.ts). */

const ADMIN: readonly StaffRole[] = ['admin'];

const partnerFields = {
  type: z.enum(PARTNER_TYPES, { error: 'Choose portal, channel partner, vendor or customer' }),
  code: partnerCode,
  legalName,
  /** Defaults to the legal name when left empty. */
  displayName: optionalLine(120, 'Display name'),
  contact,
  address: address.prefault({}),
  country,
  taxId,
  terms: commercialTerms,
  payoutMethod: payoutMethod.default('bank_transfer'),
};

export const createPartnerInput = z.object(partnerFields).strict();

/** Status and banking change only through their own procedures, so that each is audited as such. */
export const updatePartnerInput = z
  .object({
    id,
    type: partnerFields.type.optional(),
    code: partnerFields.code,
    legalName: legalName.optional(),
    displayName: partnerFields.displayName,
    contact: contact.optional(),
    address: address.optional(),
    country: country.optional(),
    taxId,
    terms: commercialTerms.optional(),
    payoutMethod: payoutMethod.optional(),
  })
  .strict();

export const listPartnersInput = z
  .object({
    type: z.enum(PARTNER_TYPES).optional(),
    status: z.enum(PARTNER_STATUSES).optional(),
    tier: z.enum(PARTNER_TIERS).optional(),
    kycStatus: z.enum(KYC_STATUSES).optional(),
    /** Matches code, legal name, display name and contact email, case-insensitively. */
    q: z
      .string()
      .trim()
      .max(100, 'Search text must be at most 100 characters')
      .optional()
      .transform((v) => (v === '' ? undefined : v)),
    sort: z
      .object({
        field: z.enum(PARTNER_SORT_FIELDS, { error: 'Unknown sort field' }),
        direction: z.enum(['asc', 'desc']).default('asc'),
      })
      .strict()
      .default({ field: 'createdAt', direction: 'desc' }),
    /** The page after this one's `nextCursor`; the cursor belongs to the same filters and sort. */
    cursor,
    limit: z.number().int().min(1, 'Limit must be at least 1').max(100, 'At most 100 rows per page').default(50),
  })
  .strict();

type StatusInput<A extends PartnerAction> = (typeof PARTNER_TRANSITIONS)[A]['reasonRequired'] extends true
  ? typeof withReason
  : typeof withNote;

/** A status procedure: its input (reason or optional note) and its roles come from the transition table. */
function statusAction<A extends PartnerAction>(action: A, doc: string): Procedure<StatusInput<A>, Partner> {
  const rule = PARTNER_TRANSITIONS[action];
  const input = rule.reasonRequired ? withReason : withNote;
  // The conditional type cannot be narrowed from the run-time branch; the table decides both.
  return mutation(input).effects('partners', 'activity').returns<Partner>(rule.roles, doc) as Procedure<StatusInput<A>, Partner>;
}

export const partnerProcedures = {
  'partners.list': query(listPartnersInput).returns<PartnerPage>(
    ALL_STAFF,
    'Partners of the current workspace, filtered, searched, sorted and paged (deleted ones excluded).',
  ),
  'partners.get': query(byId).returns<Partner>(ALL_STAFF, 'One partner with terms, masked banking, KYC summary and the actions the caller may take.'),
  'partners.create': mutation(createPartnerInput)
    .effects('partners', 'activity')
    .returns<Partner>(ADMIN, 'Creates a partner in status pending; generates its code (e.g. CP-0042) when none is given.'),
  'partners.update': mutation(updatePartnerInput)
    .effects('partners', 'activity')
    .returns<Partner>(ADMIN, "Changes a partner's profile, contact, address and commercial terms (not its status or banking)."),
  'partners.approve': statusAction('approve', 'pending → active; refused when the workspace requires verified KYC and it is not.'),
  'partners.reject': statusAction('reject', 'pending → rejected, with a reason.'),
  'partners.suspend': statusAction('suspend', 'active → suspended, with a reason.'),
  'partners.deactivate': statusAction('deactivate', 'active or suspended → inactive, with a reason.'),
  'partners.reinstate': statusAction('reinstate', 'suspended or inactive → active.'),
  'partners.reapply': statusAction('reapply', 'rejected → pending (a re-application).'),
  'partners.delete': mutation(z.object({ id, reason: optionalNote }).strict())
    .effects('partners', 'activity')
    .returns<{ deleted: true }>(ADMIN, 'Soft-deletes a partner: gone from lists, kept for the audit trail.'),
} as const;
