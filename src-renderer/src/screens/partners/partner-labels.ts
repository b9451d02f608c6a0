import { getCountrySpecifications } from 'ibantools';
import {
  BANKING_METHODS,
  COMMISSION_MODELS,
  KYC_DOCUMENT_KINDS,
  KYC_STATUSES,
  PARTNER_STATUSES,
  PARTNER_TIERS,
  PARTNER_TYPES,
  PAYOUT_METHODS,
  type BankingMethod,
  type CommissionModel,
  type KycDocumentKind,
  type KycStatus,
  type PartnerAction,
  type DocumentState,
  type PartnerStatus,
  type PartnerTier,
  type PartnerType,
  type PartnerUserStatus,
  type PayoutMethod,
} from '@shared/contract/partners';
import type { PartnerRole } from '@shared/contract/roles';

export const TYPE_LABEL: Record<PartnerType, string> = {
  portal: 'Portal',
  channel_partner: 'Channel partner',
  vendor: 'Vendor',
  customer: 'Customer',
};

export const STATUS_LABEL: Record<PartnerStatus, string> = {
  pending: 'Pending',
  active: 'Active',
  suspended: 'Suspended',
  inactive: 'Inactive',
  rejected: 'Rejected',
};

/** The alert colour for the reason kept with a status, for the statuses shown with theirs (a refusal or a restriction); null: not shown. */
export const STATUS_REASON_COLOR: Record<PartnerStatus, string | null> = {
  pending: null,
  active: null,
  suspended: 'orange',
  inactive: 'gray',
  rejected: 'gray',
};

export const STATUS_COLOR: Record<PartnerStatus, string> = {
  pending: 'yellow',
  active: 'green',
  suspended: 'orange',
  inactive: 'gray',
  rejected: 'red',
};

export const KYC_LABEL: Record<KycStatus, string> = {
  not_started: 'Not started',
  submitted: 'Submitted',
  verified: 'Verified',
  rejected: 'Rejected',
  expired: 'Expired',
};

export const KYC_COLOR: Record<KycStatus, string> = {
  not_started: 'gray',
  submitted: 'blue',
  verified: 'green',
  rejected: 'red',
  expired: 'orange',
};

export const TIER_LABEL: Record<PartnerTier, string> = { bronze: 'Bronze', silver: 'Silver', gold: 'Gold', platinum: 'Platinum' };

export const MODEL_LABEL: Record<CommissionModel, string> = { percentage: 'Percentage', fixed: 'Fixed', hybrid: 'Hybrid' };
export const MODEL_HINT: Record<CommissionModel, string> = {
  percentage: 'A rate on the converted deal value',
  fixed: 'A fixed price per approved lead',
  hybrid: 'A fixed price on approval plus a rate on conversion',
};

export const PAYOUT_LABEL: Record<PayoutMethod, string> = { bank_transfer: 'Bank transfer', paypal: 'PayPal', check: 'Check', wire: 'Wire' };

export const BANKING_METHOD_LABEL: Record<BankingMethod, string> = { iban: 'IBAN', account_number: 'Account number', paypal: 'PayPal' };

export const DOC_KIND_LABEL: Record<KycDocumentKind, string> = {
  tax_form: 'Tax form',
  identity: 'Identity',
  bank_proof: 'Bank proof',
  agreement: 'Signed agreement',
};

export const ACTION_LABEL: Record<PartnerAction, string> = {
  approve: 'Approve',
  reject: 'Reject',
  suspend: 'Suspend',
  deactivate: 'Deactivate',
  reinstate: 'Reinstate',
  reapply: 'Re-open application',
};

export const PARTNER_USER_STATUS_LABEL: Record<PartnerUserStatus, string> = { invited: 'Invited', active: 'Active', deactivated: 'Deactivated' };
export const PARTNER_USER_STATUS_COLOR: Record<PartnerUserStatus, string> = { invited: 'blue', active: 'green', deactivated: 'gray' };

export const PARTNER_ROLE_OPTIONS: { value: PartnerRole; label: string }[] = [
  { value: 'partner_admin', label: 'Admin' },
  { value: 'partner_lead_manager', label: 'Lead manager' },
  { value: 'partner_viewer', label: 'Viewer' },
];

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, label: labels[value] }));

export const TYPE_OPTIONS = options(PARTNER_TYPES, TYPE_LABEL);
export const STATUS_OPTIONS = options(PARTNER_STATUSES, STATUS_LABEL);
export const KYC_OPTIONS = options(KYC_STATUSES, KYC_LABEL);
export const TIER_OPTIONS = options(PARTNER_TIERS, TIER_LABEL);
export const MODEL_OPTIONS = options(COMMISSION_MODELS, MODEL_LABEL);
export const PAYOUT_OPTIONS = options(PAYOUT_METHODS, PAYOUT_LABEL);
export const BANKING_METHOD_OPTIONS = options(BANKING_METHODS, BANKING_METHOD_LABEL);
export const DOC_KIND_OPTIONS = options(KYC_DOCUMENT_KINDS, DOC_KIND_LABEL);

export function isOneOf<T extends string>(values: readonly T[], value: string | null | undefined): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Countries: the contract accepts the codes ibantools knows; names come from Intl.
// ---------------------------------------------------------------------------------------------

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

let countryOptionsCache: { value: string; label: string }[] | null = null;

/** "Germany (DE)", sorted by name; the value is the bare ISO code. */
export function countryOptions(): { value: string; label: string }[] {
  if (!countryOptionsCache) {
    countryOptionsCache = Object.keys(getCountrySpecifications())
      .filter((code) => /^[A-Z]{2}$/.test(code))
      .map((value) => ({ value, label: `${countryName(value)} (${value})` }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }
  return countryOptionsCache;
}

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

// A document's state is the server's (`PartnerDocument.state`, computed for the workspace's today): only its labels live here.
export const DOC_STATE_LABEL: Record<DocumentState, string> = { pending: 'Awaiting review', verified: 'Verified', rejected: 'Rejected', expired: 'Expired' };
export const DOC_STATE_COLOR: Record<DocumentState, string> = { pending: 'blue', verified: 'green', rejected: 'red', expired: 'orange' };

/** A YYYY-MM-DD day for display, without time-zone shifts. */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** Monospace for the typed value only (`ff` on an input would also set its label and error). */
export const MONO_INPUT_STYLES = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } } as const;
