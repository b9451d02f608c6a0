import type { SessionInfo } from '../auth';
import type { MaskedBanking } from '../partners/banking-fields';
import type { PayoutMethod } from '../partners/values';
import type { PartnerBalance, MonthFigures } from '../payouts/statistics-types';
import type { PayoutLine, PayoutSummary } from '../payouts/types';

/** What the portal procedures return (services/portal). Amounts are integer minor units in the workspace currency. */

/** A portal sign-in either opens a session or, when the e-mail and password match users of several workspaces, asks which one. */
export type PortalSignIn = { kind: 'signed_in'; session: SessionInfo } | { kind: 'choose_workspace'; workspaces: { id: string; name: string }[] };

/** What an invite link shows before its password is chosen (never the token's owner beyond this). */
export interface PortalInvite {
  name: string;
  email: string;
  partnerName: string;
  workspaceName: string;
  expiresAt: string;
}

export interface PortalPartner {
  id: string;
  code: string;
  name: string;
  status: string;
}

/** The portal's home: this month against the quota, rates, balance, and the last 12 months. */
export interface PortalHome {
  partner: PortalPartner;
  workspace: { name: string; currency: string };
  month: {
    /** YYYY-MM in the workspace's time zone. */
    month: string;
    submitted: number;
    /** The partner's monthly lead quota; null: no quota. */
    quota: number | null;
  };
  /** Of the partner's decided leads (all time), in basis points; null when none is decided yet. */
  approvalRateBp: number | null;
  conversionRateBp: number | null;
  balance: PartnerBalance;
  /** The workspace minimum payout: a payout request needs at least this available. */
  minimumPayoutMinor: number;
  /** Oldest first, 12 months ending with the current one. */
  months: MonthFigures[];
}

/** `payout_request`: a declined payout request (its id is the request's; it has no payout page). */
export type PortalNotificationKind = 'lead' | 'credit' | 'payout' | 'payout_request';

/** A decision on the partner's lead, credit or payout request/payout. */
export interface PortalNotification {
  kind: PortalNotificationKind;
  /** The lead, credit or payout id (links to its page); for `payout_request`, the request's id. */
  id: string;
  /** e.g. "Lead Jane Doe (Acme GmbH)", "Credit of 150.00 for lead Jane Doe", "Payout PO-2026-11-0001". */
  label: string;
  /** The new status, e.g. approved, rejected, converted, paid. */
  decision: string;
  /** The reason or note given with it, if any. */
  reason: string | null;
  at: string;
  /** Decided after the user last opened the notifications. */
  isNew: boolean;
}

export interface PortalNotifications {
  /** When the user last marked them seen; null: never. */
  seenAt: string | null;
  /** How many of `items` are new (so at most 50: the list's length). */
  newCount: number;
  /** Newest first, at most 50. */
  items: PortalNotification[];
}

/** A payout as its partner sees it: no reviewer names, only decisions and notes. */
export type PortalPayoutSummary = Pick<PayoutSummary, 'id' | 'number' | 'period' | 'status' | 'lineCount' | 'totalMinor' | 'approvedMinor' | 'currency' | 'generatedAt' | 'approvedAt' | 'paidAt' | 'paymentDate' | 'paymentMethod' | 'paymentReference'>;

export type PortalPayoutLine = Pick<PayoutLine, 'id' | 'creditId' | 'leadId' | 'leadContactName' | 'creditKind' | 'earnedOn' | 'amountMinor' | 'status' | 'note'>;

export interface PortalPayoutPage {
  rows: PortalPayoutSummary[];
  nextCursor: string | null;
}

export interface PortalPayoutDetail extends PortalPayoutSummary {
  lines: PortalPayoutLine[];
  rejectedMinor: number;
  /** Rejection notes of the payout, if it was rejected. */
  notes: string | null;
}

/** The partner's own banking: masked, with the hold a change puts on unpaid payouts until staff re-verify it. */
export interface PortalBanking {
  payoutMethod: PayoutMethod;
  banking: MaskedBanking | null;
  onHold: boolean;
  verifiedAt: string | null;
  /** Whether the caller (partner admin) may change it. */
  canChange: boolean;
}

export const API_KEY_SCOPES = ['leads:write', 'leads:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface ApiKey {
  id: string;
  name: string;
  /** The key's first characters (e.g. "pdk_3fA9x"): enough to recognise it, not to use it. */
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The secret is in this answer only: it is stored hashed and never shown again. */
export interface ApiKeyCreated {
  key: ApiKey;
  secret: string;
}
