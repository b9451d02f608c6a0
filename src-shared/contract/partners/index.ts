import { defineContract } from '../procedure';
import { bankingProcedures } from './banking';
import { documentProcedures } from './documents';
import { kycProcedures } from './kyc';
import { partnerProcedures } from './partners';
import { userProcedures } from './users';

/*
 * Partner onboarding: partners, their KYC documents and banking details, and their portal users,
 * one file per service file (a procedure `partners.<sub>.<verb>` lives in `<sub>.ts` here and in
 * src-main/services/partners/<sub>.ts). Imported by the renderer too, so free of Node modules.
 */
export const partners = defineContract(partnerProcedures, bankingProcedures, kycProcedures, documentProcedures, userProcedures);

export * from './values';
export * from './fields';
export * from './banking-fields';
export * from './transitions';
export type * from './types';
export { createPartnerInput, listPartnersInput, updatePartnerInput } from './partners';
export { uploadDocumentInput } from './documents';
