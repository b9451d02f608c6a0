import { describe, expect, it } from 'vitest';
import { commercialTerms, type CommercialTerms } from '../../../src-shared/contract/partners';
import { normaliseCommercialTerms, proposeCredits, remainingLeadQuota } from '../../../src-main/domain/partners/commercial-terms';

const hybrid: CommercialTerms = { commissionModel: 'hybrid', rateBp: 1250, fixedPriceMinor: 5000, tier: 'gold', monthlyLeadQuota: 0 };

function firstMessage(input: unknown): string | undefined {
  const r = commercialTerms.safeParse(input);
  return r.success ? undefined : r.error.issues[0]?.message;
}

describe('commercial terms schema', () => {
  it('fills defaults', () => {
    expect(commercialTerms.parse({ commissionModel: 'fixed', fixedPriceMinor: 2500 })).toEqual({
      commissionModel: 'fixed',
      rateBp: 0,
      fixedPriceMinor: 2500,
      tier: 'bronze',
      monthlyLeadQuota: 0,
    });
  });

  it('explains bad values in words', () => {
    expect(firstMessage({ commissionModel: 'percentage', rateBp: 10001 })).toBe('Rate must be between 0% and 100%');
    expect(firstMessage({ commissionModel: 'percentage', rateBp: -1 })).toBe('Rate must be between 0% and 100%');
    expect(firstMessage({ commissionModel: 'percentage', rateBp: 12.5 })).toMatch(/whole number of basis points/);
    expect(firstMessage({ commissionModel: 'fixed', fixedPriceMinor: 10.5 })).toMatch(/whole cents/);
    expect(firstMessage({ commissionModel: 'fixed', fixedPriceMinor: -1 })).toBe('Amount cannot be negative');
    expect(firstMessage({ commissionModel: 'fixed', monthlyLeadQuota: -3 })).toMatch(/Quota cannot be negative/);
    expect(firstMessage({ commissionModel: 'royalty' })).toBe('Choose percentage, fixed or hybrid');
    expect(firstMessage({ commissionModel: 'fixed', tier: 'diamond' })).toBe('Choose bronze, silver, gold or platinum');
  });
});

describe('normaliseCommercialTerms', () => {
  it('zeroes the field the model does not use', () => {
    expect(normaliseCommercialTerms({ ...hybrid, commissionModel: 'fixed' })).toMatchObject({ rateBp: 0, fixedPriceMinor: 5000 });
    expect(normaliseCommercialTerms({ ...hybrid, commissionModel: 'percentage' })).toMatchObject({ rateBp: 1250, fixedPriceMinor: 0 });
    expect(normaliseCommercialTerms(hybrid)).toEqual(hybrid);
  });
});

describe('proposeCredits', () => {
  it('fixed: price on approval, nothing on conversion', () => {
    const terms = { ...hybrid, commissionModel: 'fixed' as const };
    expect(proposeCredits(terms, { kind: 'lead_approved' })).toEqual([{ calculation: 'fixed_price', amountMinor: 5000 }]);
    expect(proposeCredits(terms, { kind: 'lead_converted', dealValueMinor: 100_000 })).toEqual([]);
  });

  it('percentage: nothing on approval, rate of the deal value on conversion, half-even', () => {
    const terms = { ...hybrid, commissionModel: 'percentage' as const };
    expect(proposeCredits(terms, { kind: 'lead_approved' })).toEqual([]);
    // 12.5% of 123 452 minor = 15 431.5 → half-even → 15 432 (15 431 is odd)
    expect(proposeCredits(terms, { kind: 'lead_converted', dealValueMinor: 123_452 })).toEqual([
      { calculation: 'percentage', baseMinor: 123_452, rateBp: 1250, amountMinor: 15_432 },
    ]);
  });

  it('hybrid: both parts, each at its event', () => {
    expect(proposeCredits(hybrid, { kind: 'lead_approved' })).toHaveLength(1);
    expect(proposeCredits(hybrid, { kind: 'lead_converted', dealValueMinor: 80_000 })).toEqual([
      { calculation: 'percentage', baseMinor: 80_000, rateBp: 1250, amountMinor: 10_000 },
    ]);
  });

  it('refuses a non-integer deal value', () => {
    expect(() => proposeCredits(hybrid, { kind: 'lead_converted', dealValueMinor: 10.5 })).toThrow(expect.objectContaining({ code: 'validation' }));
  });
});

describe('remainingLeadQuota', () => {
  it('is null without a quota and never negative', () => {
    expect(remainingLeadQuota({ monthlyLeadQuota: 0 }, 500)).toBeNull();
    expect(remainingLeadQuota({ monthlyLeadQuota: 10 }, 3)).toBe(7);
    expect(remainingLeadQuota({ monthlyLeadQuota: 10 }, 12)).toBe(0);
  });
});
