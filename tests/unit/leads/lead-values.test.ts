import { describe, expect, it } from 'vitest';
import { MAX_DEAL_VALUE_MINOR, LEAD_FIELD_LIMITS } from '../../../src-shared/contract/leads/values';
import { conversionDay, convertedDealValue, crmLeadId, estimatedDealValue, isCalendarDay } from '../../../src-main/domain/leads/lead-values';

const refusal = (field: string) => expect.objectContaining({ code: 'validation', field });

describe('deal values', () => {
  it.each([
    [null, null],
    [undefined, null],
    [0, 0],
    [1, 1],
    [1_500_000, 1_500_000],
    [MAX_DEAL_VALUE_MINOR, MAX_DEAL_VALUE_MINOR],
  ])('estimated %j → %j', (value, expected) => {
    expect(estimatedDealValue(value)).toBe(expected);
  });

  it.each([-1, 1.5, Number.NaN, MAX_DEAL_VALUE_MINOR + 1, Number.MAX_SAFE_INTEGER + 2])('refuses estimated %s', (value) => {
    expect(() => estimatedDealValue(value)).toThrow(refusal('estimatedValue'));
  });

  it('says why a negative value is refused', () => {
    expect(() => estimatedDealValue(-500)).toThrow('Deal value cannot be negative');
  });

  it('needs a positive converted deal value', () => {
    expect(convertedDealValue(1)).toBe(1);
    expect(convertedDealValue(250_000)).toBe(250_000);
    expect(() => convertedDealValue(0)).toThrow(refusal('dealValue'));
    expect(() => convertedDealValue(0)).toThrow('Deal value must be above zero');
    expect(() => convertedDealValue(-1)).toThrow(refusal('dealValue'));
    expect(() => convertedDealValue(99.99)).toThrow(refusal('dealValue'));
  });
});

describe('crmLeadId', () => {
  it('trims and empties to null', () => {
    expect(crmLeadId('  SF-00Q123 ')).toBe('SF-00Q123');
    expect(crmLeadId('   ')).toBeNull();
    expect(crmLeadId(null)).toBeNull();
    expect(crmLeadId(undefined)).toBeNull();
    expect(crmLeadId('x'.repeat(LEAD_FIELD_LIMITS.crmLeadId))).toHaveLength(LEAD_FIELD_LIMITS.crmLeadId);
    expect(() => crmLeadId('x'.repeat(LEAD_FIELD_LIMITS.crmLeadId + 1))).toThrow(refusal('crmLeadId'));
  });
});

describe('conversion day', () => {
  it.each(['2026-02-28', '2024-02-29', '2026-12-31', '2000-01-01'])('%s is a calendar day', (day) => {
    expect(isCalendarDay(day)).toBe(true);
  });

  it.each(['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-1-5', '26-01-05', '2026-01-05T00:00', ''])('%j is not', (day) => {
    expect(isCalendarDay(day)).toBe(false);
  });

  const bounds = { today: '2026-06-15', submittedOn: '2026-05-01' };

  it.each(['2026-05-01', '2026-05-20', '2026-06-15'])('accepts %s between submission and today', (day) => {
    expect(conversionDay(day, bounds)).toBe(day);
  });

  it.each<[string, string]>([
    ['2026-06-16', 'The conversion date cannot be after today (2026-06-15)'],
    ['2026-04-30', 'The conversion date cannot be before the lead was submitted (2026-05-01)'],
    ['2026-02-30', 'Enter the conversion date as YYYY-MM-DD'],
    ['15/06/2026', 'Enter the conversion date as YYYY-MM-DD'],
  ])('refuses %s: %s', (day, message) => {
    expect(() => conversionDay(day, bounds)).toThrow(refusal('convertedOn'));
    expect(() => conversionDay(day, bounds)).toThrow(message);
  });
});
