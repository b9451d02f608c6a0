import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input } from '../../src-shared/contract';
import { KYC_STATUSES, PARTNER_SORT_FIELDS, PARTNER_STATUSES, PARTNER_TIERS, PARTNER_TYPES, type PartnerSortField } from '../../src-shared/contract/partners';
import type { PartnerRow } from '../../src-main/services/partners/partner-rows';
import { call } from '../support/actors';
import { engines } from '../support/engines';
import { recording, type Recorded } from '../support/recorded-statements';
import { openPlanExplainer, type PlanExplainer } from '../support/query-plans';
import { insertPartnerRows, listedPartnerRow, ownWorkspace, setUpPartnerSuite, type PartnerSuite } from '../support/partners';

/**
 * CONVENTIONS §16 / issue 10 point 3: the partner list's plans, pinned on every engine, as the
 * leads pin theirs (tests/services/leads-query-plans.test.ts; both record through tests/support/recorded-statements.ts). The
 * SQL is recorded as the real service runs it, answering a real call, so a query
 * that stops matching its index fails here. 800 partners over every type, status, tier and KYC,
 * a second tenant, a share soft-deleted, ANALYZEd: the planners have statistics and a choice.
 */

const reads = (recorded: Recorded[], table: 'partners' | 'partner_counts') =>
  recorded.filter((r) => /^select /i.test(r.sql) && new RegExp(`from ["\`]${table}["\`]`).test(r.sql));



