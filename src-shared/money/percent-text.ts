/**
 * Commission rates cross the UI as integer basis points (1250 = 12.50%). Like money, they are
 * parsed and formatted digit by digit, never through floating point.
 */

/** "12.5" → 1250, "7" → 700, "0,25 %" → 25; null when not a percentage between 0 and 100 with at most two decimals. */
export function parsePercentToBp(text: string): number | null {
  const s = text.trim().replace(/\s+/g, '').replace(/%$/, '');
  const m = /^(\d{1,3})?(?:[.,](\d{0,2}))?$/.exec(s);
  if (!m || s === '' || s === '.' || s === ',') return null;
  const whole = m[1] ?? '0';
  const fraction = (m[2] ?? '').padEnd(2, '0');
  const bp = Number(whole) * 100 + Number(fraction);
  if (!Number.isSafeInteger(bp) || bp < 0 || bp > 10_000) return null;
  return bp;
}

/** 1250 → "12.5", 700 → "7", 25 → "0.25": the form's text for a stored rate. */
export function bpToPercentText(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const fraction = String(Math.abs(bp % 100)).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** 1250 → "12.50%": for display. */
export function formatBp(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const fraction = String(Math.abs(bp % 100)).padStart(2, '0');
  return `${whole}.${fraction}%`;
}
