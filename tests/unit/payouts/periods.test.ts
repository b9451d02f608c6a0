import { describe, expect, it } from 'vitest';
import { generationPeriod, isCalendarDay, previousMonth } from '../../../src-main/domain/payouts/periods';
import { PARTNER_CODE_PATTERN } from '../../../src-shared/contract/partners/fields';
import { PAYOUT_COUNTER_SEPARATOR, payoutNumber, payoutSkipReason, selectPayoutCredits, type PoolCredit } from '../../../src-main/domain/payouts/generation';

describe('payout periods', () => {
  it('the previous calendar month, across years and leap years', () => {
    expect(previousMonth('2031-03-15')).toEqual({ start: '2031-02-01', end: '2031-02-28' });
    expect(previousMonth('2032-03-01')).toEqual({ start: '2032-02-01', end: '2032-02-29' });
    expect(previousMonth('2031-01-31')).toEqual({ start: '2030-12-01', end: '2030-12-31' });
    expect(previousMonth('2031-05-01')).toEqual({ start: '2031-04-01', end: '2031-04-30' });
  });

  it('given ends are kept; a missing end defaults to the previous month, or the month of the given end', () => {
    expect(generationPeriod({}, '2031-03-03')).toEqual({ start: '2031-02-01', end: '2031-02-28' });
    expect(generationPeriod({ periodStart: '2031-01-10', periodEnd: '2031-01-20' }, '2031-03-03')).toEqual({ start: '2031-01-10', end: '2031-01-20' });
    expect(generationPeriod({ periodEnd: '2030-11-15' }, '2031-03-03')).toEqual({ start: '2030-11-01', end: '2030-11-15' });
    expect(generationPeriod({ periodStart: '2031-03-02' }, '2031-03-03')).toEqual({ start: '2031-03-02', end: '2031-03-31' });
  });

  it('an end before the start, or a day that does not exist, is refused with the field', () => {
    expect(() => generationPeriod({ periodStart: '2031-02-10', periodEnd: '2031-02-09' }, '2031-03-03')).toThrow(expect.objectContaining({ code: 'validation', field: 'periodEnd' }));
    expect(() => generationPeriod({ periodStart: '2031-02-30' }, '2031-03-03')).toThrow(expect.objectContaining({ code: 'validation', field: 'periodStart' }));
    expect(isCalendarDay('2032-02-29')).toBe(true);
    expect(isCalendarDay('2031-02-29')).toBe(false);
  });
});

describe('payout netting', () => {
  const feb = { start: '2031-02-01', end: '2031-02-28' };
  const c = (id: string, amountMinor: number, earnedOn = '2031-02-10'): PoolCredit => ({ id, amountMinor, earnedOn });

  it('takes every positive credit of the period, then every clawback up to its end that fits, oldest first', () => {
    const s = selectPayoutCredits([c('z', -1_000, '2031-02-20'), c('a', 15_000), c('y', -9_000, '2031-01-06'), c('b', 5_000), c('x', -8_000, '2031-01-05')], feb);
    expect(s.taken.map((t) => t.id)).toEqual(['a', 'b', 'x', 'y', 'z']);
    expect(s.carried).toEqual([]);
    expect(s.totalMinor).toBe(2_000);
  });

  it('worked example: 150.00 + 50.00 against clawbacks of 120.00 and 100.00: the first nets, the second carries over', () => {
    const s = selectPayoutCredits([c('p1', 15_000), c('p2', 5_000), c('k1', -12_000, '2031-01-20'), c('k2', -10_000, '2031-02-01')], feb);
    expect(s.taken.map((t) => t.id)).toEqual(['p1', 'p2', 'k1']);
    expect(s.carried.map((t) => t.id)).toEqual(['k2']);
    expect(s.totalMinor).toBe(8_000);
  });

  it('credits outside the period stay in the pool; a later clawback never jumps ahead of an older one that did not fit', () => {
    const s = selectPayoutCredits([c('jan', 9_000, '2031-01-31'), c('mar', 9_000, '2031-03-01'), c('p', 10_000), c('big', -11_000, '2031-01-01'), c('small', -1_000, '2031-01-02')], feb);
    expect(s.taken.map((t) => t.id)).toEqual(['p']);
    expect(s.carried.map((t) => t.id)).toEqual(['big', 'small']);
    expect(s.totalMinor).toBe(10_000);
  });

  it('skip reasons in order; the minimum carries small balances over', () => {
    const active = { status: 'active', kycStatus: 'verified', kycExpiresOn: null, bankingOnHold: false };
    const rules = { kycRequired: true, minimumPayoutMinor: 5_000, today: '2031-03-03' };
    const some = selectPayoutCredits([c('a', 6_000)], feb);
    expect(payoutSkipReason(active, some, rules)).toBeNull();
    expect(payoutSkipReason({ ...active, status: 'inactive' }, some, rules)).toBe('not_active');
    expect(payoutSkipReason({ ...active, status: 'suspended' }, some, rules)).toBe('suspended');
    expect(payoutSkipReason({ ...active, kycStatus: 'submitted' }, some, rules)).toBe('kyc_not_verified');
    expect(payoutSkipReason({ ...active, kycExpiresOn: '2031-03-02' }, some, rules)).toBe('kyc_not_verified');
    expect(payoutSkipReason({ ...active, kycStatus: 'submitted' }, some, { ...rules, kycRequired: false })).toBeNull();
    expect(payoutSkipReason({ ...active, bankingOnHold: true }, some, rules)).toBe('banking_on_hold');
    expect(payoutSkipReason(active, selectPayoutCredits([c('x', -100)], feb), rules)).toBe('nothing_approved');
    expect(payoutSkipReason(active, selectPayoutCredits([c('a', 4_999)], feb), rules)).toBe('below_minimum');
    expect(payoutSkipReason(active, selectPayoutCredits([c('a', 5_000)], feb), rules)).toBeNull();
  });

  it('numbers: per period month and partner code, later ones counted', () => {
    expect(payoutNumber('2031-02-28', 'CP-0042', 0)).toBe('PO-2031-02-CP-0042');
    expect(payoutNumber('2031-02-28', 'CP-0042', 1)).toBe('PO-2031-02-CP-0042/2');
    // A partner code may end in -2: its first payout must not take another partner's second number.
    expect(payoutNumber('2031-02-28', 'CP-0042-2', 0)).not.toBe(payoutNumber('2031-02-28', 'CP-0042', 1));
    expect(PARTNER_CODE_PATTERN.test('CP-0042-2')).toBe(true);
    expect(PARTNER_CODE_PATTERN.test(`CP-0042${PAYOUT_COUNTER_SEPARATOR}2`)).toBe(false);
  });
});
