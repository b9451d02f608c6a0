import { describe, expect, it } from 'vitest';
import { minor } from '../../../src-shared/money';
import { DEFAULT_LEAD_SCORE_WEIGHTS, LEAD_SCORE_SIGNALS, type LeadScoreWeights } from '../../../src-shared/contract/leads/score-types';
import {
  assertLeadScoreWeights,
  leadScoreMaxima,
  roundHalfEven,
  scoreLead,
  type ScorableLead,
  type ScoreContext,
} from '../../../src-main/domain/leads/quality-score';

const CONTEXT: ScoreContext = {
  currency: 'EUR',
  referenceDealValue: minor(1_000_000), // €10,000.00
  partnerDecisions: { approved: 8, converted: 2, rejected: 0 },
  duplicate: null,
};

const COMPLETE: ScorableLead = {
  contactName: 'Jane Doe',
  company: 'Acme GmbH',
  email: 'jane@acme.com',
  phone: '030 901820',
  country: 'DE',
  jobTitle: 'Head of IT',
  productInterest: 'Analytics',
  estimatedValue: minor(1_500_000),
};

const withWeights = (over: Partial<LeadScoreWeights>): LeadScoreWeights => ({ ...DEFAULT_LEAD_SCORE_WEIGHTS, ...over });
const only = (signal: keyof LeadScoreWeights): LeadScoreWeights =>
  Object.fromEntries(LEAD_SCORE_SIGNALS.map((s) => [s, s === signal ? 1 : 0])) as unknown as LeadScoreWeights;
const pointsOf = (result: ReturnType<typeof scoreLead>) => Object.fromEntries(result.breakdown.map((l) => [l.signal, l.points]));

