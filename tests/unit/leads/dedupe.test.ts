import { describe, expect, it } from 'vitest';
import type { LeadStatus } from '../../../src-shared/contract/leads/values';
import {
  assertWindowDays,
  dedupeKeysOf,
  duplicateForPartner,
  findDuplicate,
  protectionWindowStart,
  sharedKeys,
  type DedupeCandidate,
  type DedupeKeys,
} from '../../../src-main/domain/leads/dedupe';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00.000Z');
const daysBefore = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY + ms);

const KEYS: DedupeKeys = { email: 'jane@gmail.com', phone: '+4930901820', companyDomain: 'acme.com' };
const NONE: DedupeKeys = { email: null, phone: null, companyDomain: null };

function candidate(over: Partial<DedupeCandidate> & Pick<DedupeCandidate, 'id'>): DedupeCandidate {
  return { partnerId: 'p-other', status: 'submitted', submittedAt: daysBefore(10), keys: KEYS, ...over };
}

describe('dedupeKeysOf', () => {
  const cases: ReadonlyArray<[Parameters<typeof dedupeKeysOf>[0], DedupeKeys]> = [
    [
      { email: 'J.Ane+promo@GoogleMail.com', phone: '030 901820', country: 'DE', website: 'https://www.acme.com/x' },
      { email: 'jane@gmail.com', phone: '+4930901820', companyDomain: 'acme.com' },
    ],
    [{ email: 'sales@Acme.com', phone: '+1 999 555 0123' }, { email: 'sales@acme.com', phone: '+19995550123', companyDomain: 'acme.com' }],
    [{ email: 'broken@', phone: '12', website: 'localhost' }, NONE],
    [{ phone: '030 901820' }, NONE], // national number without a country cannot be read
    [{}, NONE],
  ];
  it.each(cases)('%j → %j', (fields, keys) => {
    expect(dedupeKeysOf(fields)).toEqual(keys);
  });

  it('gives equal keys to the same contact written differently', () => {
    const a = dedupeKeysOf({ email: 'jane.doe@gmail.com', phone: '+49 30 901820', website: 'acme.com' });
    const b = dedupeKeysOf({ email: ' JaneDoe+crm@gmail.com ', phone: '030-901820', country: 'DE', website: 'http://www.ACME.com:80/' });
    expect(sharedKeys(a, b)).toEqual(['email', 'phone', 'companyDomain']);
  });
});

describe('sharedKeys', () => {
  it.each<[DedupeKeys, DedupeKeys, string[]]>([
    [KEYS, KEYS, ['email', 'phone', 'companyDomain']],
    [KEYS, { ...KEYS, email: 'other@gmail.com' }, ['phone', 'companyDomain']],
    [KEYS, { ...NONE, companyDomain: 'acme.com' }, ['companyDomain']],
    [NONE, NONE, []], // absent never matches absent
    [KEYS, { email: 'x@y.com', phone: '+12025550143', companyDomain: 'y.com' }, []],
  ])('%j ∩ %j = %j', (a, b, shared) => {
    expect(sharedKeys(a, b)).toEqual(shared);
  });
});

describe('protection window', () => {
  it('starts windowDays × 24 h before the submission (default 90)', () => {
    expect(protectionWindowStart(NOW)).toEqual(daysBefore(90));
    expect(protectionWindowStart(NOW, 30)).toEqual(daysBefore(30));
  });

  it.each([0, -1, 1.5, Number.NaN, 3651])('refuses %s days', (days) => {
    expect(() => assertWindowDays(days)).toThrow(expect.objectContaining({ code: 'validation', field: 'protectionWindowDays' }));
  });

  it.each([1, 90, 3650])('accepts %s days', (days) => {
    expect(() => assertWindowDays(days)).not.toThrow();
  });
});

