/** Seeded randomness and ids for the bench's dataset: everything is a pure function of the seed. */

export type Rand = () => number;

/** mulberry32: small, fast, good enough for test data; never for anything secret. */
export function prng(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex4 = (r: Rand) => Math.floor(r() * 0x10000).toString(16).padStart(4, '0');

/** `n` random hex digits (a stand-in for a SHA-256 or a token hash). */
export function hex(r: Rand, n: number): string {
  let out = '';
  while (out.length < n) out += hex4(r);
  return out.slice(0, n);
}

/** A UUIDv7-shaped id for a given millisecond, with the random bits drawn from `r`. */
export function uuidV7At(ms: number, r: Rand): string {
  const t = ms.toString(16).padStart(12, '0');
  const version = `7${hex4(r).slice(1)}`;
  const variant = `${(8 + Math.floor(r() * 4)).toString(16)}${hex4(r).slice(1)}`;
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-${version}-${variant}-${hex4(r)}${hex4(r)}${hex4(r)}`;
}

export const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;

/** An integer in [min, max]. */
export const int = (r: Rand, min: number, max: number) => min + Math.floor(r() * (max - min + 1));

/** Picks a value with probability proportional to its weight. */
export function weighted<T>(r: Rand, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let x = r() * total;
  for (const [value, w] of entries) {
    x -= w;
    if (x < 0) return value;
  }
  return (entries[entries.length - 1] as readonly [T, number])[0];
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(r: Rand, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