describe('scoreLead: exact breakdowns', () => {
  it('gives a complete corporate lead from a trusted partner 100', () => {
    expect(scoreLead(COMPLETE, CONTEXT, DEFAULT_LEAD_SCORE_WEIGHTS)).toEqual({
      score: 100,
      breakdown: [
        { signal: 'completeness', points: 20, max: 20, sentence: 'All 7 contact fields filled in: +20' },
        { signal: 'email', points: 15, max: 15, sentence: 'Corporate email domain acme.com: +15' },
        { signal: 'phone', points: 15, max: 15, sentence: 'Valid phone number +4930901820: +15' },
        { signal: 'estimated_value', points: 20, max: 20, sentence: 'Estimated deal value €15,000.00 is at or above the reference €10,000.00: +20' },
        { signal: 'duplicate', points: 20, max: 20, sentence: 'No duplicate of a live lead found: +20' },
        { signal: 'partner_history', points: 10, max: 10, sentence: "Partner's past approval rate 100% (10 of 10 decided leads): +10" },
      ],
    });
  });

  it('scores a typical lead part by part', () => {
    const lead: ScorableLead = {
      contactName: 'John Smith',
      company: 'Smith & Co',
      email: ' John.Smith+crm@Gmail.com ',
      phone: '+1 999 555 0123',
      country: 'US',
      jobTitle: '  ',
      estimatedValue: minor(600_000),
    };
    const context: ScoreContext = { ...CONTEXT, partnerDecisions: { approved: 6, converted: 1, rejected: 3 }, duplicate: { matchedOn: ['companyDomain'] } };
    expect(scoreLead(lead, context, DEFAULT_LEAD_SCORE_WEIGHTS)).toEqual({
      score: 59,
      breakdown: [
        // 20 × 5/7 = 14.29
        { signal: 'completeness', points: 14, max: 20, sentence: '5 of 7 contact fields filled in (missing: job title, product interest): +14' },
        { signal: 'email', points: 5, max: 15, sentence: 'Free-mail domain gmail.com, not a company address: +5' },
        // 15 × 1/2 = 7.5 → 8 (half to even)
        { signal: 'phone', points: 8, max: 15, sentence: 'Phone number +19995550123 has a possible length but is not a known number range: +8' },
        { signal: 'estimated_value', points: 15, max: 20, sentence: 'Estimated deal value €6,000.00 is at least half the reference €10,000.00: +15' },
        { signal: 'duplicate', points: 10, max: 20, sentence: 'Same company domain as an earlier lead (possible channel conflict): +10' },
        { signal: 'partner_history', points: 7, max: 10, sentence: "Partner's past approval rate 70% (7 of 10 decided leads): +7" },
      ],
    });
  });

  it('explains an empty duplicate lead from a new partner', () => {
    const context: ScoreContext = { ...CONTEXT, partnerDecisions: { approved: 1, converted: 0, rejected: 1 }, duplicate: { matchedOn: ['email', 'phone'] } };
    expect(scoreLead({}, context, DEFAULT_LEAD_SCORE_WEIGHTS)).toEqual({
      score: 5,
      breakdown: [
        { signal: 'completeness', points: 0, max: 20, sentence: 'None of the 7 contact fields filled in: +0' },
        { signal: 'email', points: 0, max: 15, sentence: 'No email address: +0' },
        { signal: 'phone', points: 0, max: 15, sentence: 'No phone number: +0' },
        { signal: 'estimated_value', points: 0, max: 20, sentence: 'No estimated deal value: +0' },
        { signal: 'duplicate', points: 0, max: 20, sentence: 'Duplicate of an earlier lead (same email and phone): +0' },
        { signal: 'partner_history', points: 5, max: 10, sentence: 'Only 2 decided leads from this partner so far (fewer than 10), neutral: +5' },
      ],
    });
  });

  it('explains bad contact data and small values', () => {
    const lead: ScorableLead = { ...COMPLETE, email: 'jane@acme', phone: '030 901820', country: '', estimatedValue: minor(50_000) };
    const result = scoreLead(lead, { ...CONTEXT, minPartnerDecisions: 3, partnerDecisions: { approved: 1, converted: 0, rejected: 2 } }, DEFAULT_LEAD_SCORE_WEIGHTS);
    expect(result.breakdown.map((l) => l.sentence)).toEqual([
      '6 of 7 contact fields filled in (missing: country): +17',
      'Email address is not valid: +0',
      "Phone number could not be read (a national number needs the lead's country): +0",
      'Estimated deal value €500.00 is below a tenth of the reference €10,000.00: +5',
      'No duplicate of a live lead found: +20',
      "Partner's past approval rate 33% (1 of 3 decided leads): +3",
    ]);
    expect(result.score).toBe(17 + 0 + 0 + 5 + 20 + 3);
  });

  // [value in minor units, points of 20, band]
  it.each([
    [null, 0, 'No estimated deal value'],
    [0, 0, 'is zero'],
    [1, 5, 'below a tenth'],
    [99_999, 5, 'below a tenth'],
    [100_000, 10, 'at least a tenth'],
    [499_999, 10, 'at least a tenth'],
    [500_000, 15, 'at least half'],
    [999_999, 15, 'at least half'],
    [1_000_000, 20, 'at or above'],
    [Number.MAX_SAFE_INTEGER, 20, 'at or above'],
  ])('estimated value %s → %s points (%s)', (value, points, band) => {
    const line = scoreLead({ ...COMPLETE, estimatedValue: value === null ? null : minor(value) }, CONTEXT, DEFAULT_LEAD_SCORE_WEIGHTS).breakdown.find((l) => l.signal === 'estimated_value');
    expect(line?.points).toBe(points);
    expect(line?.sentence).toContain(band);
  });

  it('formats amounts in the tenant currency', () => {
    const line = scoreLead(COMPLETE, { ...CONTEXT, currency: 'JPY', referenceDealValue: minor(2_000_000) }, DEFAULT_LEAD_SCORE_WEIGHTS).breakdown[3];
    expect(line?.sentence).toBe('Estimated deal value ¥1,500,000 is at least half the reference ¥2,000,000: +15');
  });

  it.each([
    [{ approved: 0, converted: 0, rejected: 0 }, 5, 'Only 0 decided leads'],
    [{ approved: 1, converted: 0, rejected: 0 }, 5, 'Only 1 decided lead from'],
    [{ approved: 5, converted: 0, rejected: 4 }, 5, 'Only 9 decided leads'],
    [{ approved: 5, converted: 0, rejected: 5 }, 5, 'rate 50% (5 of 10'],
    [{ approved: 0, converted: 0, rejected: 10 }, 0, 'rate 0% (0 of 10'],
    [{ approved: 3, converted: 3, rejected: 2 }, 5, 'Only 8'],
    [{ approved: 10, converted: 10, rejected: 1 }, 10, 'rate 95% (20 of 21'], // 9.52 → 10
    [{ approved: 2, converted: 1, rejected: 17 }, 2, 'rate 15% (3 of 20'], // 1.5 → 2
    [{ approved: 1, converted: 0, rejected: 19 }, 0, 'rate 5% (1 of 20'], // 0.5 → 0
  ])('partner decisions %j → %s points', (partnerDecisions, points, text) => {
    const line = scoreLead(COMPLETE, { ...CONTEXT, partnerDecisions }, DEFAULT_LEAD_SCORE_WEIGHTS).breakdown[5];
    expect(line?.points).toBe(points);
    expect(line?.sentence).toContain(text);
  });
});

