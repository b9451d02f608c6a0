import { describe, expect, it } from 'vitest';
import { addMinor, applyRateHalfEven, assertBasisPoints, assertMinor, basisPoints, divideHalfEven, minor } from '../../../src-main/domain/money';

const apply = (base: number, rate: number) => applyRateHalfEven(minor(base), basisPoints(rate));

describe('money guards', () => {
  it('accepts safe integers only', () => {
    expect(() => assertMinor(0)).not.toThrow();
    expect(() => assertMinor(-125)).not.toThrow();
    expect(() => assertMinor(Number.MAX_SAFE_INTEGER)).not.toThrow();
    for (const bad of [0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1, 1e20]) {
      expect(() => assertMinor(bad)).toThrow(expect.objectContaining({ code: 'validation', field: 'amount' }));
    }
    expect(() => minor(1.1, 'terms.fixedPriceMinor')).toThrow(expect.objectContaining({ field: 'terms.fixedPriceMinor' }));
  });

  it('accepts basis points from 0 to 10000', () => {
    expect(() => assertBasisPoints(0)).not.toThrow();
    expect(() => assertBasisPoints(10_000)).not.toThrow();
    for (const bad of [-1, 10_001, 12.5, Number.NaN]) {
      expect(() => assertBasisPoints(bad)).toThrow('Rate must be between 0% and 100%');
    }
  });

  it('adds without leaving the safe range', () => {
    expect(addMinor(minor(1), minor(2), minor(-5))).toBe(-2);
    expect(addMinor()).toBe(0);
    expect(() => addMinor(minor(Number.MAX_SAFE_INTEGER), minor(1))).toThrow(/too large/);
  });
});

describe('applyRateHalfEven', () => {
  it.each([
    // base, rateBp, expected: exact results
    [10_000, 1500, 1500],
    [0, 1500, 0],
    [12_345, 0, 0],
    [12_345, 10_000, 12_345],
    // exactly half: to the even neighbour
    [1, 5000, 0], // 0.5 → 0
    [3, 5000, 2], // 1.5 → 2
    [5, 5000, 2], // 2.5 → 2
    [7, 5000, 4], // 3.5 → 4
    [250, 100, 2], // 2.5 → 2
    [350, 100, 4], // 3.5 → 4
    [10_050, 1000, 1005], // exact
    [105, 1000, 10], // 10.5 → 10
    [115, 1000, 12], // 11.5 → 12
    // not half: ordinary rounding
    [1, 5001, 1], // 0.5001 → 1
    [1, 4999, 0], // 0.4999 → 0
    [12_345, 1234, 1523], // 1523.373 → 1523
    [99_999, 3333, 33_330], // 33329.6667 → 33330
    // negative bases (clawbacks) round symmetrically
    [-1, 5000, 0], // -0.5 → 0
    [-3, 5000, -2], // -1.5 → -2
    [-5, 5000, -2], // -2.5 → -2
    [-12_345, 1234, -1523],
    [-99_999, 3333, -33_330],
  ])('%i × %i bp = %i', (base, rate, expected) => {
    expect(apply(base, rate)).toBe(expected);
  });

  it('stays exact where float arithmetic would not', () => {
    // 2^53 - 1 is odd; ×5000/10000 = 4503599627370495.5 → the even neighbour 4503599627370496
    expect(apply(Number.MAX_SAFE_INTEGER, 5000)).toBe(4_503_599_627_370_496);
    expect(apply(Number.MAX_SAFE_INTEGER, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
    // 0.1 + 0.2 style trap: 1.15 × 100 in floats is 114.99999999999999
    expect(apply(115, 10_000)).toBe(115);
  });

  it('refuses bad inputs at run time too', () => {
    expect(() => applyRateHalfEven(1.5 as never, basisPoints(100))).toThrow();
    expect(() => applyRateHalfEven(minor(100), 10_001 as never)).toThrow('Rate must be between 0% and 100%');
  });

  it('divideHalfEven handles divisors in general', () => {
    expect(divideHalfEven(7n, 2n)).toBe(4n);
    expect(divideHalfEven(5n, 2n)).toBe(2n);
    expect(divideHalfEven(-7n, 2n)).toBe(-4n);
    expect(divideHalfEven(10n, 3n)).toBe(3n);
    expect(divideHalfEven(11n, 3n)).toBe(4n);
    expect(() => divideHalfEven(1n, 0n)).toThrow(RangeError);
  });
});
