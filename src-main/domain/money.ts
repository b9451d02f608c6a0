import { AppError } from '../../src-shared/contract/errors';

/*
 * Money is an integer count of minor units (cents) in the tenant's currency; rates are integer
 * basis points (1500 = 15%). The brands stop a rate being passed where an amount is expected
 * (and a float from sneaking in) at compile time; the guards do the same at run time.
 */

declare const minorBrand: unique symbol;
declare const basisPointsBrand: unique symbol;

export type Minor = number & { readonly [minorBrand]: true };
export type BasisPoints = number & { readonly [basisPointsBrand]: true };

export const MAX_BASIS_POINTS = 10_000;

/** Throws unless n is an integer that float arithmetic still represents exactly. */
export function assertMinor(n: number, field = 'amount'): asserts n is Minor {
  if (!Number.isSafeInteger(n)) {
    throw new AppError('validation', `Amount must be a whole number of minor units, got ${String(n)}`, field);
  }
}

/** The checked conversion for expressions: `minor(row.amount)`. */
export function minor(n: number, field?: string): Minor {
  assertMinor(n, field);
  return n;
}

/** Throws unless n is an integer rate between 0 and 10 000 basis points (0%..100%). */
export function assertBasisPoints(n: number, field = 'rateBp'): asserts n is BasisPoints {
  if (!Number.isInteger(n) || n < 0 || n > MAX_BASIS_POINTS) {
    throw new AppError('validation', 'Rate must be between 0% and 100%', field);
  }
}

export function basisPoints(n: number, field?: string): BasisPoints {
  assertBasisPoints(n, field);
  return n;
}

/** Sum that refuses to leave the safe-integer range instead of silently losing cents. */
export function addMinor(...amounts: Minor[]): Minor {
  let total = 0n;
  for (const a of amounts) total += BigInt(a);
  return fromBigInt(total);
}

/**
 * baseMinor × rateBp / 10 000, rounded half-to-even ("banker's rounding"), the one rounding the
 * domain allows (once, when a credit is calculated). BigInt because base × rate can exceed 2^53
 * long before the result does, and because float division would round twice. Symmetric for
 * negative bases (clawbacks): -0.5 rounds to 0, -1.5 to -2.
 */
export function applyRateHalfEven(baseMinor: Minor, rateBp: BasisPoints): Minor {
  assertMinor(baseMinor, 'baseMinor');
  assertBasisPoints(rateBp);
  return fromBigInt(divideHalfEven(BigInt(baseMinor) * BigInt(rateBp), BigInt(MAX_BASIS_POINTS)));
}

/** Integer division rounded half-to-even; divisor must be positive. */
export function divideHalfEven(dividend: bigint, divisor: bigint): bigint {
  if (divisor <= 0n) throw new RangeError('divisor must be positive');
  const quotient = dividend / divisor; // truncates toward zero
  const remainder = dividend % divisor; // carries the dividend's sign
  if (remainder === 0n) return quotient;
  const away = dividend < 0n ? -1n : 1n;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice > divisor) return quotient + away;
  if (twice < divisor) return quotient;
  return quotient % 2n === 0n ? quotient : quotient + away;
}

function fromBigInt(value: bigint): Minor {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new AppError('validation', 'Amount is too large', 'amount');
  }
  return Number(value) as Minor;
}