describe('scoreLead: bounds and determinism', () => {
  it('reaches 0', () => {
    const context: ScoreContext = { ...CONTEXT, partnerDecisions: { approved: 0, converted: 0, rejected: 12 }, duplicate: { matchedOn: ['phone'] } };
    expect(scoreLead({}, context, DEFAULT_LEAD_SCORE_WEIGHTS).score).toBe(0);
  });

  it('is the same for the same input, and leaves its input alone', () => {
    const lead = { ...COMPLETE, email: 'x+y@gmail.com' };
    const frozen = JSON.stringify([lead, CONTEXT]);
    const first = scoreLead(lead, CONTEXT, DEFAULT_LEAD_SCORE_WEIGHTS);
    for (let i = 0; i < 5; i++) expect(scoreLead(lead, CONTEXT, DEFAULT_LEAD_SCORE_WEIGHTS)).toEqual(first);
    expect(JSON.stringify([lead, CONTEXT])).toBe(frozen);
  });

  it('keeps integer points that add up to a score within 0..100, for many leads and weights', () => {
    let seed = 42;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648; // a fixed LCG: the same cases every run
      return seed % n;
    };
    const pick = <T>(xs: readonly T[]): T => xs[next(xs.length)] as T;
    for (let i = 0; i < 500; i++) {
      const weights = Object.fromEntries(LEAD_SCORE_SIGNALS.map((s) => [s, pick([0, 1, 3, 7, 20, 999])])) as unknown as LeadScoreWeights;
      if (LEAD_SCORE_SIGNALS.every((s) => weights[s] === 0)) continue;
      const lead: ScorableLead = {
        contactName: pick(['', 'A']),
        email: pick(['', 'bad', 'a@gmail.com', 'a@acme.com']),
        phone: pick(['', '12', '+1 999 555 0123', '+49 30 901820']),
        estimatedValue: pick([null, 0, 1, 123_456, 10_000_000].map((v) => (v === null ? null : minor(v)))),
      };
      const context: ScoreContext = {
        ...CONTEXT,
        duplicate: pick([null, { matchedOn: ['email'] as const }, { matchedOn: ['companyDomain'] as const }]),
        partnerDecisions: { approved: next(40), converted: next(10), rejected: next(40) },
      };
      const { score, breakdown } = scoreLead(lead, context, weights);
      expect(breakdown.map((l) => l.signal)).toEqual([...LEAD_SCORE_SIGNALS]);
      expect(breakdown.reduce((sum, l) => sum + l.max, 0)).toBe(100);
      expect(breakdown.reduce((sum, l) => sum + l.points, 0)).toBe(score);
      for (const line of breakdown) {
        expect(Number.isInteger(line.points) && line.points >= 0 && line.points <= line.max).toBe(true);
        expect(line.sentence.endsWith(`+${line.points}`) || line.sentence.endsWith('(weight 0, signal off)')).toBe(true);
      }
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(100);
    }
  });
});

