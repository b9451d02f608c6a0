import { AppError } from '../contract/errors';

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