describe('findDuplicate', () => {
  const lead = { id: 'lead-new', submittedAt: NOW, keys: KEYS };

  // [what, candidate, window days, flagged?]
  const edges: ReadonlyArray<[string, DedupeCandidate, number, boolean]> = [
    ['exactly 90 days earlier: still protected', candidate({ id: 'a', submittedAt: daysBefore(90) }), 90, true],
    ['90 days and 1 ms earlier: outside', candidate({ id: 'a', submittedAt: daysBefore(90, -1) }), 90, false],
    ['89 days 23:59:59.999 earlier: inside', candidate({ id: 'a', submittedAt: daysBefore(90, 1) }), 90, true],
    ['31 days earlier with a 30-day window: outside', candidate({ id: 'a', submittedAt: daysBefore(31) }), 30, false],
    ['30 days earlier with a 30-day window: inside', candidate({ id: 'a', submittedAt: daysBefore(30) }), 30, true],
    ['one day earlier with a 1-day window: inside', candidate({ id: 'a', submittedAt: daysBefore(1) }), 1, true],
    ['1 ms after the new lead: not an earlier registration', candidate({ id: 'a', submittedAt: new Date(NOW.getTime() + 1) }), 90, false],
    ['same instant, smaller id: earlier', candidate({ id: 'lead-aaa', submittedAt: NOW }), 90, true],
    ['same instant, larger id: later', candidate({ id: 'lead-zzz', submittedAt: NOW }), 90, false],
    ['the lead itself', candidate({ id: 'lead-new' }), 90, false],
    ['rejected earlier lead protects nothing', candidate({ id: 'a', status: 'rejected' }), 90, false],
    ['same partner counts too', candidate({ id: 'a', partnerId: 'p-self' }), 90, true],
    ['no shared key', candidate({ id: 'a', keys: { email: 'x@y.com', phone: null, companyDomain: 'y.com' } }), 90, false],
  ];
  it.each(edges)('%s', (_what, c, days, flagged) => {
    const decision = findDuplicate(lead, [c], days);
    expect(decision === null ? null : decision.duplicateOf.leadId).toBe(flagged ? c.id : null);
  });

  it.each<LeadStatus>(['submitted', 'under_review', 'approved', 'converted'])('a %s earlier lead is live', (status) => {
    expect(findDuplicate(lead, [candidate({ id: 'a', status })])).not.toBeNull();
  });

  it('without an id, the new lead comes after every lead of its instant', () => {
    expect(findDuplicate({ submittedAt: NOW, keys: KEYS }, [candidate({ id: 'zzz', submittedAt: NOW })])?.duplicateOf.leadId).toBe('zzz');
  });

  it('links the earliest registration and lists every match earliest first, with the keys each shares', () => {
    const candidates = [
      candidate({ id: 'c-recent', partnerId: 'p2', submittedAt: daysBefore(2), keys: { ...NONE, companyDomain: 'acme.com' } }),
      candidate({ id: 'c-old', partnerId: 'p1', submittedAt: daysBefore(60), keys: { ...KEYS, email: 'someone@else.com' } }),
      candidate({ id: 'c-too-old', partnerId: 'p3', submittedAt: daysBefore(120) }),
      candidate({ id: 'c-rejected', partnerId: 'p4', submittedAt: daysBefore(80), status: 'rejected' }),
      candidate({ id: 'c-middle', partnerId: 'p1', submittedAt: daysBefore(30), keys: { ...NONE, email: 'jane@gmail.com' } }),
    ];
    expect(findDuplicate(lead, candidates)).toEqual({
      duplicateOf: { leadId: 'c-old', partnerId: 'p1', submittedAt: daysBefore(60), matchedOn: ['phone', 'companyDomain'] },
      matches: [
        { leadId: 'c-old', partnerId: 'p1', submittedAt: daysBefore(60), matchedOn: ['phone', 'companyDomain'] },
        { leadId: 'c-middle', partnerId: 'p1', submittedAt: daysBefore(30), matchedOn: ['email'] },
        { leadId: 'c-recent', partnerId: 'p2', submittedAt: daysBefore(2), matchedOn: ['companyDomain'] },
      ],
    });
  });

  it('breaks a tie on the instant by id, whatever the input order', () => {
    const at = daysBefore(5);
    const a = candidate({ id: 'id-b', submittedAt: at });
    const b = candidate({ id: 'id-a', submittedAt: at });
    expect(findDuplicate(lead, [a, b])?.duplicateOf.leadId).toBe('id-a');
    expect(findDuplicate(lead, [b, a])?.duplicateOf.leadId).toBe('id-a');
  });

  it('returns null for a lead without keys or without candidates', () => {
    expect(findDuplicate({ ...lead, keys: NONE }, [candidate({ id: 'a', keys: NONE })])).toBeNull();
    expect(findDuplicate(lead, [])).toBeNull();
  });

  it('refuses an invalid window', () => {
    expect(() => findDuplicate(lead, [], 0)).toThrow(expect.objectContaining({ code: 'validation' }));
  });
});

describe('duplicateForPartner', () => {
  const match = { leadId: 'lead-1', partnerId: 'p-first', submittedAt: daysBefore(3), matchedOn: ['email' as const] };

  it("hides another partner's lead: no partner, no id, no date", () => {
    const view = duplicateForPartner(match, 'p-second');
    expect(view).toEqual({ flagged: true, matchedOn: ['email'], ownLeadId: null });
    expect(JSON.stringify(view)).not.toContain('p-first');
    expect(JSON.stringify(view)).not.toContain('lead-1');
  });

  it('shows the partner its own earlier lead', () => {
    expect(duplicateForPartner(match, 'p-first')).toEqual({ flagged: true, matchedOn: ['email'], ownLeadId: 'lead-1' });
  });
});
