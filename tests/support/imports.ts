import { eq } from 'drizzle-orm';
import type { Input, Output } from '../../src-shared/contract';
import { headOfFile } from '../../src-shared/file-head';
import { call } from './actors';
import { unique, type PartnerSuite } from './partners';

/*
 * Helpers for the CSV import tests: files built from rows, encoded as the partner's export
 * would be, and an import run to its end.
 */

export const IMPORT_HEADER = ['Contact name', 'Company', 'Email', 'Phone', 'Country', 'Job title', 'Estimated value', 'Notes', 'Source'];

/** A valid row: each call a new contact (email, phone, company domain of its own). */
let serial = 0;
export function importRow(overrides: Partial<Record<(typeof IMPORT_HEADER)[number], string>> = {}): string[] {
  const n = `${unique()}${++serial}`;
  const phone = `+49 30 ${String(30_000_000 + ((process.pid * 104_729 + serial * 7) % 60_000_000))}`;
  const row: Record<string, string> = {
    'Contact name': `Imre Import ${n}`,
    Company: `Import Co ${n}`,
    Email: `imre.${n}@import-${n}.example`,
    Phone: phone,
    Country: 'DE',
    'Job title': 'CTO',
    'Estimated value': '12,500.00',
    Notes: 'From the spring campaign',
    Source: 'Webinar',
    ...overrides,
  };
  return IMPORT_HEADER.map((h) => row[h] ?? '');
}

const quote = (cell: string, delimiter: string) => (/["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell);

export function csvText(rows: string[][], { delimiter = ',', header = IMPORT_HEADER }: { delimiter?: string; header?: string[] } = {}): string {
  return [header, ...rows].map((r) => r.map((c) => quote(c, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}

/** Text as bytes in one of the encodings partners' spreadsheets write. */
export function encode(text: string, encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252'): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf-8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  // Latin-1 and Windows-1252 agree on every letter these tests use (é, ü, ã, ç, ß).
  return Buffer.from(text, 'latin1');
}

export type StartImport = Input<'leads.startImport'>;

/** Preview, then start with the previewed mapping, then wait for the end; returns the finished import. */
export async function runImport(s: PartnerSuite, token: string, bytes: Buffer, overrides: Partial<StartImport> = {}): Promise<Output<'leads.import'>> {
  const contentBase64 = bytes.toString('base64');
  const fileName = overrides.fileName ?? 'leads.csv';
  const partnerId = overrides.partnerId;
  const preview = await call(s.app, 'leads.previewImport', { ...(partnerId ? { partnerId } : {}), fileName, contentBase64: Buffer.from(headOfFile(bytes, 256 * 1024)).toString('base64') }, token);
  const started = await call(s.app, 'leads.startImport', { ...(partnerId ? { partnerId } : {}), fileName, contentBase64, mapping: preview.columns, idempotencyKey: `import-${unique()}`, ...overrides }, token);
  await s.app.services.leads.whenImportSettled(started.id);
  return call(s.app, 'leads.import', { id: started.id }, token);
}

export async function leadsOfImport(s: PartnerSuite, importId: string) {
  const l = s.app.database.t.leads;
  return s.app.database.db.select().from(l).where(eq(l.importId, importId));
}
