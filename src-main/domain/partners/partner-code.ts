import type { PartnerType } from '../../../src-shared/contract/partners';

/*
 * Generated partner codes: a prefix per type and a zero-padded sequence, e.g. CP-0042. The
 * sequence is per prefix and continues from the highest number in use, so deleted (soft) or
 * hand-typed codes are never reused by accident. Two desktops may compute the same next code
 * at once: the data layer's unique (tenant, code) index is the real guard, and the service
 * recomputes and retries on a conflict.
 */

export const PARTNER_CODE_PREFIX: Readonly<Record<PartnerType, string>> = {
  portal: 'PO',
  channel_partner: 'CP',
  vendor: 'VE',
  customer: 'CU',
};

const PAD = 4;

/** CP + 42 → "CP-0042"; numbers beyond 9999 simply grow ("CP-10000"). */
export function formatPartnerCode(type: PartnerType, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`Partner code sequence must be a positive integer, got ${sequence}`);
  return `${PARTNER_CODE_PREFIX[type]}-${String(sequence).padStart(PAD, '0')}`;
}

/** "CP-0042" → { prefix: "CP", sequence: 42 }; null for codes not in the generated shape. */
export function parsePartnerCode(code: string): { prefix: string; sequence: number } | null {
  const match = /^([A-Z]{2})-(\d{1,15})$/.exec(code.trim().toUpperCase());
  if (!match || match[1] === undefined || match[2] === undefined) return null;
  const sequence = Number(match[2]);
  return sequence >= 1 ? { prefix: match[1], sequence } : null;
}

/**
 * The next free generated code for a type, given the tenant's existing codes (all types, deleted
 * partners included; only those with the type's prefix matter).
 */
export function nextPartnerCode(type: PartnerType, existingCodes: Iterable<string>): string {
  const prefix = PARTNER_CODE_PREFIX[type];
  let highest = 0;
  for (const code of existingCodes) {
    const parsed = parsePartnerCode(code);
    if (parsed && parsed.prefix === prefix && parsed.sequence > highest) highest = parsed.sequence;
  }
  return formatPartnerCode(type, highest + 1);
}
