/*
 * "Today" for everything that expires on calendar days (KYC documents, and later payout
 * periods): the calendar day in the workspace's time zone (an IANA zone, workspace setting
 * `timeZone`, default UTC). One definition for the server's rules and for the renderer, which
 * uses it only to offer a sensible minimum in a date picker; the server decides.
 * Pure (Intl only): imported by src-main and by the renderer.
 */

export const DEFAULT_TIME_ZONE = 'UTC';

const formatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws a RangeError for an unknown zone: isTimeZone() is the check for user input.
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'gregory', numberingSystem: 'latn' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar day (YYYY-MM-DD) that `now` falls on in `timeZone`. */
export function todayIn(timeZone: string, now: Date): string {
  const parts = dayFormatter(timeZone).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/**
 * Whether `name` is an IANA time zone this runtime knows (e.g. "Europe/Berlin", "UTC").
 * Offsets such as "+02:00" are refused even where Intl accepts them: an offset has no daylight
 * saving time, so "today" would drift by an hour twice a year.
 */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    dayFormatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The zones to choose from, UTC first (Intl's list leaves UTC out on some runtimes). */
export function timeZoneChoices(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [DEFAULT_TIME_ZONE, ...zones.filter((z) => z !== DEFAULT_TIME_ZONE)];
}
