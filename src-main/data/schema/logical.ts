import { sql } from 'drizzle-orm';
import type { SchemaKit } from './kits';

/**
 * The logical description of every table, built once per dialect by `defineSchema(kit)`.
 * Conventions: snake_case columns, text UUIDv7 ids, every business row carries tenant_id,
 * money in integer minor units, rates in basis points, soft delete via deleted_at.
 */
export function defineSchema(k: SchemaKit) {
  const tenants = k.table('tenants', {
    id: k.text('id').primaryKey(),
    name: k.text('name').notNull(),
    currency: k.text('currency').notNull(),
    settings: k.json<TenantSettings>('settings').notNull(),
    createdAt: k.time('created_at').notNull(),
  });

  /** Staff identities are global (one e-mail, one password); roles live in memberships. */
  const staffUsers = k.table('staff_users', {
    id: k.text('id').primaryKey(),
    email: k.text('email').notNull().unique(),
    name: k.text('name').notNull(),
    passwordHash: k.text('password_hash').notNull(),
    failedSignIns: k.int('failed_sign_ins').notNull().default(0),
    lockedUntil: k.time('locked_until'),
    lastLoginAt: k.time('last_login_at'),
    createdAt: k.time('created_at').notNull(),
  });

  const memberships = k.table(
    'memberships',
    {
      tenantId: k.text('tenant_id').notNull().references(() => tenants.id),
      userId: k.text('user_id').notNull().references(() => staffUsers.id),
      role: k.text('role').notNull(),
      disabledAt: k.time('disabled_at'),
      createdAt: k.time('created_at').notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.tenantId, t.userId] }), k.index('memberships_user_idx').on(t.userId)],
  );

  /** A session's id is the SHA-256 of its bearer token: a leaked table grants no access. */
  const sessions = k.table(
    'sessions',
    {
      id: k.text('id').primaryKey(),
      userKind: k.text('user_kind').notNull(),
      userId: k.text('user_id').notNull(),
      tenantId: k.text('tenant_id').notNull().references(() => tenants.id),
      createdAt: k.time('created_at').notNull(),
      lastSeenAt: k.time('last_seen_at').notNull(),
      absoluteExpiresAt: k.time('absolute_expires_at').notNull(),
      endedAt: k.time('ended_at'),
    },
    (t) => [k.index('sessions_user_idx').on(t.userId)],
  );

  /**
   * The audit trail. Append-only (triggers refuse UPDATE/DELETE), hash-chained per tenant:
   * hash = SHA-256(prev_hash + canonical row). tenant_id is not a foreign key so that events
   * with no workspace (a failed sign-in for an unknown e-mail) live in the '_system' chain.
   */
  const activity = k.table(
    'activity',
    {
      id: k.text('id').primaryKey(),
      tenantId: k.text('tenant_id').notNull(),
      seq: k.int('seq').notNull(),
      at: k.time('at').notNull(),
      actorType: k.text('actor_type').notNull(),
      actorId: k.text('actor_id'),
      actorName: k.text('actor_name'),
      action: k.text('action').notNull(),
      resourceType: k.text('resource_type').notNull(),
      resourceId: k.text('resource_id'),
      details: k.json<Record<string, unknown>>('details').notNull(),
      prevHash: k.text('prev_hash').notNull(),
      hash: k.text('hash').notNull(),
    },
    (t) => [
      k.uniqueIndex('activity_tenant_seq_uq').on(t.tenantId, t.seq),
      k.index('activity_tenant_action_idx').on(t.tenantId, t.action, t.seq),
      k.index('activity_tenant_actor_idx').on(t.tenantId, t.actorId, t.seq),
      k.index('activity_tenant_resource_idx').on(t.tenantId, t.resourceType, t.resourceId, t.seq),
      k.index('activity_tenant_at_idx').on(t.tenantId, t.at),
    ],
  );

  /** The head of each tenant's chain; its row lock serialises concurrent audit writers on Postgres. */
  const auditHeads = k.table('audit_heads', {
    tenantId: k.text('tenant_id').primaryKey(),
    seq: k.int('seq').notNull(),
    hash: k.text('hash').notNull(),
    /** The newest entry's time: entries never go back in time, so a date range maps to a seq range. */
    lastAt: k.time('last_at'),
  });

  /** The distinct actions and actors of each trail, for filter pickers without scanning the trail. */
  const activityFacets = k.table(
    'activity_facets',
    {
      tenantId: k.text('tenant_id').notNull(),
      kind: k.text('kind').notNull(),
      value: k.text('value').notNull(),
      label: k.text('label').notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.tenantId, t.kind, t.value] })],
  );

  /**
   * Partner organisations. A code stays taken after soft delete: codes appear in the audit
   * trail, statements and payment references, so reusing one would make history ambiguous.
   */
  const partners = k.table(
    'partners',
    {
      id: k.text('id').primaryKey(),
      tenantId: k.text('tenant_id').notNull().references(() => tenants.id),
      code: k.text('code').notNull(),
      type: k.text('type').notNull(),
      legalName: k.text('legal_name').notNull(),
      displayName: k.text('display_name').notNull(),
      contactName: k.text('contact_name').notNull(),
      contactEmail: k.text('contact_email').notNull(),
      contactPhone: k.text('contact_phone'),
      address: k.json<PartnerAddressJson>('address').notNull(),
      country: k.text('country').notNull(),
      taxId: k.text('tax_id'),
      commissionModel: k.text('commission_model').notNull(),
      rateBp: k.int('rate_bp').notNull(),
      fixedPriceMinor: k.money('fixed_price_minor').notNull(),
      tier: k.text('tier').notNull(),
      monthlyLeadQuota: k.int('monthly_lead_quota').notNull(),
      payoutMethod: k.text('payout_method').notNull(),
      status: k.text('status').notNull(),
      statusReason: k.text('status_reason'),
      statusChangedAt: k.time('status_changed_at'),
      approvedBy: k.text('approved_by'),
      approvedAt: k.time('approved_at'),
      kycStatus: k.text('kyc_status').notNull(),
      kycDecision: k.text('kyc_decision'),
      kycDecidedAt: k.time('kyc_decided_at'),
      kycDecidedBy: k.text('kyc_decided_by'),
      /** The earliest expiry among the documents that make KYC verified: the list treats a verified partner past it as expired. */
      kycExpiresOn: k.text('kyc_expires_on'),
      /** AES-256-GCM envelope of the banking details; never stored in clear. */
      bankingSealed: k.text('banking_sealed'),
      bankingMasked: k.json<Record<string, unknown>>('banking_masked'),
      bankingOnHold: k.bool('banking_on_hold').notNull().default(false),
      bankingChangedBy: k.text('banking_changed_by'),
      bankingChangedAt: k.time('banking_changed_at'),
      bankingVerifiedAt: k.time('banking_verified_at'),
      bankingVerifiedBy: k.text('banking_verified_by'),
      /** Lower-cased name, code and contact, for the list's text search. */
      searchText: k.text('search_text').notNull(),
      createdAt: k.time('created_at').notNull(),
      updatedAt: k.time('updated_at').notNull(),
      deletedAt: k.time('deleted_at'),
    },
    (t) => [
      k.uniqueIndex('partners_tenant_code_uq').on(t.tenantId, t.code),
      k.index('partners_tenant_status_idx').on(t.tenantId, t.status, t.createdAt),
      k.index('partners_tenant_type_idx').on(t.tenantId, t.type),
      k.index('partners_tenant_tier_idx').on(t.tenantId, t.tier),
      k.index('partners_tenant_kyc_idx').on(t.tenantId, t.kycStatus),
      // Partial indexes over live partners with id last: the list's default orders (newest,
      // by name) and its count walk them without a sort or a visit to deleted rows.
      k.index('partners_live_created_idx').on(t.tenantId, t.createdAt, t.id).where(sql`deleted_at is null`),
      k.index('partners_live_name_idx').on(t.tenantId, t.legalName, t.id).where(sql`deleted_at is null`),
    ],
  );

  const partnerDocuments = k.table(
    'partner_documents',
    {
      id: k.text('id').primaryKey(),
      tenantId: k.text('tenant_id').notNull().references(() => tenants.id),
      partnerId: k.text('partner_id').notNull().references(() => partners.id),
      kind: k.text('kind').notNull(),
      fileName: k.text('file_name').notNull(),
      mimeType: k.text('mime_type').notNull(),
      size: k.int('size').notNull(),
      sha256: k.text('sha256').notNull(),
      uploadedAt: k.time('uploaded_at').notNull(),
      uploadedBy: k.text('uploaded_by'),
      verifiedAt: k.time('verified_at'),
      verifiedBy: k.text('verified_by'),
      rejectedAt: k.time('rejected_at'),
      rejectedBy: k.text('rejected_by'),
      rejectionReason: k.text('rejection_reason'),
      expiresOn: k.text('expires_on'),
      deletedAt: k.time('deleted_at'),
    },
    (t) => [k.index('partner_documents_partner_idx').on(t.tenantId, t.partnerId)],
  );

  /** Document bytes for team mode, content-addressed, so every desktop sees the same files. */
  const documentBlobs = k.table('document_blobs', {
    sha256: k.text('sha256').primaryKey(),
    size: k.int('size').notNull(),
    content: k.bytes('content').notNull(),
  });

  const partnerUsers = k.table(
    'partner_users',
    {
      id: k.text('id').primaryKey(),
      tenantId: k.text('tenant_id').notNull().references(() => tenants.id),
      partnerId: k.text('partner_id').notNull().references(() => partners.id),
      email: k.text('email').notNull(),
      name: k.text('name').notNull(),
      role: k.text('role').notNull(),
      passwordHash: k.text('password_hash'),
      inviteTokenHash: k.text('invite_token_hash'),
      inviteExpiresAt: k.time('invite_expires_at'),
      lastLoginAt: k.time('last_login_at'),
      createdAt: k.time('created_at').notNull(),
      deactivatedAt: k.time('deactivated_at'),
      deletedAt: k.time('deleted_at'),
    },
    (t) => [
      k.uniqueIndex('partner_users_tenant_email_uq').on(t.tenantId, t.email),
      k.index('partner_users_partner_idx').on(t.tenantId, t.partnerId),
    ],
  );

  return {
    tenants,
    staffUsers,
    memberships,
    sessions,
    activity,
    auditHeads,
    activityFacets,
    partners,
    partnerDocuments,
    documentBlobs,
    partnerUsers,
  };
}

export interface PartnerAddressJson {
  line1: string | null;
  line2: string | null;
  city: string | null;
  postalCode: string | null;
  region: string | null;
}

export interface TenantSettings {
  /** Partners can be approved only when their KYC status is `verified`. */
  approvalNeedsVerifiedKyc: boolean;
}

export const DEFAULT_TENANT_SETTINGS: TenantSettings = { approvalNeedsVerifiedKyc: true };
