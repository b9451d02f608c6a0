import { z } from 'zod';
import type { StaffRole } from '../roles';
import { mutation } from '../procedure';
import { id } from '../fields';
import { byId, optionalNote } from './fields';
import { bankingDetails, type BankingDetails } from './banking-fields';
import type { Partner } from './types';

/** Sealed banking details and the hold after a change (services/partners/banking.ts). */

const ADMIN: readonly StaffRole[] = ['admin'];
/** Unmasked banking details: only the people who pay (finance) or administer (admin). */
const BANKING_READERS: readonly StaffRole[] = ['admin', 'finance'];

export const bankingProcedures = {
  'partners.banking.set': mutation(z.object({ id, details: bankingDetails }).strict())
    .effects('partners', 'activity')
    .returns<Partner>(ADMIN, "Replaces a partner's banking details (encrypted at rest); puts unpaid payouts on hold until re-verified."),
  'partners.banking.verify': mutation(byId)
    .effects('partners', 'activity')
    .returns<Partner>(ADMIN, "Confirms a partner's current banking details after a change, lifting the hold on its unpaid payouts."),
  'partners.banking.reveal': mutation(z.object({ id, reason: optionalNote }).strict())
    .effects('activity')
    .returns<BankingDetails>(BANKING_READERS, "Shows a partner's unmasked banking details; every reveal is audited (hence a mutation)."),
} as const;
