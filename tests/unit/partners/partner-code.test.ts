import { describe, expect, it } from 'vitest';
import { formatPartnerCode, nextPartnerCode, parsePartnerCode, PARTNER_CODE_PREFIX } from '../../../src-main/domain/partners/partner-code';
import { PARTNER_TYPES, partnerCode } from '../../../src-shared/contract/partners';

describe('partner codes', () => {
  it('has a distinct two-letter prefix per type', () => {
    expect(PARTNER_CODE_PREFIX).toEqual({ portal: 'PO', channel_partner: 'CP', vendor: 'VE', customer: 'CU' });
    expect(new Set(PARTNER_TYPES.map((t) => PARTNER_CODE_PREFIX[t])).size).toBe(PARTNER_TYPES.length);
  });

  it('formats with four digits and grows past 9999', () => {
    expect(formatPartnerCode('channel_partner', 42)).toBe('CP-0042');
    expect(formatPartnerCode('vendor', 1)).toBe('VE-0001');
    expect(formatPartnerCode('customer', 10000)).toBe('CU-10000');
    expect(() => formatPartnerCode('portal', 0)).toThrow(RangeError);
    expect(() => formatPartnerCode('portal', 1.5)).toThrow(RangeError);
  });

  it('parses generated codes only', () => {
    expect(parsePartnerCode('CP-0042')).toEqual({ prefix: 'CP', sequence: 42 });
    expect(parsePartnerCode('cp-0042')).toEqual({ prefix: 'CP', sequence: 42 });
    expect(parsePartnerCode('ACME-EU')).toBeNull();
    expect(parsePartnerCode('CP-0000')).toBeNull();
    expect(parsePartnerCode('CP42')).toBeNull();
  });

  it('starts at 0001 and continues after the highest code of the same prefix', () => {
    expect(nextPartnerCode('channel_partner', [])).toBe('CP-0001');
    expect(nextPartnerCode('channel_partner', ['CP-0001', 'CP-0041', 'CP-0007', 'VE-0100', 'ACME', 'CP-EU'])).toBe('CP-0042');
    expect(nextPartnerCode('vendor', ['CP-0041', 'VE-0100'])).toBe('VE-0101');
    expect(nextPartnerCode('portal', new Set(['PO-9999']))).toBe('PO-10000');
  });

  it('accepts a typed code, upper-cased, and treats empty as "generate"', () => {
    expect(partnerCode.parse(' cp-0042 ')).toBe('CP-0042');
    expect(partnerCode.parse('')).toBeUndefined();
    expect(partnerCode.parse(undefined)).toBeUndefined();
    expect(partnerCode.safeParse('CP--1').success).toBe(false);
    expect(partnerCode.safeParse('CP 1').success).toBe(false);
    expect(partnerCode.safeParse('X'.repeat(33)).success).toBe(false);
  });
});
