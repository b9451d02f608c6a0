import type { PartnerRole } from '../roles';
import type { MaskedBanking } from './banking-fields';
import type { ActionOption } from '../action-option';
import type {
  CommissionModel,
  DocumentAction,
  DocumentMimeType,
  DocumentState,
  KycDocumentKind,
  KycStatus,
  PartnerAction,
  PartnerOperation,
  PartnerStatus,
  PartnerTier,
  PartnerType,
  PartnerUserAction,
  PartnerUserStatus,
  PayoutMethod,
} from './values';

/** What the partner procedures return. */

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
  /**
   * The status actions the workflow allows from the current status (transition table) that the
   * caller's role may take, each enabled or disabled with the reason (e.g. approval waiting for
   * verified KYC). Computed by the server for the caller (domain/partners/partner-actions.ts).
   */
  actions: ActionOption<PartnerAction>[];
  /** Same pattern for the other state-dependent procedures (KYC sign-off and rejection, banking re-verification). */
  operations: ActionOption<PartnerOperation>[];
}

export interface PartnerPage {
  rows: PartnerSummary[];
  /** Rows matching the filters and search, over all pages. */
  total: number;
  /** False only when a search shorter than 3 characters was counted up to a cap: `total` is then "at least". */
  totalExact: boolean;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
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
  /** Computed by the domain for the workspace's today; the UI shows it as is. */
  state: DocumentState;
  /** What the caller may do with this document now (same pattern as `Partner.actions`). */
  actions: ActionOption<DocumentAction>[];
}

export interface PartnerDocumentContent {
  document: PartnerDocument;
  contentBase64: string;
}


export interface PartnerUser {
  id: string;
  partnerId: string;
  name: string;
  email: string;
  role: PartnerRole;
  status: PartnerUserStatus;
  lastLoginAt: string | null;
  createdAt: string;
  /** What the caller may do with this user now (same pattern as `Partner.actions`). */
  actions: ActionOption<PartnerUserAction>[];
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
