import { AppError } from '../../../../src-shared/contract/errors';
import { IMPORT_TARGET_LABEL, LEAD_IMPORT_LIMITS, submitLeadInput, type ImportColumn, type ImportFieldTarget } from '../../../../src-shared/contract/leads';
import { parseMoney, type Minor } from '../../../../src-shared/money';
import { checkContact } from '../contact-rules';
import { dedupeKeysOf, type DedupeKeys } from '../dedupe';
import { normaliseEmail } from '../normalise';

/*
 * One CSV record into a lead, by the same rules as a single submission: the fields through the
 * submission schema's own field schemas (so limits and messages are the form's), then the
 * contact rules. A refused record gets one reason, in words a partner can act on.
 */

/** The lead fields an import fills: the submission's, without partner, type and idempotency key (the import sets those). */
const rowSchema = submitLeadInput.pick({
  contactName: true,
  company: true,
  email: true,
  phone: true,
  country: true,
  jobTitle: true,
  productInterest: true,
  website: true,
  notes: true,
  extra: true,
});

export interface ImportedLead {
  contactName: string;
  company?: string | undefined;
  /** Normalised (trimmed, lower-cased), as a submission stores it. */
  email?: string | undefined;
  phone?: string | undefined;
  country?: string | undefined;
  jobTitle?: string | undefined;
  productInterest?: string | undefined;
  website?: string | undefined;
  notes?: string | undefined;
  extra: { key: string; value: string }[];
  estimatedValue: Minor | null;
}

export interface AcceptedRecord {
  /** 1 = the first data record after the header. */
  row: number;
  lead: ImportedLead;
  keys: DedupeKeys;
}

export interface RefusedRecord {
  row: number;
  reason: string;
  /** What the record said, so the report identifies it even when the name was the problem. */
  contactName: string;
  email: string;
}

export type RecordOutcome = { ok: true; accepted: AcceptedRecord } | { ok: false; refused: RefusedRecord };

/** A lead field's name in words; null for anything else (the extra fields, a schema path we do not name). */
function fieldLabel(field: unknown): string | null {
  // The contact rules name the submission's field (estimatedValueMinor); the file's column is the estimated value.
  if (field === 'estimatedValueMinor') return IMPORT_TARGET_LABEL.estimatedValue;
  return typeof field === 'string' && field !== 'extra' && field !== 'ignore' && field in IMPORT_TARGET_LABEL ? IMPORT_TARGET_LABEL[field as ImportFieldTarget] : null;
}

export function checkRecord(row: number, cells: readonly string[], mapping: readonly ImportColumn[], currency: string): RecordOutcome {
  const fields: Partial<Record<ImportFieldTarget, string>> = {};
  const extra: { key: string; value: string }[] = [];
  for (let i = 0; i < mapping.length; i++) {
    const column = mapping[i]!;
    const cell = cells[i] ?? '';
    if (column.target === 'ignore') continue;
    if (cell.length > LEAD_IMPORT_LIMITS.maxCellChars) {
      return refuse(row, `The "${column.header}" cell is ${cell.length.toLocaleString('en-US')} characters long; at most ${LEAD_IMPORT_LIMITS.maxCellChars.toLocaleString('en-US')} are read`, fields);
    }
    // An empty cell is a field not given (a spreadsheet has no "absent"), never an empty value to check.
    if (cell.trim() === '') continue;
    if (column.target === 'extra') extra.push({ key: column.header, value: cell });
    else fields[column.target] = cell;
  }
  if (cells.length > mapping.length && cells.slice(mapping.length).some((c) => c.trim() !== '')) {
    return refuse(row, `The row has ${cells.length} cells but the header names ${mapping.length} columns (a delimiter inside an unquoted cell?)`, fields);
  }
  const { estimatedValue: valueText, ...textFields } = fields;
  const parsed = rowSchema.safeParse({ ...textFields, extra });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path[0];
    const label = fieldLabel(field);
    // The schema's messages name their field ("Contact name is required"); a few do not ("Unknown country: …").
    const reason = label && !issue.message.startsWith(label) ? `${label}: ${issue.message}` : issue.message;
    return refuse(row, reason, fields);
  }
  let estimatedValueMinor: number | undefined;
  if (valueText !== undefined && valueText.trim() !== '') {
    const amount = parseMoney(valueText, currency);
    if (amount === null) return refuse(row, `Estimated value: "${valueText.trim().slice(0, 40)}" is not an amount`, fields);
    estimatedValueMinor = amount;
  }
  const lead = parsed.data;
  try {
    const estimatedValue = checkContact({ ...lead, estimatedValueMinor });
    const email = lead.email ? (normaliseEmail(lead.email)?.address ?? lead.email) : undefined;
    const keys = dedupeKeysOf({ email: lead.email ?? null, phone: lead.phone ?? null, website: lead.website ?? null, country: lead.country ?? null });
    return { ok: true, accepted: { row, lead: { ...lead, email, extra: lead.extra ?? [], estimatedValue }, keys } };
  } catch (error) {
    if (error instanceof AppError) {
      const label = fieldLabel(error.field);
      return refuse(row, `${label ? `${label}: ` : ''}${error.message}`, fields);
    }
    throw error;
  }
}

function refuse(row: number, reason: string, fields: Partial<Record<ImportFieldTarget, string>>): RecordOutcome {
  return { ok: false, refused: { row, reason, contactName: (fields.contactName ?? '').trim().slice(0, 200), email: (fields.email ?? '').trim().slice(0, 254) } };
}
