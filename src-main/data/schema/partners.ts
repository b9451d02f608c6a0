import { sql } from 'drizzle-orm';
import type { SchemaKit } from './kits';
import type { workspaceTables } from './workspaces';

export function partnerTables(k: SchemaKit, { tenants }: ReturnType<typeof workspaceTables>) {
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
      // The list's indexes (services/partners/partners.ts list): partial over live partners,
      // tenant first, id last, so a keyset page at any depth is one index range with no sort
      // and no visit to deleted rows. One per sort the screen offers…
      k.index('partners_live_created_idx').on(t.tenantId, t.createdAt, t.id).where(sql`deleted_at is null`),
      k.index('partners_live_name_idx').on(t.tenantId, t.legalName, t.id).where(sql`deleted_at is null`),
      k.index('partners_live_code_idx').on(t.tenantId, t.code, t.id).where(sql`deleted_at is null`),
      k.index('partners_live_country_idx').on(t.tenantId, t.country, t.id).where(sql`deleted_at is null`),
      k.index('partners_live_status_idx').on(t.tenantId, t.status, t.id).where(sql`deleted_at is null`),
      k.index('partners_live_tier_idx').on(t.tenantId, t.tier, t.id).where(sql`deleted_at is null`),
      k.index('partners_live_kyc_idx').on(t.tenantId, t.kycStatus, t.id).where(sql`deleted_at is null`),
      // …and one per filter in the default order (newest first).
      k.index('partners_live_status_created_idx').on(t.tenantId, t.status, t.createdAt, t.id).where(sql`deleted_at is null`),
      k.index('partners_live_type_created_idx').on(t.tenantId, t.type, t.createdAt, t.id).where(sql`deleted_at is null`),
      k.index('partners_live_tier_created_idx').on(t.tenantId, t.tier, t.createdAt, t.id).where(sql`deleted_at is null`),
      k.index('partners_live_kyc_created_idx').on(t.tenantId, t.kycStatus, t.createdAt, t.id).where(sql`deleted_at is null`),
      // The few partners whose stored KYC will turn expired by date: the effective-KYC correction reads only them.
      k.index('partners_kyc_expiry_idx').on(t.tenantId, t.kycExpiresOn).where(sql`deleted_at is null and kyc_expires_on is not null`),
    ],
  );

  /**
   * Live partners per (type, status, tier, stored KYC status), kept by triggers on partners in
   * the writing transaction (0007_partner_list.sql of each engine): every service path and the bulk
   * loaders write partners, and a trigger cannot be forgotten by one of them. The list's total
   * sums these rows instead of counting partners.
   */
  const partnerCounts = k.table(
    'partner_counts',
    {
      tenantId: k.text('tenant_id').notNull(),
      type: k.text('type').notNull(),
      status: k.text('status').notNull(),
      tier: k.text('tier').notNull(),
      kycStatus: k.text('kyc_status').notNull(),
      total: k.int('total').notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.tenantId, t.type, t.status, t.tier, t.kycStatus] })],
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
      /** Set by an admin-set password or a reset: the next portal sign-in must choose a new one (as for staff). */
      mustChangePassword: k.bool('must_change_password').notNull().default(false),
      passwordChangedAt: k.time('password_changed_at'),
      /** When the user last opened their notifications: decisions after it are "new". */
      notificationsSeenAt: k.time('notifications_seen_at'),
    },
    (t) => [
      k.uniqueIndex('partner_users_tenant_email_uq').on(t.tenantId, t.email),
      k.index('partner_users_partner_idx').on(t.tenantId, t.partnerId),
      // Portal sign-in looks an e-mail up across workspaces; an invite link by its token's hash.
      k.index('partner_users_email_idx').on(t.email),
      k.index('partner_users_invite_idx').on(t.inviteTokenHash),
    ],
  );

  /**
   * A partner's API keys for integrations. The key is shown once; only its SHA-256 is kept, and
   * `prefix` (the key's first characters) lets a list name a key without holding it.
   */
  const apiKeys = k.table(
    'api_keys',
    {
      id: k.text('id').primaryKey(),
      tenantId: k.text('tenant_id').notNull().references(() => tenants.id),
      partnerId: k.text('partner_id').notNull().references(() => partners.id),
      name: k.text('name').notNull(),
      prefix: k.text('prefix').notNull(),
      keyHash: k.text('key_hash').notNull(),
      /** e.g. ["leads:write","leads:read"] */
      scopes: k.json<string[]>('scopes').notNull(),
      createdBy: k.text('created_by').notNull(),
      createdAt: k.time('created_at').notNull(),
      lastUsedAt: k.time('last_used_at'),
      revokedAt: k.time('revoked_at'),
      revokedBy: k.text('revoked_by'),
    },
    (t) => [k.uniqueIndex('api_keys_hash_uq').on(t.keyHash), k.index('api_keys_partner_idx').on(t.tenantId, t.partnerId)],
  );

  return { partners, partnerCounts, partnerDocuments, documentBlobs, partnerUsers, apiKeys };
}

export interface PartnerAddressJson {
  line1: string | null;
  line2: string | null;
  city: string | null;
  postalCode: string | null;
  region: string | null;
}
