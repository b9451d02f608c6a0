import type { StaffRole } from '../roles';
import { mutation } from '../procedure';
import { withNote, withReason } from './fields';
import type { Partner } from './types';

/** The reviewer's decision on a partner's KYC as a whole (services/partners/kyc.ts). */

const ADMIN: readonly StaffRole[] = ['admin'];

export const kycProcedures = {
  'partners.kyc.verify': mutation(withNote)
    .effects('partners', 'activity')
    .returns<Partner>(ADMIN, "Records the reviewer's KYC sign-off; effective only while every required document is verified and current."),
  'partners.kyc.reject': mutation(withReason)
    .effects('partners', 'activity')
    .returns<Partner>(ADMIN, "Rejects a partner's KYC as a whole, with a reason; a new upload puts it back under review."),
} as const;
