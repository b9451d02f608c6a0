import { z } from 'zod';
import { electronicFormatIBAN, getCountrySpecifications, validateBIC, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { ALL_STAFF, PARTNER_ROLES, type PartnerRole, type StaffRole } from './roles';
import { mutation, query } from './procedure';
import { email, id, newPassword, personName } from './fields';

/*
 * Partner onboarding: partners, their KYC documents and banking details, and their portal users.
 * This file is imported by the renderer too, so it must stay free of Node modules (ibantools is
 * plain JS). The pure rules (transition table, KYC derivation, codes, masking) live in
 * src-main/domain/partners and import the constants below, so there is one list of each.
 */

// ---------------------------------------------------------------------------------------------
// Closed value sets
// ---------------------------------------------------------------------------------------------

export const PARTNER_TYPES = ['portal', 'channel_partner', 'vendor', 'customer'] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export const PARTNER_STATUSES = ['pending', 'active', 'suspended', 'inactive', 'rejected'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export const PARTNER_ACTIONS = ['approve', 'reject', 'suspend', 'deactivate', 'reinstate', 'reapply'] as const;
export type PartnerAction = (typeof PARTNER_ACTIONS)[number];

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

/** The documents accepted as uploads: content is sniffed, never trusted from the name. */
export const DOCUMENT_MIME_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type DocumentMimeType = (typeof DOCUMENT_MIME_TYPES)[number];

/** 20 MiB: enough for a scanned multi-page PDF, small enough to hold in memory for hashing. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
/** Base64 grows 4/3; the schema refuses over-long strings before anything decodes them. */
export const MAX_DOCUMENT_BASE64_CHARS = Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4;

export const PARTNER_SORT_FIELDS = ['code', 'legalName', 'displayName', 'status', 'kycStatus', 'tier', 'country', 'createdAt', 'updatedAt'] as const;
export type PartnerSortField = (typeof PARTNER_SORT_FIELDS)[number];

/** Who decides partner status changes; src-main's transition table holds the same lists (a test ties them). */
const STATUS_DECIDERS: readonly StaffRole[] = ['admin', 'manager'];
/** Unmasked banking details: only the people who pay (finance) or administer (admin). */
const BANKING_READERS: readonly StaffRole[] = ['admin', 'finance'];
/** Identity scans and bank proofs are personal data: the read-only viewer role sees the list, not the content. */
const DOCUMENT_READERS: readonly StaffRole[] = ['admin', 'manager', 'finance'];
const ADMIN: readonly StaffRole[] = ['admin'];

// ---------------------------------------------------------------------------------------------
// Field schemas
// ---------------------------------------------------------------------------------------------

/** ISO 3166-1 alpha-2 codes; ibantools carries the list, which keeps the renderer free of extra data. */
const COUNTRY_CODES: ReadonlySet<string> = new Set(Object.keys(getCountrySpecifications()));

export const country = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => COUNTRY_CODES.has(c), 'Unknown country: use an ISO 3166 two-letter code such as DE or US');

/** Letters and digits in groups joined by single hyphens, e.g. CP-0042 or ACME-EU. */
export const PARTNER_CODE_PATTERN = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;

/** Empty means "generate one for me" (PO/CP/VE/CU-nnnn); the service makes the code unique per tenant. */
export const partnerCode = z
  .string()
  .trim()
  .toUpperCase()
  .max(32, 'Code must be at most 32 characters')
  .refine((c) => c === '' || PARTNER_CODE_PATTERN.test(c), 'Code may contain letters, digits and single hyphens, e.g. CP-0042')
  .optional()
  .transform((c) => (c === '' ? undefined : c));

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

export const legalName = z
  .string()
  .trim()
  .min(1, 'Legal name is required')
  .max(200, 'Legal name must be at most 200 characters');

/** Loose on purpose: partners are worldwide; leads normalise phones to E.164, contacts only need to be dialable. */
export const phone = z
  .string()
  .trim()
  .refine((v) => v === '' || /^\+?[0-9][0-9 ()./-]{4,24}$/.test(v), 'Enter a phone number such as +44 20 7946 0958')
  .optional()
  .transform((v) => (v === '' ? undefined : v));

export const taxId = z
  .string()
  .trim()
  .toUpperCase()
  .max(40, 'Tax ID must be at most 40 characters')
  .refine((v) => v === '' || /^[A-Z0-9][A-Z0-9 ./-]*$/.test(v), 'Tax ID may contain letters, digits, spaces, dots, slashes and hyphens')
  .optional()
  .transform((v) => (v === '' ? undefined : v));

export const reason = z.string().trim().min(1, 'A reason is required').max(1000, 'Reason must be at most 1000 characters');
export const optionalNote = optionalText(1000, 'Note');

/** Calendar date (YYYY-MM-DD), e.g. a document's expiry: a day, not an instant, so no time zone. */
export const isoDate = z.iso.date({ error: 'Expected a date such as 2026-12-31' });

export const contact = z
  .object({
    name: personName,
    email,
    phone,
  })
  .strict();

export const address = z
  .object({
    line1: optionalText(200, 'Address line 1'),
    line2: optionalText(200, 'Address line 2'),
    city: optionalText(100, 'City'),
    postalCode: optionalText(20, 'Postal code'),
    region: optionalText(100, 'Region'),
  })
  .strict();

/** Basis points: 1500 = 15%. */
export const rateBp = z
  .number({ error: 'Rate must be a number' })
  .int('Rate must be a whole number of basis points (1% = 100)')
  .min(0, 'Rate must be between 0% and 100%')
  .max(10_000, 'Rate must be between 0% and 100%');

/** Integer minor units (cents); the upper bound keeps sums far from Number.MAX_SAFE_INTEGER. */
export const amountMinor = z
  .number({ error: 'Amount must be a number' })
  .int('Amount must be in whole cents (minor units)')
  .min(0, 'Amount cannot be negative')
  .max(1_000_000_000_000, 'Amount is too large');

/**
 * Commercial terms, flat so that one form edits them. A model ignores the other model's field:
 * the domain's normaliseCommercialTerms() zeroes it so that stored terms never suggest a fee
 * that is not applied (switching model in a form must not leave a stale rate behind).
 */
export const commercialTerms = z
  .object({
    commissionModel: z.enum(COMMISSION_MODELS, { error: 'Choose percentage, fixed or hybrid' }),
    rateBp: rateBp.default(0),
    fixedPriceMinor: amountMinor.default(0),
    tier: z.enum(PARTNER_TIERS, { error: 'Choose bronze, silver, gold or platinum' }).default('bronze'),
    monthlyLeadQuota: z
      .number({ error: 'Quota must be a number' })
      .int('Quota must be a whole number')
      .min(0, 'Quota cannot be negative (0 means no limit)')
      .max(1_000_000, 'Quota is too large')
      .default(0),
  })
  .strict();

export const payoutMethod = z.enum(PAYOUT_METHODS, { error: 'Choose bank transfer, PayPal, check or wire' });

// ---------------------------------------------------------------------------------------------
// Banking details
// ---------------------------------------------------------------------------------------------

const IBAN_MESSAGES: Partial<Record<ValidationErrorsIBAN, string>> = {
  [ValidationErrorsIBAN.NoIBANProvided]: 'IBAN is required',
  [ValidationErrorsIBAN.NoIBANCountry]: 'This country does not use IBANs: use account number and routing code instead',
  [ValidationErrorsIBAN.WrongBBANLength]: 'IBAN has the wrong length for its country',
  [ValidationErrorsIBAN.WrongBBANFormat]: 'IBAN format is not valid for its country',
  [ValidationErrorsIBAN.ChecksumNotNumber]: 'Invalid IBAN checksum',
  [ValidationErrorsIBAN.WrongIBANChecksum]: 'Invalid IBAN checksum',
  [ValidationErrorsIBAN.WrongAccountBankBranchChecksum]: 'Invalid IBAN checksum (account or branch check digits)',
  [ValidationErrorsIBAN.QRIBANNotAllowed]: 'QR-IBANs cannot receive payouts',
};

/** Accepts the printed form ("DE89 3704 0044 ...") and yields the electronic one ("DE8937040044..."). */
export const iban = z
  .string({ error: 'IBAN is required' })
  .transform((v) => electronicFormatIBAN(v) ?? '')
  .superRefine((v, ctx) => {
    if (v === '') {
      ctx.addIssue({ code: 'custom', message: 'IBAN is required' });
      return;
    }
    // QR-IBANs are for Swiss QR bills (incoming payments with reference), not for credit transfers.
    const result = validateIBAN(v, { allowQRIBAN: false });
    if (result.valid) return;
    // The length/format error is the most useful one to show: a checksum over a truncated IBAN is noise.
    const first = result.errorCodes[0];
    ctx.addIssue({ code: 'custom', message: (first !== undefined && IBAN_MESSAGES[first]) || 'Invalid IBAN' });
  });

export const bic = z
  .string({ error: 'BIC is required' })
  .transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .refine((v) => v !== '', 'BIC is required')
  .refine((v) => v === '' || validateBIC(v).valid, 'Invalid BIC/SWIFT code: 8 or 11 characters, e.g. DEUTDEFF or DEUTDEFF500');

const optionalBic = z
  .string()
  .transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .refine((v) => v === '' || validateBIC(v).valid, 'Invalid BIC/SWIFT code: 8 or 11 characters, e.g. DEUTDEFF or DEUTDEFF500')
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const accountHolder = z
  .string({ error: 'Account holder is required' })
  .trim()
  .min(1, 'Account holder is required')
  .max(140, 'Account holder must be at most 140 characters'); // 140: the ISO 20022 name limit

const bankName = z
  .string({ error: 'Bank name is required' })
  .trim()
  .min(1, 'Bank name is required')
  .max(140, 'Bank name must be at most 140 characters');

/** Spaces and hyphens are how people write account numbers; they are not part of the number. */
const compact = (v: string) => v.replace(/[\s-]+/g, '').toUpperCase();

export const accountNumber = z
  .string({ error: 'Account number is required' })
  .transform(compact)
  .refine((v) => v !== '', 'Account number is required')
  .refine((v) => v === '' || /^[A-Z0-9]{4,34}$/.test(v), 'Account number must be 4 to 34 letters or digits');

/** ABA routing number, sort code, BSB, IFSC, transit number…: too many national formats to check one. */
export const routingCode = z
  .string({ error: 'Routing code is required' })
  .transform(compact)
  .refine((v) => v !== '', 'Routing code is required')
  .refine((v) => v === '' || /^[A-Z0-9]{3,15}$/.test(v), 'Routing code must be 3 to 15 letters or digits');

export const bankingDetails = z.discriminatedUnion(
  'method',
  [
    z.object({ method: z.literal('iban'), accountHolder, bankName, iban, bic }).strict(),
    z.object({ method: z.literal('account_number'), accountHolder, bankName, accountNumber, routingCode, bic: optionalBic }).strict(),
    z.object({ method: z.literal('paypal'), paypalEmail: email }).strict(),
  ],
  { error: 'Choose IBAN, account number or PayPal' },
);
/** Validated, normalised banking details: what is encrypted at rest and shown on explicit reveal. */
export type BankingDetails = z.output<typeof bankingDetails>;
export type BankingDetailsInput = z.input<typeof bankingDetails>;

/** What everyone else sees: enough to recognise the account, not enough to use it. */
export interface MaskedBanking {
  method: BankingMethod;
  /** Last four characters of the IBAN or account number; null for PayPal. */
  last4: string | null;
  holder: string | null;
  bankName: string | null;
  /** A ready-to-show line, e.g. "IBAN •••• 4300" or "PayPal j•••@example.com". */
  display: string;
}

// ---------------------------------------------------------------------------------------------
// Output types
// ---------------------------------------------------------------------------------------------

export interface CommercialTerms {
  commissionModel: CommissionModel;
  rateBp: number;
  fixedPriceMinor: number;
  tier: PartnerTier;
  /** 0 = no quota. */
  monthlyLeadQuota: number;
}

export interface PartnerContact {
  name: string;
  email: string;
  phone: string | null;
}

export interface PartnerAddress {
  line1: string | null;
  line2: string | null;
  city: string | null;
  postalCode: string | null;
  region: string | null;
}

export interface ActorRef {
  id: string;
  name: string;
}

/** One row of the partner list. */
export interface PartnerSummary {
  id: string;
  code: string;
  type: PartnerType;
  legalName: string;
  displayName: string;
  status: PartnerStatus;
  kycStatus: KycStatus;
  tier: PartnerTier;
  country: string;
  contactEmail: string;
  createdAt: string;
  updatedAt: string;
}

export interface PartnerKycSummary {
  status: KycStatus;
  /** Required document kinds with no usable document, for the "what is missing" hint. */
  missing: KycDocumentKind[];
  expired: KycDocumentKind[];
  rejected: KycDocumentKind[];
  awaitingReview: KycDocumentKind[];
  decidedAt: string | null;
  decidedBy: ActorRef | null;
}

export interface Partner extends PartnerSummary {
  contact: PartnerContact;
  address: PartnerAddress;
  taxId: string | null;
  terms: CommercialTerms;
  payoutMethod: PayoutMethod;
  banking: MaskedBanking | null;
  /** Set when banking changed and an admin has not re-verified it: unpaid payouts are on hold meanwhile. */
  bankingOnHold: boolean;
  bankingVerifiedAt: string | null;
  kyc: PartnerKycSummary;
  /** The reason given with the last status change (reject, suspend, deactivate), if any. */
  statusReason: string | null;
  statusChangedAt: string | null;
  /** The status actions the workflow allows now (from the domain transition table), for the action buttons. */
  availableActions: PartnerAction[];
}

export interface PartnerPage {
  rows: PartnerSummary[];
  total: number;
}

export interface PartnerDocument {
  id: string;
  partnerId: string;
  kind: KycDocumentKind;
  fileName: string;
  mimeType: DocumentMimeType;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: ActorRef | null;
  verifiedAt: string | null;
  verifiedBy: ActorRef | null;
  rejectedAt: string | null;
  rejectedBy: ActorRef | null;
  rejectionReason: string | null;
  /** YYYY-MM-DD; the document counts as expired from the next day on. */
  expiresOn: string | null;
}

export interface PartnerDocumentContent {
  document: PartnerDocument;
  contentBase64: string;
}

export const PARTNER_USER_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type PartnerUserStatus = (typeof PARTNER_USER_STATUSES)[number];

export interface PartnerUser {
  id: string;
  partnerId: string;
  name: string;
  email: string;
  role: PartnerRole;
  status: PartnerUserStatus;
  lastLoginAt: string | null;
  createdAt: string;
}

/** The token is shown once to the admin who passes it on; only its hash is stored. */
export interface PartnerInvite {
  userId: string;
  token: string;
  expiresAt: string;
}

export interface PartnerUserCreated {
  user: PartnerUser;
  invite: PartnerInvite | null;
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

const partnerFields = {
  type: z.enum(PARTNER_TYPES, { error: 'Choose portal, channel partner, vendor or customer' }),
  code: partnerCode,
  legalName,
  /** Defaults to the legal name when left empty. */
  displayName: optionalText(120, 'Display name'),
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
    offset: z.number().int().min(0, 'Offset cannot be negative').default(0),
    limit: z.number().int().min(1, 'Limit must be at least 1').max(100, 'At most 100 rows per page').default(50),
  })
  .strict();

const byId = z.object({ id }).strict();
const withReason = z.object({ id, reason }).strict();
const withNote = z.object({ id, note: optionalNote }).strict();

export const uploadDocumentInput = z
  .object({
    partnerId: id,
    kind: z.enum(KYC_DOCUMENT_KINDS, { error: 'Choose tax form, identity, bank proof or agreement' }),
    /** Only a label: the type is sniffed from the content, the name is sanitised before storing. */
    fileName: z.string().trim().min(1, 'File name is required').max(255, 'File name must be at most 255 characters'),
    contentBase64: z
      .string()
      .min(1, 'The file is empty')
      .max(MAX_DOCUMENT_BASE64_CHARS, 'File must be at most 20 MiB')
      .pipe(z.base64({ error: 'File content is not valid base64' })),
    /** Must not be in the past (checked by the service, which knows the tenant's today). */
    expiresOn: isoDate.optional(),
  })
  .strict();

/** A credential is either set now, or the user sets it through an invite link. */
const partnerUserCredential = z.discriminatedUnion(
  'mode',
  [z.object({ mode: z.literal('password'), password: newPassword }).strict(), z.object({ mode: z.literal('invite') }).strict()],
  { error: 'Choose a password or an invite' },
);

const partnerRole = z.enum(PARTNER_ROLES, { error: 'Choose admin, lead manager or viewer' });

// ---------------------------------------------------------------------------------------------
// Procedures
// ---------------------------------------------------------------------------------------------

export const partners = {
  'partners.list': query(listPartnersInput).returns<PartnerPage>(
    ALL_STAFF,
    'Partners of the current workspace, filtered, searched, sorted and paged (deleted ones excluded).',
  ),
  'partners.get': query(byId).returns<Partner>(ALL_STAFF, 'One partner with terms, masked banking and KYC summary.'),
  'partners.create': mutation(createPartnerInput).returns<Partner>(
    ADMIN,
    'Creates a partner in status pending; generates its code (e.g. CP-0042) when none is given.',
  ),
  'partners.update': mutation(updatePartnerInput).returns<Partner>(
    ADMIN,
    "Changes a partner's profile, contact, address and commercial terms (not its status or banking).",
  ),
  'partners.approve': mutation(withNote).returns<Partner>(
    STATUS_DECIDERS,
    'pending → active; refused when the workspace requires verified KYC and it is not.',
  ),
  'partners.reject': mutation(withReason).returns<Partner>(STATUS_DECIDERS, 'pending → rejected, with a reason.'),
  'partners.suspend': mutation(withReason).returns<Partner>(STATUS_DECIDERS, 'active → suspended, with a reason.'),
  'partners.deactivate': mutation(withReason).returns<Partner>(
    STATUS_DECIDERS,
    'active or suspended → inactive, with a reason.',
  ),
  'partners.reinstate': mutation(withNote).returns<Partner>(STATUS_DECIDERS, 'suspended or inactive → active.'),
  'partners.reapply': mutation(withNote).returns<Partner>(STATUS_DECIDERS, 'rejected → pending (a re-application).'),
  'partners.delete': mutation(z.object({ id, reason: optionalNote }).strict()).returns<{ deleted: true }>(
    ADMIN,
    'Soft-deletes a partner: gone from lists, kept for the audit trail.',
  ),
  'partners.banking.set': mutation(z.object({ id, details: bankingDetails }).strict()).returns<Partner>(
    ADMIN,
    "Replaces a partner's banking details (encrypted at rest); puts unpaid payouts on hold until re-verified.",
  ),
  'partners.banking.verify': mutation(byId).returns<Partner>(
    ADMIN,
    "Confirms a partner's current banking details after a change, lifting the hold on its unpaid payouts.",
  ),
  'partners.banking.reveal': mutation(z.object({ id, reason: optionalNote }).strict()).returns<BankingDetails>(
    BANKING_READERS,
    "Shows a partner's unmasked banking details; every reveal is audited (hence a mutation).",
  ),
  'partners.kyc.verify': mutation(withNote).returns<Partner>(
    ADMIN,
    "Records the reviewer's KYC sign-off; effective only while every required document is verified and current.",
  ),
  'partners.kyc.reject': mutation(withReason).returns<Partner>(
    ADMIN,
    "Rejects a partner's KYC as a whole, with a reason; a new upload puts it back under review.",
  ),
  'partners.documents.list': query(z.object({ partnerId: id }).strict()).returns<PartnerDocument[]>(
    ALL_STAFF,
    "A partner's KYC documents (metadata only), newest first.",
  ),
  'partners.documents.upload': mutation(uploadDocumentInput).returns<PartnerDocument>(
    ADMIN,
    'Uploads a KYC document (PDF, PNG or JPEG, at most 20 MiB), stored by its SHA-256.',
  ),
  'partners.documents.get': query(byId).returns<PartnerDocumentContent>(
    DOCUMENT_READERS,
    "A document's metadata and content for preview; the content is checked against its SHA-256.",
  ),
  'partners.documents.verify': mutation(z.object({ id, expiresOn: isoDate.optional() }).strict()).returns<PartnerDocument>(
    ADMIN,
    'Marks a document verified (optionally setting its expiry date).',
  ),
  'partners.documents.reject': mutation(withReason).returns<PartnerDocument>(ADMIN, 'Rejects a document, with a reason the partner sees.'),
} as const;

export const partnerUsers = {
  'partners.users.list': query(z.object({ partnerId: id }).strict()).returns<PartnerUser[]>(ALL_STAFF, "A partner's portal users."),
  'partners.users.create': mutation(
    z.object({ partnerId: id, name: personName, email, role: partnerRole, credential: partnerUserCredential }).strict(),
  ).returns<PartnerUserCreated>(ADMIN, 'Adds a portal user with a password, or as invited with a one-time invite token.'),
  'partners.users.update': mutation(
    z.object({ id, name: personName.optional(), email: email.optional(), role: partnerRole.optional() }).strict(),
  ).returns<PartnerUser>(ADMIN, "Changes a portal user's name, email (unique per workspace) or role."),
  'partners.users.deactivate': mutation(z.object({ id, reason: optionalNote }).strict()).returns<PartnerUser>(
    ADMIN,
    'Deactivates a portal user (never deleted) and ends its sessions.',
  ),
  'partners.users.createInvite': mutation(byId).returns<PartnerInvite>(
    ADMIN,
    'Issues a new one-time invite token for a portal user, replacing any earlier one.',
  ),
} as const;
