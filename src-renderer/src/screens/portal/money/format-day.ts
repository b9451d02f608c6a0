const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/**
 * A workspace calendar day ("2026-11-30") in the browser's locale. Read as a local date on
 * purpose: `new Date('2026-11-30')` is UTC midnight, which west of Greenwich shows the day before.
 */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return dayFormat.format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

export function formatPeriod(period: { start: string; end: string }): string {
  return `${formatDay(period.start)} – ${formatDay(period.end)}`;
}
