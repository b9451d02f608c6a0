import { z } from 'zod';
import { ALL_STAFF, PARTNER_ROLES, type Role } from '../roles';
import { mutation, query } from '../procedure';
import { id } from '../fields';
import { idempotencyKey } from './fields';
import type { LeadImport, LeadImportPage, LeadImportPreview, LeadImportReport } from './import-types';

/*
 * CSV import of leads (services/leads/imports.ts): a preview of the file's head with the
 * detected encoding and delimiter and a suggested column mapping, then the import itself, which
 * runs in the background (parsed in a worker thread) and is polled for progress, and its report.
 */

/** Where a column goes: a lead field, the lead's free extra fields (under the column's header), or nowhere. */
export const IMPORT_TARGETS = ['contactName', 'company', 'email', 'phone', 'country', 'jobTitle', 'productInterest', 'website', 'notes', 'estimatedValue', 'extra', 'ignore'] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];
export type ImportFieldTarget = Exclude<ImportTarget, 'extra' | 'ignore'>;

/** Each target in words: the mapping's selects show them, the import's refusals name fields by them. */
export const IMPORT_TARGET_LABEL: Record<ImportTarget, string> = {
  contactName: 'Contact name',
  company: 'Company',
  email: 'Email',
  phone: 'Phone',
  country: 'Country',
  jobTitle: 'Job title',
  productInterest: 'Product interest',
  website: 'Website',
  notes: 'Notes',
  estimatedValue: 'Estimated value',
  extra: 'Keep as extra field',
  ignore: 'Ignore',
};

export const LEAD_IMPORT_LIMITS = {
  /** The whole file; the HTTP transport's body limit (30 MiB of JSON) carries it as base64. */
  maxBytes: 20 * 1024 * 1024,
  /** What the preview reads of the file's head. */
  previewBytes: 256 * 1024,
  previewRows: 10,
  maxRows: 200_000,
  maxColumns: 100,
  /** A cell longer than this refuses its row (no lead field is longer; see LEAD_FIELD_LIMITS). */
  maxCellChars: 10_000,
} as const;

const base64Chars = (bytes: number) => Math.ceil(bytes / 3) * 4;

const fileName = z.string({ error: 'File name is required' }).trim().min(1, 'File name is required').max(255, 'File name must be at most 255 characters');

const content = (maxBytes: number, tooLarge: string) =>
  z
    .string({ error: 'Choose a CSV file' })
    .min(1, 'The file is empty')
    .max(base64Chars(maxBytes), tooLarge)
    .pipe(z.base64({ error: 'File content is not valid base64' }));

export const importMapping = z
  .array(
    z
      .object({
        header: z.string().trim().max(200, 'Column header must be at most 200 characters'),
        target: z.enum(IMPORT_TARGETS, { error: 'Unknown import target' }),
      })
      .strict(),
  )
  .min(1, 'The file has no columns')
  .max(LEAD_IMPORT_LIMITS.maxColumns, `At most ${LEAD_IMPORT_LIMITS.maxColumns} columns`);

export const previewImportInput = z
  .object({
    /** Staff import for this partner; a partner user's own partner comes from the session. */
    partnerId: id.optional(),
    fileName,
    /** The file's first bytes (up to previewBytes; the client cuts at a line break). */
    contentBase64: content(LEAD_IMPORT_LIMITS.previewBytes, 'Send at most the first 256 KiB for the preview'),
  })
  .strict();

export const startImportInput = z
  .object({
    partnerId: id.optional(),
    fileName,
    contentBase64: content(LEAD_IMPORT_LIMITS.maxBytes, 'The file must be at most 20 MiB'),
    /** One entry per column of the file, in the file's order. */
    mapping: importMapping,
    /** Retrying with the same key returns the first import instead of importing twice. */
    idempotencyKey,
  })
  .strict();

const IMPORTERS: readonly Role[] = ['admin', 'manager', 'partner_admin', 'partner_lead_manager'];
const READERS: readonly Role[] = [...ALL_STAFF, ...PARTNER_ROLES];

export const leadImportProcedures = {
  'leads.previewImport': query(previewImportInput).returns<LeadImportPreview>(
    IMPORTERS,
    "Reads a CSV file's head: detected encoding and delimiter, the header and first rows, and a column mapping (the partner's last one where the headers match, else suggested from the header names).",
  ),
  'leads.startImport': mutation(startImportInput)
    .effects('leads', 'activity')
    .returns<LeadImport>(
      IMPORTERS,
      'Starts importing a CSV file for an active partner: parsed and checked row by row off the main thread, then every accepted row inserted in one transaction (all or nothing); poll leads.import for progress.',
    ),
  'leads.import': query(z.object({ id }).strict()).returns<LeadImport>(READERS, "One import's progress and outcome."),
  'leads.imports': query(z.object({ partnerId: id.optional() }).strict()).returns<LeadImportPage>(READERS, 'The 50 most recent imports (a partner user: their own partner only).'),
  'leads.importReport': query(z.object({ id }).strict()).returns<LeadImportReport>(
    READERS,
    "A finished import's report as CSV: every data row with its outcome, the lead created or the reason it was refused; cells that a spreadsheet would run as a formula are neutralised.",
  ),
} as const;
