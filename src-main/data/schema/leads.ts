import { sql } from 'drizzle-orm';
import type { SchemaKit } from './kits';
import type { workspaceTables } from './workspaces';
import type { partnerTables } from './partners';
import type { LeadScoreLine } from '../../../src-shared/contract/leads/score-types';

/** Pending = in the review queue; the partial indexes below hold only these rows. */
const PENDING = sql`status in ('submitted', 'under_review') and deleted_at is null`;

export function leadTables(k: SchemaKit, { tenants }: ReturnType<typeof workspaceTables>, { partners }: ReturnType<typeof partnerTables>) {
  /**
   * Leads registered by partners (or by staff on their behalf). The contact is stored as typed
   * (trimmed); the dedupe keys beside it are the domain's normalised forms (dedupeKeysOf), each
   * indexed with the submission instant so the protection-window lookup is an index range.
   */
  const leads = k.table(
    'leads',
    {
      id: k.text('id').primaryKey(),
      tenantId: k.text('tenant_id').notNull().references(() => tenants.id),
      partnerId: k.text('partner_id').notNull().references(() => partners.id),
      type: k.text('type').notNull(),
      status: k.text('status').notNull(),
      contactName: k.text('contact_name').notNull(),
      company: k.text('company'),
      email: k.text('email'),
      phone: k.text('phone'),
      country: k.text('country'),
      jobTitle: k.text('job_title'),
      productInterest: k.text('product_interest'),
      website: k.text('website'),
      notes: k.text('notes'),
      extra: k.json<LeadExtraJson[]>('extra').notNull(),
      estimatedValueMinor: k.money('estimated_value_minor'),
      /** The stored score and its breakdown from submission; a weight change never rewrites them. */
      score: k.int('score').notNull(),
      /** 100 − score: the queue orders by it ascending, then oldest, so one all-ascending index serves "highest score first, then oldest" on both engines. */
      queueRank: k.int('queue_rank').notNull(),
      scoreBreakdown: k.json<LeadScoreLine[]>('score_breakdown').notNull(),
      emailKey: k.text('email_key'),
      phoneE164: k.text('phone_e164'),
      companyDomain: k.text('company_domain'),
      /** The earliest live lead this one matched at submission (the default winner), and every match. */
      duplicateOf: k.text('duplicate_of'),
      duplicateFlag: k.bool('duplicate_flag').notNull(),
      duplicateMatches: k.json<LeadDuplicateMatchJson[]>('duplicate_matches').notNull(),
      idempotencyKey: k.text('idempotency_key').notNull(),
      /** The CSV import that created the lead (type import_batch), null for a single submission. */
      importId: k.text('import_id'),
      submittedByType: k.text('submitted_by_type').notNull(),
      submittedBy: k.text('submitted_by'),
      /** The workspace's calendar day (its time zone) of the submission: the monthly quota counts by it. */
      submittedOn: k.text('submitted_on').notNull(),
      claimedBy: k.text('claimed_by'),
      claimedAt: k.time('claimed_at'),
      decidedBy: k.text('decided_by'),
      decidedAt: k.time('decided_at'),
      rejectionReason: k.text('rejection_reason'),
      decisionNote: k.text('decision_note'),
      crmLeadId: k.text('crm_lead_id'),
      convertedValueMinor: k.money('converted_value_minor'),
      convertedOn: k.text('converted_on'),
      convertedAt: k.time('converted_at'),
      /** The submission instant. */
      createdAt: k.time('created_at').notNull(),
      updatedAt: k.time('updated_at').notNull(),
      deletedAt: k.time('deleted_at'),
      /** Compare-and-set: every status change is `… where version = <the version the reviewer saw>` and bumps it. */
      version: k.int('version').notNull(),
    },
    (t) => [
      k.uniqueIndex('leads_idempotency_uq').on(t.tenantId, t.partnerId, t.idempotencyKey),
      // Dedupe: equality on the key, range on the window.
      k.index('leads_email_key_idx').on(t.tenantId, t.emailKey, t.createdAt).where(sql`email_key is not null`),
      k.index('leads_phone_idx').on(t.tenantId, t.phoneE164, t.createdAt).where(sql`phone_e164 is not null`),
      k.index('leads_company_domain_idx').on(t.tenantId, t.companyDomain, t.createdAt).where(sql`company_domain is not null`),
      // The queue's keyset order, over pending leads only, with and without a partner filter.
      k.index('leads_queue_idx').on(t.tenantId, t.queueRank, t.createdAt, t.id).where(PENDING),
      k.index('leads_queue_partner_idx').on(t.tenantId, t.partnerId, t.queueRank, t.createdAt, t.id).where(PENDING),
      // The list's keyset order (newest first, walked backwards), by tenant, partner or status.
      k.index('leads_list_idx').on(t.tenantId, t.createdAt, t.id).where(sql`deleted_at is null`),
      k.index('leads_list_partner_idx').on(t.tenantId, t.partnerId, t.createdAt, t.id).where(sql`deleted_at is null`),
      k.index('leads_list_status_idx').on(t.tenantId, t.status, t.createdAt, t.id).where(sql`deleted_at is null`),
      // Monthly quota (a range of days) and the partner's decision record for the score.
      k.index('leads_partner_day_idx').on(t.tenantId, t.partnerId, t.submittedOn),
      k.index('leads_partner_status_idx').on(t.tenantId, t.partnerId, t.status),
      // The dashboard's leads per day of the last 30 days: a range of days, across partners.
      k.index('leads_day_idx').on(t.tenantId, t.submittedOn),
    ],
  );

  /**
   * Leads per status and tenant, kept in the same transaction as every insert and status
   * change, so the queue's counts are a read of five rows, never a scan of a million leads.
   */
  const leadCounts = k.table(
    'lead_counts',
    {
      tenantId: k.text('tenant_id').notNull(),
      status: k.text('status').notNull(),
      total: k.int('total').notNull(),
      duplicates: k.int('duplicates').notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.tenantId, t.status] })],
  );

  /**
   * CSV imports: one row per file, with what was detected, the mapping used, the outcome and
   * the per-row report. The leads of an import are written in one transaction with the row's
   * final update, so a completed import has all its accepted rows and a failed one none.
   */
  const leadImports = k.table(
    'lead_imports',
    {
      id: k.text('id').primaryKey(),
      tenantId: k.text('tenant_id').notNull().references(() => tenants.id),
      partnerId: k.text('partner_id').notNull().references(() => partners.id),
      fileName: k.text('file_name').notNull(),
      byteSize: k.int('byte_size').notNull(),
      encoding: k.text('encoding').notNull(),
      delimiter: k.text('delimiter').notNull(),
      mapping: k.json<LeadImportMappingJson>('mapping').notNull(),
      /** running → completed | failed. */
      status: k.text('status').notNull(),
      totalRows: k.int('total_rows').notNull(),
      accepted: k.int('accepted').notNull(),
      refused: k.int('refused').notNull(),
      /** Accepted rows flagged as duplicates of earlier leads. */
      duplicates: k.int('duplicates').notNull(),
      failure: k.text('failure'),
      /** Every data row's outcome, written when the import completes. */
      report: k.json<LeadImportReportJson[]>('report').notNull(),
      idempotencyKey: k.text('idempotency_key').notNull(),
      createdBy: k.text('created_by').notNull(),
      createdAt: k.time('created_at').notNull(),
      finishedAt: k.time('finished_at'),
    },
    (t) => [
      k.uniqueIndex('lead_imports_idempotency_uq').on(t.tenantId, t.partnerId, t.idempotencyKey),
      k.index('lead_imports_recent_idx').on(t.tenantId, t.createdAt),
    ],
  );

  /** The column mapping a partner's last import used, offered again for its next file. */
  const leadImportMappings = k.table(
    'lead_import_mappings',
    {
      tenantId: k.text('tenant_id').notNull(),
      partnerId: k.text('partner_id').notNull(),
      mapping: k.json<LeadImportMappingJson>('mapping').notNull(),
      updatedAt: k.time('updated_at').notNull(),
      updatedBy: k.text('updated_by').notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.tenantId, t.partnerId] })],
  );

  return { leads, leadCounts, leadImports, leadImportMappings };
}

export interface LeadExtraJson {
  key: string;
  value: string;
}

export interface LeadDuplicateMatchJson {
  leadId: string;
  partnerId: string;
  /** ISO instant. */
  submittedAt: string;
  matchedOn: ('email' | 'phone' | 'companyDomain')[];
}

/** Column header (as in the file, trimmed) → the lead field it fills, or "extra" / "ignore". */
export type LeadImportMappingJson = { header: string; target: string }[];

export interface LeadImportReportJson {
  /** The line's record number in the file, 1 = the first data row after the header. */
  row: number;
  leadId: string | null;
  contactName: string;
  email: string;
  /** Why the row was refused; null when accepted. */
  reason: string | null;
  /** For an accepted row flagged as a duplicate, the earlier lead. */
  duplicateOf: string | null;
}