describe.each(engines)('partner list query plans on $name', (engine) => {
  let s: PartnerSuite;
  let ws: { tenantId: string; token: string };
  let explain: PlanExplainer['explain'];
  let close: PlanExplainer['close'] = async () => undefined;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
    ws = await ownWorkspace(s, 'Planned');
    const other = await ownWorkspace(s, 'Other');
    await seed(ws.tenantId, 'P', 800);
    await seed(other.tenantId, 'O', 200);
    ({ explain, close } = await openPlanExplainer(s.app.database, ['partners', 'partner_counts']));
  }, 120_000);
  afterAll(async () => {
    await close();
    await s?.app.dispose();
  });

  async function seed(tenantId: string, tag: string, n: number) {
    const base = Date.parse('2030-06-01T00:00:00.000Z');
    const rows: PartnerRow[] = [];
    for (let i = 0; i < n; i++) {
      // Every 100th carries a rare word: what a selective search looks for (a text most rows contain is rightly read through the btree).
      const legalName = `Name ${tag} ${String((i * 7919) % n).padStart(4, '0')}${i % 100 === 7 ? ' Zyqxwv' : ''}`;
      const code = `PL-${tag}${String(i).padStart(4, '0')}`;
      const contactEmail = `c${i}@${tag.toLowerCase()}plan.test`;
      const kycStatus = KYC_STATUSES[i % KYC_STATUSES.length] as string;
      rows.push(
        listedPartnerRow({
          id: `${tag}-${String(i).padStart(5, '0')}`,
          tenantId,
          code,
          type: PARTNER_TYPES[i % PARTNER_TYPES.length] as string,
          legalName,
          contactName: `P ${i}`,
          contactEmail,
          country: ['AT', 'DE', 'FR', 'NL', 'US'][i % 5] as string,
          tier: PARTNER_TIERS[(i >> 2) % PARTNER_TIERS.length] as string,
          status: PARTNER_STATUSES[(i >> 1) % PARTNER_STATUSES.length] as string,
          kycStatus,
          // A few (about 2 %) will turn expired by date, as in real data.
          kycExpiresOn: kycStatus === 'verified' && i % 50 === 2 ? '2031-01-01' : null,
          createdAt: new Date(base + i * 60_000),
          deletedAt: i % 13 === 6 ? new Date(base) : null,
        }),
      );
    }
    await insertPartnerRows(s.app, rows);
  }

  type ListInput = Input<'partners.list'>;
  const record = (input: ListInput) => recording(() => call(s.app, 'partners.list', input, ws.token));
  /** The page's row reads (a kycStatus sort reads one per status segment). */
  const pageReads = (recorded: Recorded[]) => reads(recorded, 'partners').filter((r) => /order by/i.test(r.sql));

  /** `q`'s plan: through one of `indexes`, no full scan of partners, no sort of its own (unless `ordered` is false). */
  async function expectPlan(q: Recorded, indexes: string[], { ordered = true, bitmap = false } = {}) {
    const plan = await explain(q, { bitmap });
    const shown = `${q.sql}\n${JSON.stringify(q.params)}\n${plan.lines.join('\n')}`;
    expect(plan.indexes.filter((i) => indexes.includes(i)), shown).not.toEqual([]);
    if (engine.name === 'sqlite') {
      expect(plan.lines.filter((l) => /^SCAN (partners|partner_counts)\b(?! VIRTUAL)/.test(l)), shown).toEqual([]);
      if (ordered) expect(plan.lines.filter((l) => l.includes('TEMP B-TREE')), shown).toEqual([]);
    } else {
      expect(plan.lines.filter((l) => l.startsWith('Seq Scan')), shown).toEqual([]);
      if (ordered) expect(plan.lines.filter((l) => /^(Incremental )?Sort\b/.test(l)), shown).toEqual([]);
    }
    return plan;
  }

  const SORT_INDEX: Record<Exclude<PartnerSortField, 'kycStatus'>, string[]> = {
    code: ['partners_live_code_idx', 'partners_tenant_code_uq'],
    legalName: ['partners_live_name_idx'],
    status: ['partners_live_status_idx'],
    tier: ['partners_live_tier_idx'],
    country: ['partners_live_country_idx'],
    createdAt: ['partners_live_created_idx'],
  };

  it('every sort, both directions, first page and a keyset page: a range of its own index, in order', async () => {
    for (const field of PARTNER_SORT_FIELDS) {
      if (field === 'kycStatus') continue;
      for (const direction of ['asc', 'desc'] as const) {
        const input: ListInput = { sort: { field, direction }, limit: 25 };
        const first = await call(s.app, 'partners.list', input, ws.token);
        for (const page of [input, { ...input, cursor: first.nextCursor as string }]) {
          const got = pageReads(await record(page));
          expect(got, `${field} ${direction}`).toHaveLength(1);
          const plan = await expectPlan(got[0] as Recorded, SORT_INDEX[field]);
          // The cursor bounds the range after the tenant (a row value, or the code alone where the unique index makes it one),
          // not a filter on every row before the cursor.
          if (engine.name === 'sqlite' && page.cursor) expect(plan.lines.join('\n')).toMatch(/tenant_id=\? AND (\(\w+,id\)[<>]\(\?,\?\)|code[<>]\?)/);
        }
      }
    }
  });

  it('the kycStatus sort reads each status segment as a range of partners_live_kyc_idx by id', async () => {
    for (const direction of ['asc', 'desc'] as const) {
      // Every page of the walk: together they read every segment, some pages two of them.
      const recorded: Recorded[] = [];
      let cursor: string | null = null;
      do {
        const input: ListInput = { sort: { field: 'kycStatus', direction }, limit: 100, ...(cursor ? { cursor } : {}) };
        recorded.push(...pageReads(await record(input)));
        cursor = (await call(s.app, 'partners.list', input, ws.token)).nextCursor;
      } while (cursor);
      expect(recorded.length).toBeGreaterThan(KYC_STATUSES.length);
      for (const q of recorded) {
        // The expired segment is two reads (the stored expired, and the few past their expiry day: their own index, sorted), merged by id.
        const byDate = /kyc_expires_on["`]? </.test(q.sql) && /kyc_status["`]? <>/.test(q.sql);
        await expectPlan(q, byDate ? ['partners_kyc_expiry_idx'] : ['partners_live_kyc_idx'], { ordered: !byDate });
      }
    }
  });

  it('each filter in the default order walks its own index; the bench filter (status and tier) one of its two', async () => {
    for (const [filter, index] of [
      [{ status: 'suspended' }, ['partners_live_status_created_idx']],
      [{ type: 'vendor' }, ['partners_live_type_created_idx']],
      [{ tier: 'gold' }, ['partners_live_tier_created_idx']],
      [{ kycStatus: 'submitted' }, ['partners_live_kyc_created_idx']],
      [{ kycStatus: 'verified' }, ['partners_live_kyc_created_idx']],
      [{ status: 'active', tier: 'silver' }, ['partners_live_status_created_idx', 'partners_live_tier_created_idx']],
    ] as [ListInput, string[]][]) {
      const first = await call(s.app, 'partners.list', { ...filter, limit: 10 }, ws.token);
      expect(first.nextCursor, JSON.stringify(filter)).not.toBeNull();
      for (const page of [{ ...filter, limit: 10 }, { ...filter, limit: 10, cursor: first.nextCursor as string }]) {
        const got = pageReads(await record(page));
        expect(got).toHaveLength(1);
        await expectPlan(got[0] as Recorded, index).catch((e: Error) => {
          throw new Error(`${JSON.stringify(page)}: ${e.message}`);
        });
      }
    }
  });

  it('the total reads partner_counts by its primary key, never partners; a KYC filter adds one range of partners_kyc_expiry_idx', async () => {
    const pk = engine.name === 'sqlite' ? 'sqlite_autoindex_partner_counts_1' : 'partner_counts_tenant_id_type_status_tier_kyc_status_pk';
    const plain = await record({ status: 'active', tier: 'silver', limit: 10 });
    expect(reads(plain, 'partners').filter((r) => /count\(/i.test(r.sql))).toEqual([]);
    const [counters] = reads(plain, 'partner_counts');
    await expectPlan(counters as Recorded, [pk], { ordered: false });
    for (const kycStatus of ['verified', 'expired'] as const) {
      const kyc = await record({ kycStatus, limit: 10 });
      const corrections = reads(kyc, 'partners').filter((r) => /count\(/i.test(r.sql));
      expect(corrections).toHaveLength(1);
      await expectPlan(corrections[0] as Recorded, ['partners_kyc_expiry_idx'], { ordered: false });
    }
  });

  it('a search of 3 characters or more goes through the text index (FTS5 trigram / pg_trgm GIN), rows and count', async () => {
    for (const q of ['zyqxw', 'qxwv']) {
      const recorded = reads(await record({ q, limit: 20 }), 'partners');
      expect(recorded).toHaveLength(2);
      for (const r of recorded) {
        const plan = await explain(r, { bitmap: true });
        const shown = `${r.sql}\n${plan.lines.join('\n')}`;
        if (engine.name === 'sqlite') {
          expect(plan.lines.some((l) => /partners_fts VIRTUAL TABLE/.test(l)), shown).toBe(true);
          // Driven by the matches (a rowid probe each), never by a walk of the tenant's partners through one of its indexes.
          expect(plan.lines.filter((l) => /^(SCAN|SEARCH) partners\b/.test(l)), shown).toEqual(['SEARCH partners USING INTEGER PRIMARY KEY (rowid=?)']);
        } else {
          expect(plan.indexes, shown).toContain('partners_search_trgm_idx');
          expect(plan.lines.filter((l) => l.startsWith('Seq Scan')), shown).toEqual([]);
        }
      }
    }
  });

  it('a search shorter than 3 characters reads the sort index and a count bounded by the cap', async () => {
    const recorded = await record({ q: 'p0', limit: 20 });
    const [page] = pageReads(recorded);
    await expectPlan(page as Recorded, ['partners_live_created_idx']);
    const counted = reads(recorded, 'partners').filter((r) => /count\(/i.test(r.sql));
    expect(counted).toHaveLength(1);
    // count(*) over a sub-select of at most cap + 1 rows.
    expect((counted[0] as Recorded).sql).toMatch(/count\(\*\) from \(select .* limit/i);
  });
});
