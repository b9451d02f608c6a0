import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** Crockford's base32 without I, L, O, U: nothing to misread when copying from a console. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A one-time set-up code, three groups of four (60 bits): `7KQ2-M9XD-T4HB`. */
export function newSetupCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < 3; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** Case, spaces and dashes do not matter; O and I typed for 0 and 1 are read as those. */
function normalised(code: string): Buffer {
  const text = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return createHash('sha256').update(text).digest();
}

/** Compared in constant time (as fixed-length digests), so the answer's timing reveals no prefix. */
export function setupCodeMatches(expected: string, given: string | null | undefined): boolean {
  return timingSafeEqual(normalised(expected), normalised(given ?? '')) && (given ?? '').length > 0;
}