describe('scoreLead: weights', () => {
  it('gives one signal all 100 points when the others weigh 0', () => {
    const weights = only('email');
    expect(leadScoreMaxima(weights)).toEqual({ completeness: 0, email: 100, phone: 0, estimated_value: 0, duplicate: 0, partner_history: 0 });
    expect(scoreLead(COMPLETE, CONTEXT, weights).score).toBe(100);
    expect(scoreLead({ ...COMPLETE, email: 'jane@gmail.com' }, CONTEXT, weights).score).toBe(33); // 100/3
    expect(scoreLead({ ...COMPLETE, email: 'nope' }, CONTEXT, weights).score).toBe(0);
    const off = scoreLead(COMPLETE, CONTEXT, weights).breakdown[0];
    expect(off).toEqual({ signal: 'completeness', points: 0, max: 0, sentence: 'All 7 contact fields filled in: +0 (weight 0, signal off)' });
  });

  it.each([
    [DEFAULT_LEAD_SCORE_WEIGHTS, { completeness: 20, email: 15, phone: 15, estimated_value: 20, duplicate: 20, partner_history: 10 }],
    // Doubling every weight changes nothing.
    [{ completeness: 40, email: 30, phone: 30, estimated_value: 40, duplicate: 40, partner_history: 20 }, { completeness: 20, email: 15, phone: 15, estimated_value: 20, duplicate: 20, partner_history: 10 }],
    // 100/6 = 16.67: four leftover points go to the first four (equal remainders, signal order).
    [{ completeness: 1, email: 1, phone: 1, estimated_value: 1, duplicate: 1, partner_history: 1 }, { completeness: 17, email: 17, phone: 17, estimated_value: 17, duplicate: 16, partner_history: 16 }],
    [{ completeness: 1, email: 1, phone: 1, estimated_value: 0, duplicate: 0, partner_history: 0 }, { completeness: 34, email: 33, phone: 33, estimated_value: 0, duplicate: 0, partner_history: 0 }],
    // Largest remainder first: 700/9 = 77.8, 200/9 = 22.2 → 78, 22.
    [{ completeness: 0, email: 2, phone: 0, estimated_value: 7, duplicate: 0, partner_history: 0 }, { completeness: 0, email: 22, phone: 0, estimated_value: 78, duplicate: 0, partner_history: 0 }],
    [{ completeness: 1000, email: 1, phone: 0, estimated_value: 0, duplicate: 0, partner_history: 0 }, { completeness: 100, email: 0, phone: 0, estimated_value: 0, duplicate: 0, partner_history: 0 }],
  ])('scales %j to maxes %j', (weights, maxima) => {
    expect(leadScoreMaxima(weights)).toEqual(maxima);
  });

  it('moves the score the way the weights say', () => {
    const freeMail = { ...COMPLETE, email: 'jane@gmail.com' }; // email earns a third, everything else full
    const base = scoreLead(freeMail, CONTEXT, DEFAULT_LEAD_SCORE_WEIGHTS);
    expect(base.score).toBe(90); // 100 - 15 + 5
    const emailHeavy = scoreLead(freeMail, CONTEXT, withWeights({ email: 85 })); // total 170: email max 50
    expect(pointsOf(emailHeavy).email).toBe(17); // 50/3
    expect(emailHeavy.score).toBeLessThan(base.score);
    const emailOff = scoreLead(freeMail, CONTEXT, withWeights({ email: 0 }));
    expect(emailOff.score).toBe(100);
    // A corporate address gains when email weighs more.
    expect(scoreLead(COMPLETE, CONTEXT, withWeights({ email: 85 })).score).toBe(100);
    const noValue = { ...COMPLETE, estimatedValue: null };
    expect(scoreLead(noValue, CONTEXT, DEFAULT_LEAD_SCORE_WEIGHTS).score).toBe(80);
    expect(scoreLead(noValue, CONTEXT, withWeights({ estimated_value: 80 })).score).toBe(50); // value is now half of all weight
  });

  it.each<[Partial<Record<keyof LeadScoreWeights, number>>, string]>([
    [{ email: -1 }, 'weights.email'],
    [{ phone: 1.5 }, 'weights.phone'],
    [{ duplicate: Number.NaN }, 'weights.duplicate'],
    [{ partner_history: 1001 }, 'weights.partner_history'],
    [{ completeness: 0, email: 0, phone: 0, estimated_value: 0, duplicate: 0, partner_history: 0 }, 'weights'],
  ])('refuses weights %j (field %s)', (over, field) => {
    const weights = withWeights(over);
    expect(() => assertLeadScoreWeights(weights)).toThrow(expect.objectContaining({ code: 'validation', field }));
    expect(() => scoreLead(COMPLETE, CONTEXT, weights)).toThrow(expect.objectContaining({ code: 'validation', field }));
  });

  it('refuses a weight that is not a number at all (settings read from JSON)', () => {
    const weights = { ...DEFAULT_LEAD_SCORE_WEIGHTS, email: '15' } as unknown as LeadScoreWeights;
    expect(() => assertLeadScoreWeights(weights)).toThrow(expect.objectContaining({ field: 'weights.email' }));
  });

  it('says when a phone number cannot be read in the given country', () => {
    const line = scoreLead({ ...COMPLETE, phone: '12' }, CONTEXT, DEFAULT_LEAD_SCORE_WEIGHTS).breakdown[2];
    expect(line).toEqual({ signal: 'phone', points: 0, max: 15, sentence: 'Phone number could not be read: +0' });
  });

  it('refuses a reference deal value that is not positive', () => {
    expect(() => scoreLead(COMPLETE, { ...CONTEXT, referenceDealValue: minor(0) }, DEFAULT_LEAD_SCORE_WEIGHTS)).toThrow(expect.objectContaining({ field: 'referenceDealValue' }));
  });
});

describe('roundHalfEven', () => {
  it.each([
    [0, 1, 0], [1, 3, 0], [2, 3, 1], [5, 2, 2], [7, 2, 4], [3, 2, 2], [1, 2, 0], [15, 2, 8], [100, 7, 14],
    [-5, 2, -2], [-7, 2, -4], [-1, 3, 0], [-2, 3, -1],
    [Number.MAX_SAFE_INTEGER, 2, 4_503_599_627_370_496], // 2^53-1 / 2 = 4503599627370495.5 → even
  ])('%s / %s → %s', (num, den, expected) => {
    expect(roundHalfEven(num, den)).toBe(expected);
  });

  it('refuses a zero or fractional denominator', () => {
    expect(() => roundHalfEven(1, 0)).toThrow(RangeError);
    expect(() => roundHalfEven(1.5, 2)).toThrow(RangeError);
  });
});
