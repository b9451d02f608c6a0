import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, KycStatus, Output, PartnerSortField, PartnerSummary } from '../../src-shared/contract';
import { KYC_STATUSES, PARTNER_SORT_FIELDS, PARTNER_STATUSES, PARTNER_TIERS, PARTNER_TYPES } from '../../src-shared/contract/partners';
import { encodeKeyset } from '../../src-main/data/keyset';
import { SHORT_SEARCH_COUNT_CAP } from '../../src-main/services/partners/partner-list';
import type { PartnerRow } from '../../src-main/services/partners/partner-rows';
import { call } from '../support/actors';
import { callError } from '../support/outcomes';
import { engines } from '../support/engines';
import { createPartner, insertPartnerRows, listedPartnerRow, ownWorkspace, setUpPartnerSuite, uploadDocument, type PartnerSuite } from '../support/partners';

/*
 * partners.list at the level of whole sets: keyset pages walk every sort and direction without a
 * gap or a repeat (ties on the sort key included), the totals from partner_counts equal a count
 * of the rows through every kind of write, and the indexed search finds substrings, ranks name
 * matches first and keeps the user's metacharacters literal. The seeded rows are written
 * directly (the counters and the FTS index are kept by triggers, whoever writes), with keys
 * chosen so that every collation orders them the same way (upper-case ASCII letters, digits).
 */

type ListInput = Input<'partners.list'>;
type Page = Output<'partners.list'>;

const TODAY = '2031-03-03'; // the suite clock's day (tests/support/partners.ts), the workspace's time zone being UTC
const NAMES = ['ALPHA', 'BRAVO', 'CHARLIE', 'DELTA', 'ECHO'];
const COUNTRIES = ['AT', 'DE', 'FR'];

