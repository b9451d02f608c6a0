import { describe, expect, it } from 'vitest';
import { pgliteAcross, sqliteAcross } from '../support/migrate-across';

/*
 * 0014_payout_run_skips on a store whose runs kept their reports as a JSON list: every skip moves
 * to its row (a missing code, name or message gets the placeholder the report showed), the
 * column goes, and a run without skips has no rows.
 */

const TAG = '0014_payout_run_skips';
const SKIPS = [
  { partnerId: 'p1', partnerCode: 'CP-0001', partnerName: 'Acme', reason: 'below_minimum', amountMinor: 4_999, message: 'Available €49.99 is below the minimum payout of €50.00: it carries over.' },
  { partnerId: 'p2', reason: 'suspended', amountMinor: 0 },
];
const EXPECTED = [
  'r1/p1/t1/CP-0001/Acme/below_minimum/4999/Available €49.99 is below the minimum payout of €50.00: it carries over.',
  'r1/p2/t1/?/Unknown partner/suspended/0/',
];
const norm = (rows: Record<string, unknown>[]) =>
  rows.map((r) => [r.run_id, r.partner_id, r.tenant_id, r.partner_code, r.partner_name, r.reason, Number(r.amount_minor), r.message].join('/')).sort();

const runSql = (ph: (i: number) => string) =>
  `insert into payout_runs (id, tenant_id, period_start, period_end, status, partners_total, partners_done, payouts_created, total_minor, skipped, idempotency_key, started_by, started_at)
   values (${Array.from({ length: 13 }, (_, i) => ph(i + 1)).join(', ')})`;
const runParams = (id: string, skipped: unknown[], time: unknown) => [id, 't1', '2031-02-01', '2031-02-28', 'completed', 2, 2, 0, 0, JSON.stringify(skipped), `key-${id}`, 'u1', time];

describe(`${TAG} moves kept run reports into rows`, () => {
  it('on SQLite', () => {
    const conn = sqliteAcross(TAG, (db) => {
      db.prepare(`insert into tenants (id, name, currency, settings, created_at) values ('t1', 'T1', 'EUR', '{}', 1)`).run();
      db.prepare(runSql(() => '?')).run(...runParams('r1', SKIPS, 1));
      db.prepare(runSql(() => '?')).run(...runParams('r2', [], 1));
    });
    expect(norm(conn.prepare('select * from payout_run_skips').all() as Record<string, unknown>[])).toEqual(EXPECTED);
    expect((conn.prepare('select name from pragma_table_info(?)').all('payout_runs') as { name: string }[]).map((c) => c.name)).not.toContain('skipped');
    conn.close();
  });

  it('on Postgres (PGlite)', async () => {
    const client = await pgliteAcross(TAG, async (db) => {
      await db.query(`insert into tenants (id, name, currency, settings, created_at) values ('t1', 'T1', 'EUR', '{}', now())`);
      await db.query(runSql((i) => `$${i}`), runParams('r1', SKIPS, new Date()));
      await db.query(runSql((i) => `$${i}`), runParams('r2', [], new Date()));
    });
    try {
      expect(norm((await client.query<Record<string, unknown>>('select * from payout_run_skips')).rows)).toEqual(EXPECTED);
      const columns = (await client.query<{ column_name: string }>("select column_name from information_schema.columns where table_name = 'payout_runs'")).rows.map((r) => r.column_name);
      expect(columns).not.toContain('skipped');
    } finally {
      await client.close();
    }
  });
});
