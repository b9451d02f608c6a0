import { describe, expect, it } from 'vitest';
import { pgliteAcross, sqliteAcross } from '../support/migrate-across';

/*
 * 0007_partner_list on a store that already holds partners: the counters and the search index
 * are backfilled for the existing rows (live ones counted, deleted ones not), then kept by the
 * triggers from there on.
 */

const PARTNERS = [
  // id, tenant, type, status, tier, kyc, legal name, deleted
  ['p1', 't1', 'vendor', 'active', 'gold', 'verified', 'Acme Tools', false],
  ['p2', 't1', 'vendor', 'active', 'gold', 'verified', 'Bravo Acme', false],
  ['p3', 't1', 'portal', 'pending', 'bronze', 'not_started', 'Charlie', false],
  ['p4', 't1', 'vendor', 'active', 'gold', 'verified', 'Acme Deleted', true],
  ['p5', 't2', 'vendor', 'active', 'gold', 'verified', 'Other Acme', false],
] as const;

const insertSql = (ph: (i: number) => string) =>
  `insert into partners (id, tenant_id, code, type, legal_name, display_name, contact_name, contact_email, address, country, commission_model, rate_bp,
     fixed_price_minor, tier, monthly_lead_quota, payout_method, status, kyc_status, search_text, created_at, updated_at, deleted_at, banking_on_hold)
   values (${Array.from({ length: 23 }, (_, i) => ph(i + 1)).join(', ')})`;

function params(p: (typeof PARTNERS)[number], time: (ms: number) => unknown, bool: (b: boolean) => unknown): unknown[] {
  const [id, tenant, type, status, tier, kyc, name, deleted] = p;
  const search = `${id} ${name} ${name} pat pat@x.test`.toLowerCase();
  return [id, tenant, id.toUpperCase(), type, name, name, 'Pat', 'pat@x.test', '{}', 'DE', 'percentage', 1000, 0, tier, 0, 'bank_transfer', status, kyc, search, time(1), time(1), deleted ? time(2) : null, bool(false)];
}

const EXPECTED = [
  't1/portal/pending/bronze/not_started=1',
  't1/vendor/active/gold/verified=2',
  't2/vendor/active/gold/verified=1',
];
const norm = (rows: Record<string, unknown>[]) => rows.map((r) => `${r.tenant_id}/${r.type}/${r.status}/${r.tier}/${r.kyc_status}=${Number(r.total)}`).sort();

describe('0007_partner_list backfills existing partners', () => {
  it('on SQLite: partner_counts and partners_fts', () => {
    const conn = sqliteAcross('0007_partner_list', (db) => {
      db.prepare(`insert into tenants (id, name, currency, settings, created_at) values ('t1', 'T1', 'EUR', '{}', 1), ('t2', 'T2', 'EUR', '{}', 1)`).run();
      const insert = db.prepare(insertSql(() => '?'));
      for (const p of PARTNERS) insert.run(...params(p, (ms) => ms, (b) => (b ? 1 : 0)));
    });

    expect(norm(conn.prepare('select * from partner_counts where total <> 0').all() as Record<string, unknown>[])).toEqual(EXPECTED);
    const match = (q: string) => (conn.prepare(`select p.id from partners_fts f join partners p on p.rowid = f.rowid where partners_fts match ? order by p.id`).all(q) as { id: string }[]).map((r) => r.id);
    expect(match('"acme"')).toEqual(['p1', 'p2', 'p4', 'p5']);
    // Kept from here on: a rename moves the row in the index, a soft delete moves the counters.
    conn.prepare(`update partners set search_text = 'p3 charlie acme charlie acme pat pat@x.test', deleted_at = 5 where id = 'p3'`).run();
    expect(match('"acme"')).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    expect(match('"charlie"')).toEqual(['p3']);
    expect(norm(conn.prepare('select * from partner_counts where total <> 0').all() as Record<string, unknown>[])).toEqual(EXPECTED.slice(1));
    conn.prepare(`delete from partners where id = 'p1'`).run();
    expect(match('"acme"')).toEqual(['p2', 'p3', 'p4', 'p5']);
    expect(norm(conn.prepare('select * from partner_counts where total <> 0').all() as Record<string, unknown>[])).toEqual(['t1/vendor/active/gold/verified=1', 't2/vendor/active/gold/verified=1']);
    conn.close();
  });

  it('on Postgres (PGlite): partner_counts and the pg_trgm index', async () => {
    const client = await pgliteAcross('0007_partner_list', async (db) => {
      await db.query(`insert into tenants (id, name, currency, settings, created_at) values ('t1', 'T1', 'EUR', '{}', now()), ('t2', 'T2', 'EUR', '{}', now())`);
      for (const p of PARTNERS) await db.query(insertSql((i) => `$${i}`), params(p, (ms) => new Date(ms), (b) => b));
    });
    try {
      expect(norm((await client.query<Record<string, unknown>>('select * from partner_counts where total <> 0')).rows)).toEqual(EXPECTED);
      const indexes = (await client.query<{ indexname: string }>("select indexname from pg_indexes where tablename = 'partners'")).rows.map((r) => r.indexname);
      expect(indexes).toContain('partners_search_trgm_idx');
      await client.query(`update partners set status = 'suspended' where id = 'p2'`);
      await client.query(`update partners set deleted_at = now() where id = 'p3'`);
      expect(norm((await client.query<Record<string, unknown>>('select * from partner_counts where total <> 0')).rows)).toEqual([
        't1/vendor/active/gold/verified=1',
        't1/vendor/suspended/gold/verified=1',
        't2/vendor/active/gold/verified=1',
      ]);
    } finally {
      await client.close();
    }
  }, 60_000);
});