describe.each(engines)('partners.list on $name', (engine) => {
  let s: PartnerSuite;
  let ws: { tenantId: string; token: string };
  let other: { tenantId: string; token: string };
  /** The seeded rows as the list must show them (live ones only). */
  let live: PartnerSummary[];

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
    ws = await ownWorkspace(s, 'List Seeds');
    other = await ownWorkspace(s, 'Other Tenant');
    live = await seed(ws.tenantId, 'S', 64);
    await seed(other.tenantId, 'O', 12);
  }, 120_000);
  afterAll(async () => {
    await s?.app.dispose();
  });

  /**
   * `n` partners: names repeating every five (ties), creation instants repeating every three
   * (ties), every status, tier, type and stored KYC; every 9th soft-deleted; some with a KYC
   * that turned expired by date yesterday, one expiring today (still valid today).
   */
  async function seed(tenantId: string, tag: string, n: number): Promise<PartnerSummary[]> {
    const base = Date.parse('2031-01-01T00:00:00.000Z');
    const rows: PartnerRow[] = [];
    for (let i = 0; i < n; i++) {
      const legalName = `${NAMES[i % NAMES.length]} ${tag}${i % 7}`;
      const code = `SEED-${tag}${String(i).padStart(3, '0')}`;
      const contactEmail = `contact${i}@${tag.toLowerCase()}mail.test`;
      const kycStatus = KYC_STATUSES[i % KYC_STATUSES.length] as KycStatus;
      const kycExpiresOn = kycStatus === 'expired' ? null : i % 6 === 1 ? '2031-03-02' : i % 11 === 3 ? TODAY : i % 4 === 0 ? '2031-12-31' : null;
      const at = new Date(base + Math.floor(i / 3) * 3_600_000);
      rows.push(
        listedPartnerRow({
          id: `${tag.toLowerCase()}-${String((i * 37) % 101).padStart(3, '0')}-${i}`,
          tenantId,
          code,
          type: PARTNER_TYPES[i % PARTNER_TYPES.length] as string,
          legalName,
          contactName: `Person ${i}`,
          contactEmail,
          country: COUNTRIES[i % COUNTRIES.length] as string,
          tier: PARTNER_TIERS[i % PARTNER_TIERS.length] as string,
          status: PARTNER_STATUSES[(i >> 1) % PARTNER_STATUSES.length] as string,
          kycStatus,
          kycExpiresOn,
          createdAt: at,
          deletedAt: i % 9 === 4 ? at : null,
        }),
      );
    }
    await insertPartnerRows(s.app, rows);
    return rows
      .filter((r) => r.deletedAt === null)
      .map((r) => ({
        id: r.id,
        code: r.code,
        type: r.type as PartnerSummary['type'],
        legalName: r.legalName,
        displayName: r.displayName,
        status: r.status as PartnerSummary['status'],
        kycStatus: r.kycExpiresOn !== null && r.kycExpiresOn < TODAY ? 'expired' : (r.kycStatus as KycStatus),
        tier: r.tier as PartnerSummary['tier'],
        country: r.country,
        contactEmail: r.contactEmail,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      }));
  }

  const list = (input: ListInput, token = ws.token) => call(s.app, 'partners.list', input, token);

  /** Every page of `input`, following nextCursor; the totals of every page. */
  async function walk(input: ListInput, token = ws.token): Promise<{ rows: PartnerSummary[]; totals: number[]; pages: number }> {
    const rows: PartnerSummary[] = [];
    const totals: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await list({ ...input, ...(cursor ? { cursor } : {}) }, token);
      rows.push(...page.rows);
      totals.push(page.total);
      cursor = page.nextCursor;
      expect(++pages).toBeLessThan(200);
    } while (cursor);
    return { rows, totals, pages };
  }

  const keyOf = (r: PartnerSummary, field: PartnerSortField) => r[field];
  function sorted(rows: PartnerSummary[], field: PartnerSortField, direction: 'asc' | 'desc'): string[] {
    const sign = direction === 'asc' ? 1 : -1;
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return [...rows].sort((a, b) => sign * (cmp(keyOf(a, field), keyOf(b, field)) || cmp(a.id, b.id))).map((r) => r.id);
  }

  it('walks every sort, both directions, page by page, without a gap or a repeat (ties on the key included)', async () => {
    for (const field of PARTNER_SORT_FIELDS) {
      for (const direction of ['asc', 'desc'] as const) {
        const got = await walk({ sort: { field, direction }, limit: 7 });
        const label = `${field} ${direction}`;
        expect(got.rows.map((r) => r.id), label).toEqual(sorted(live, field, direction));
        expect(got.pages, label).toBe(Math.ceil(live.length / 7));
        expect(new Set(got.totals), label).toEqual(new Set([live.length]));
      }
    }
    // Each row is the summary of its partner, with the effective KYC.
    const byId = new Map(live.map((r) => [r.id, r]));
    for (const row of (await list({ limit: 100 })).rows) expect(row).toEqual(byId.get(row.id));
  });

  it('walks filtered and KYC-filtered lists the same way, and their totals equal the rows', async () => {
    const cases: [ListInput, (r: PartnerSummary) => boolean][] = [
      [{ status: 'active' }, (r) => r.status === 'active'],
      [{ type: 'vendor', tier: 'gold' }, (r) => r.type === 'vendor' && r.tier === 'gold'],
      ...KYC_STATUSES.map((k): [ListInput, (r: PartnerSummary) => boolean] => [{ kycStatus: k }, (r) => r.kycStatus === k]),
      [{ kycStatus: 'expired', status: 'pending' }, (r) => r.kycStatus === 'expired' && r.status === 'pending'],
      [{ kycStatus: 'verified', tier: 'bronze' }, (r) => r.kycStatus === 'verified' && r.tier === 'bronze'],
    ];
    for (const [filter, keep] of cases) {
      const want = live.filter(keep);
      for (const field of ['createdAt', 'kycStatus', 'legalName'] as const) {
        for (const direction of ['asc', 'desc'] as const) {
          const label = `${JSON.stringify(filter)} ${field} ${direction}`;
          const got = await walk({ ...filter, sort: { field, direction }, limit: 4 });
          expect(got.rows.map((r) => r.id), label).toEqual(sorted(want, field, direction));
          expect(new Set(got.totals), label).toEqual(new Set([want.length]));
        }
      }
    }
  });

  it('KYC at the edge of its expiry: expired the day after kyc_expires_on, not on it', async () => {
    const t = s.app.database.t.partners;
    const stored = (day: string) =>
      s.app.database.db
        .select({ id: t.id, kyc: t.kycStatus })
        .from(t)
        .where(and(eq(t.tenantId, ws.tenantId), eq(t.kycExpiresOn, day), isNull(t.deletedAt)));
    const today = await stored(TODAY);
    const yesterday = (await stored('2031-03-02')).filter((r) => r.kyc === 'verified');
    expect(today.length).toBeGreaterThan(0);
    expect(yesterday.length).toBeGreaterThan(0);
    const ids = async (kycStatus: KycStatus) => {
      const got = await walk({ kycStatus, limit: 50 });
      expect(new Set(got.totals)).toEqual(new Set([got.rows.length]));
      return got.rows.map((r) => r.id);
    };
    const expired = await ids('expired');
    const verified = await ids('verified');
    // Expiring today: still its stored status today.
    for (const edge of today) {
      expect(await ids(edge.kyc as KycStatus)).toContain(edge.id);
      expect(expired).not.toContain(edge.id);
    }
    // A stored "verified" whose expiry day was yesterday counts as expired, in the rows and in the totals.
    for (const flipped of yesterday) {
      expect(expired).toContain(flipped.id);
      expect(verified).not.toContain(flipped.id);
    }
  });

  it('totals come from partner_counts and stay equal to a count through creates, updates, transitions, KYC changes and soft deletes', async () => {
    const mine = await ownWorkspace(s, 'Counted');
    const combos: ListInput[] = [{}, { type: 'vendor' }, { status: 'active' }, { tier: 'gold' }, { kycStatus: 'submitted' }, { kycStatus: 'not_started', type: 'vendor', tier: 'gold', status: 'pending' }];
    const t = s.app.database.t;
    const check = async (label: string) => {
      // The counters, row for row, against a group-by of the live partners.
      const counters = await s.app.database.db
        .select({ type: t.partnerCounts.type, status: t.partnerCounts.status, tier: t.partnerCounts.tier, kyc: t.partnerCounts.kycStatus, n: t.partnerCounts.total })
        .from(t.partnerCounts)
        .where(eq(t.partnerCounts.tenantId, mine.tenantId));
      const grouped = await s.app.database.db
        .select({ type: t.partners.type, status: t.partners.status, tier: t.partners.tier, kyc: t.partners.kycStatus, n: count() })
        .from(t.partners)
        .where(and(eq(t.partners.tenantId, mine.tenantId), isNull(t.partners.deletedAt)))
        .groupBy(t.partners.type, t.partners.status, t.partners.tier, t.partners.kycStatus);
      const norm = (rows: { type: string; status: string; tier: string; kyc: string; n: number }[]) =>
        rows.filter((r) => Number(r.n) !== 0).map((r) => `${r.type}/${r.status}/${r.tier}/${r.kyc}=${Number(r.n)}`).sort();
      expect(norm(counters), label).toEqual(norm(grouped));
      for (const combo of combos) {
        const all = await walk({ ...combo, limit: 100 }, mine.token);
        expect(new Set(all.totals), `${label} ${JSON.stringify(combo)}`).toEqual(new Set([all.rows.length]));
      }
    };
    const a = await createPartner(s.app, mine.token, { type: 'vendor', terms: { commissionModel: 'percentage', rateBp: 500, tier: 'gold' } });
    const b = await createPartner(s.app, mine.token, { type: 'vendor' });
    await createPartner(s.app, mine.token, { type: 'customer' });
    await check('after creates');
    await call(s.app, 'partners.update', { id: b.id, type: 'portal', terms: { commissionModel: 'percentage', rateBp: 500, tier: 'gold' } }, mine.token);
    await check('after type and tier changes');
    await call(s.app, 'partners.reject', { id: a.id, reason: 'Out of region' }, mine.token);
    await call(s.app, 'partners.reject', { id: b.id, reason: 'Out of region' }, mine.token);
    await check('after rejections');
    await call(s.app, 'partners.reapply', { id: a.id }, mine.token);
    await check('after status transitions');
    await uploadDocument(s.app, mine.token, a.id, 'tax_form');
    await check('after a KYC change');
    await call(s.app, 'partners.delete', { id: b.id, reason: 'Test entry' }, mine.token);
    await check('after a soft delete');
    expect((await list({}, mine.token)).total).toBe(2);
  });

  it('search finds substrings of name, code and e-mail, ranks name matches first, then the requested order', async () => {
    const mine = await ownWorkspace(s, 'Searched');
    const named = await createPartner(s.app, mine.token, { legalName: 'Quartzite Holdings', contact: { name: 'Ann', email: 'ann@plain.test' } });
    const mailed = await createPartner(s.app, mine.token, { legalName: 'Plain Works', contact: { name: 'Bob', email: 'bob@quartzite.test' } });
    const shown = await createPartner(s.app, mine.token, { legalName: 'Other Legal', displayName: 'Quartzite Retail', contact: { name: 'Cy', email: 'cy@plain.test' } });
    const coded = await createPartner(s.app, mine.token, { code: 'QUARTZITE-9', legalName: 'Coded Ltd', contact: { name: 'Di', email: 'di@plain.test' } });
    const ids = async (input: ListInput) => (await list(input, mine.token)).rows.map((r) => r.id);

    // Name matches (legal or display) first, then the others, each group newest first by default.
    expect(await ids({ q: 'quartz' })).toEqual([shown.id, named.id, coded.id, mailed.id]);
    expect(await ids({ q: 'QUARTZ', sort: { field: 'legalName', direction: 'asc' } })).toEqual([shown.id, named.id, coded.id, mailed.id]);
    expect(await ids({ q: 'quartz', sort: { field: 'legalName', direction: 'desc' } })).toEqual([named.id, shown.id, mailed.id, coded.id]);
    expect(await ids({ q: 'rtzite-9' })).toEqual([coded.id]);
    expect(await ids({ q: 'bob@quar' })).toEqual([mailed.id]);
    expect(await ids({ q: 'ite hold' })).toEqual([named.id]);
    // Paged by cursor through the ranking.
    const walked = await walk({ q: 'quartz', limit: 1 }, mine.token);
    expect(walked.rows.map((r) => r.id)).toEqual([shown.id, named.id, coded.id, mailed.id]);
    expect(new Set(walked.totals)).toEqual(new Set([4]));
    expect((await list({ q: 'quartz', status: 'pending', type: 'customer' }, mine.token)).total).toBe(0);
  });

  it('search on the seeded set equals a substring filter, for every sort and a page walk', async () => {
    for (const q of ['lta s', 'seed-s0', 'smail', 'echo', 'contact1']) {
      const want = live.filter((r) => `${r.code} ${r.legalName} ${r.displayName} ${r.contactEmail}`.toLowerCase().includes(q));
      const got = await walk({ q, sort: { field: 'code', direction: 'asc' }, limit: 5 });
      expect(new Set(got.rows.map((r) => r.id)), q).toEqual(new Set(want.map((r) => r.id)));
      expect(got.rows, q).toHaveLength(want.length);
      expect(new Set(got.totals), q).toEqual(new Set([want.length]));
    }
  });

  it('metacharacters stay literal; FTS syntax in the text is just text', async () => {
    const mine = await ownWorkspace(s, 'Literal');
    const make = (legalName: string) => createPartner(s.app, mine.token, { legalName, contact: { name: 'X', email: `x${Math.random().toString(36).slice(2, 8)}@lit.test` } });
    const pct = await make('Fifty% Partners');
    await make('Fiftyx Partners');
    const und = await make('Under_Line GmbH');
    await make('UnderXLine GmbH');
    const quote = await make('The "Quoted" Co');
    const fts = await make('Alpha OR Beta NEAR');
    const slash = await make('Back\\Slash AG');
    const ids = async (q: string) => (await list({ q }, mine.token)).rows.map((r) => r.id);
    expect(await ids('fifty%')).toEqual([pct.id]);
    expect(await ids('under_line')).toEqual([und.id]);
    expect(await ids('%')).toEqual([pct.id]);
    expect(await ids('_')).toEqual([und.id]);
    expect(await ids('"quoted"')).toEqual([quote.id]);
    expect(await ids('e "q')).toEqual([quote.id]);
    expect(await ids('a or b')).toEqual([fts.id]);
    expect(await ids('NEAR')).toEqual([fts.id]);
    expect(await ids('k\\s')).toEqual([slash.id]);
    expect(await ids('*')).toEqual([]);
  });

  it('a query shorter than 3 characters reads a bounded set: its count stops at the cap', async () => {
    const mine = await ownWorkspace(s, 'Short');
    const few = await seed(mine.tenantId, 'Q', 30);
    const page = await list({ q: 'q1', limit: 5 }, mine.token);
    const want = few.filter((r) => `${r.code} ${r.legalName} ${r.displayName} ${r.contactEmail}`.toLowerCase().includes('q1'));
    expect({ total: page.total, exact: page.totalExact }).toEqual({ total: want.length, exact: true });
    const walked = await walk({ q: 'q1', limit: 5, sort: { field: 'createdAt', direction: 'desc' } }, mine.token);
    expect(walked.rows.map((r) => r.id)).toEqual(sorted(want, 'createdAt', 'desc'));
    // More matches than the cap: the total says "at least".
    const many = await ownWorkspace(s, 'Many');
    await seed(many.tenantId, 'M', SHORT_SEARCH_COUNT_CAP + 200); // every 9th is deleted
    const capped = await list({ q: 'm', limit: 10 }, many.token);
    expect({ total: capped.total, exact: capped.totalExact, rows: capped.rows.length }).toEqual({ total: SHORT_SEARCH_COUNT_CAP, exact: false, rows: 10 });
    expect((await list({ q: 'mmail', limit: 1 }, many.token)).totalExact).toBe(true);
  }, 120_000);

  it("another tenant's partners never appear: not in pages, totals or search", async () => {
    const theirs = await walk({ limit: 50 }, other.token);
    expect(theirs.rows.every((r) => r.code.startsWith('SEED-O'))).toBe(true);
    const ours = await walk({ limit: 50 });
    expect(ours.rows.some((r) => r.code.startsWith('SEED-O'))).toBe(false);
    expect((await list({ q: 'omail' })).total).toBe(0);
    expect((await list({ q: 'seed-o' })).rows).toEqual([]);
    expect((await list({ q: 'o' })).rows.some((r) => r.code.startsWith('SEED-O'))).toBe(false);
  });

  it('a cursor that does not decode, or belongs to another sort or list, is a validation error on cursor', async () => {
    const first = await list({ sort: { field: 'legalName', direction: 'asc' }, limit: 3 });
    const cursor = first.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    for (const input of [
      { cursor: 'bm90IGpzb24' },
      { cursor: '!!!' },
      { cursor, sort: { field: 'legalName', direction: 'desc' } },
      { cursor, sort: { field: 'createdAt', direction: 'asc' } },
      { cursor, q: 'alpha' },
      { cursor: encodeKeyset('p.b.createdAt.desc', ['yesterday', 'x']) },
      { cursor: encodeKeyset('p.b.kycStatus.asc', ['pending', 'x']) },
      { cursor: encodeKeyset('p.b.legalName.asc', ['ALPHA']) },
    ] as ListInput[]) {
      expect(await callError(s.app, 'partners.list', { limit: 3, sort: { field: 'legalName', direction: 'asc' }, ...input }, ws.token), JSON.stringify(input)).toMatchObject({
        code: 'validation',
        field: 'cursor',
      });
    }
  });
});
