import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, isTimeZone, timeZoneChoices, todayIn } from '../../src-shared/calendar';
import { updateSettingsInput } from '../../src-shared/contract/workspaces';

describe('todayIn: the calendar day in a workspace time zone', () => {
  it('turns the day at local midnight in Berlin (UTC+1 in winter), not at UTC midnight', () => {
    expect(todayIn('Europe/Berlin', new Date('2031-03-03T22:59:59.999Z'))).toBe('2031-03-03');
    expect(todayIn('Europe/Berlin', new Date('2031-03-03T23:00:00.000Z'))).toBe('2031-03-04');
    expect(todayIn('UTC', new Date('2031-03-03T23:00:00.000Z'))).toBe('2031-03-03');
  });

  it('follows daylight saving time (Berlin is UTC+2 in summer)', () => {
    expect(todayIn('Europe/Berlin', new Date('2031-07-01T21:59:59.999Z'))).toBe('2031-07-01');
    expect(todayIn('Europe/Berlin', new Date('2031-07-01T22:00:00.000Z'))).toBe('2031-07-02');
  });

  it('lags behind UTC west of Greenwich: New York (UTC-5) is still on the previous day until 05:00 UTC', () => {
    expect(todayIn('America/New_York', new Date('2031-03-04T04:59:59.999Z'))).toBe('2031-03-03');
    expect(todayIn('America/New_York', new Date('2031-03-04T05:00:00.000Z'))).toBe('2031-03-04');
    // Across a year boundary too.
    expect(todayIn('America/New_York', new Date('2032-01-01T03:00:00.000Z'))).toBe('2031-12-31');
  });

  it('at one instant, two zones can be on different days', () => {
    const instant = new Date('2031-03-03T12:30:00.000Z');
    expect(todayIn('Pacific/Kiritimati', instant)).toBe('2031-03-04'); // UTC+14
    expect(todayIn('Pacific/Pago_Pago', instant)).toBe('2031-03-03'); // UTC-11
  });
});

describe('isTimeZone and the settings input', () => {
  it('accepts IANA zones and UTC, refuses unknown names and bare offsets', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone(DEFAULT_TIME_ZONE)).toBe(true);
    for (const bad of ['Mars/Olympus_Mons', 'Europe/Berlín', '+02:00', '', 'Europe/../UTC']) expect({ bad, ok: isTimeZone(bad) }).toEqual({ bad, ok: false });
  });

  it('offers UTC first, then every zone Intl knows, each one accepted', () => {
    const choices = timeZoneChoices();
    expect(choices[0]).toBe('UTC');
    expect(choices).toContain('Europe/Berlin');
    expect(new Set(choices).size).toBe(choices.length);
    expect(choices.every(isTimeZone)).toBe(true);
  });

  it('the contract refuses an unknown zone with a clear message on field timeZone', () => {
    const result = updateSettingsInput.safeParse({ timeZone: 'Europe/Atlantis' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toMatchObject([{ path: ['timeZone'], message: expect.stringMatching(/^Unknown time zone/) }]);
    expect(updateSettingsInput.parse({ timeZone: ' Asia/Tokyo ' })).toEqual({ timeZone: 'Asia/Tokyo' });
    expect(updateSettingsInput.parse({})).toEqual({});
  });
});
