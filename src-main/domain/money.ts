import { AppError } from '../../src-shared/contract/errors';
import { MAX_BASIS_POINTS, assertBasisPoints, assertMinor, type BasisPoints, type Minor } from '../../src-shared/money';

/*
 * Money arithmetic of the domain: sums and the one rounding (half-even, at calculation). The
 * branded types, their guards, and parsing/formatting for people live in src-shared/money, which
 * the renderer shares.
 */

export { assertBasisPoints, assertMinor, basisPoints, minor, MAX_BASIS_POINTS, type BasisPoints, type Minor } from '../../src-shared/money';

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
