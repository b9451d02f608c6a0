/** Closed value sets of the partner domain: one list of each, shared by contract, domain and UI. */

export const PARTNER_TYPES = ['portal', 'channel_partner', 'vendor', 'customer'] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export const PARTNER_STATUSES = ['pending', 'active', 'suspended', 'inactive', 'rejected'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export const PARTNER_ACTIONS = ['approve', 'reject', 'suspend', 'deactivate', 'reinstate', 'reapply'] as const;
export type PartnerAction = (typeof PARTNER_ACTIONS)[number];

/**
 * The partner's operations whose availability depends on its state, other than status changes
 * (those are PARTNER_ACTIONS), by procedure name: offered in `Partner.operations`.
 */
export const PARTNER_OPERATIONS = ['partners.kyc.verify', 'partners.kyc.reject', 'partners.banking.verify'] as const;
export type PartnerOperation = (typeof PARTNER_OPERATIONS)[number];

export const KYC_STATUSES = ['not_started', 'submitted', 'verified', 'rejected', 'expired'] as const;
export type KycStatus = (typeof KYC_STATUSES)[number];

export const KYC_DOCUMENT_KINDS = ['tax_form', 'identity', 'bank_proof', 'agreement'] as const;
export type KycDocumentKind = (typeof KYC_DOCUMENT_KINDS)[number];

export const COMMISSION_MODELS = ['percentage', 'fixed', 'hybrid'] as const;
export type CommissionModel = (typeof COMMISSION_MODELS)[number];

export const PARTNER_TIERS = ['bronze', 'silver', 'gold', 'platinum'] as const;
export type PartnerTier = (typeof PARTNER_TIERS)[number];

export const PAYOUT_METHODS = ['bank_transfer', 'paypal', 'check', 'wire'] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

/** How banking details identify the account; distinct from the payout method the partner chose. */
export const BANKING_METHODS = ['iban', 'account_number', 'paypal'] as const;
export type BankingMethod = (typeof BANKING_METHODS)[number];

/** A KYC document's state, computed by the domain (expired: its expiry day is past, whatever its review). */
export const DOCUMENT_STATES = ['pending', 'verified', 'rejected', 'expired'] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];

/** What may be done with one document, by procedure name: offered in `PartnerDocument.actions`. */
export const DOCUMENT_ACTIONS = ['partners.documents.verify', 'partners.documents.reject'] as const;
export type DocumentAction = (typeof DOCUMENT_ACTIONS)[number];

/** The documents accepted as uploads: content is sniffed, never trusted from the name. */
export const DOCUMENT_MIME_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type DocumentMimeType = (typeof DOCUMENT_MIME_TYPES)[number];

/** 20 MiB: enough for a scanned multi-page PDF, small enough to hold in memory for hashing. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
/** Base64 grows 4/3; the schema refuses over-long strings before anything decodes them. */
export const MAX_DOCUMENT_BASE64_CHARS = Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4;

/** The list's sorts: the columns the screen offers, each with its index (schema/partners.ts). */
export const PARTNER_SORT_FIELDS = ['code', 'legalName', 'status', 'kycStatus', 'tier', 'country', 'createdAt'] as const;
export type PartnerSortField = (typeof PARTNER_SORT_FIELDS)[number];

export const PARTNER_USER_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type PartnerUserStatus = (typeof PARTNER_USER_STATUSES)[number];

/** What may be done with one portal user, by procedure name: offered in `PartnerUser.actions`. */
export const PARTNER_USER_ACTIONS = ['partners.users.update', 'partners.users.createInvite', 'partners.users.deactivate'] as const;
export type PartnerUserAction = (typeof PARTNER_USER_ACTIONS)[number];
