import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readMigrations } from '../../src-main/data/migrate';

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
    const conn = new BetterSqlite3(':memory:');
    const files = readMigrations('sqlite');
    const at = files.findIndex((f) => f.tag === TAG);
    expect(at).toBeGreaterThan(0);
    for (const f of files.slice(0, at)) for (const st of f.statements) conn.exec(st);
    conn.prepare(`insert into tenants (id, name, currency, settings, created_at) values ('t1', 'T1', 'EUR', '{}', 1)`).run();
    conn.prepare(runSql(() => '?')).run(...runParams('r1', SKIPS, 1));
    conn.prepare(runSql(() => '?')).run(...runParams('r2', [], 1));
    for (const f of files.slice(at)) for (const st of f.statements) conn.exec(st);
    expect(norm(conn.prepare('select * from payout_run_skips').all() as Record<string, unknown>[])).toEqual(EXPECTED);
    expect((conn.prepare('select name from pragma_table_info(?)').all('payout_runs') as { name: string }[]).map((c) => c.name)).not.toContain('skipped');
    conn.close();
  });

  it('on Postgres (PGlite)', async () => {
    const client = new PGlite({ extensions: { pg_trgm } });
    try {
      const files = readMigrations('pg');
      const at = files.findIndex((f) => f.tag === TAG);
      for (const f of files.slice(0, at)) for (const st of f.statements) await client.exec(st);
      await client.query(`insert into tenants (id, name, currency, settings, created_at) values ('t1', 'T1', 'EUR', '{}', now())`);
      await client.query(runSql((i) => `$${i}`), runParams('r1', SKIPS, new Date()));
      await client.query(runSql((i) => `$${i}`), runParams('r2', [], new Date()));
      for (const f of files.slice(at)) for (const st of f.statements) await client.exec(st);
      expect(norm((await client.query<Record<string, unknown>>('select * from payout_run_skips')).rows)).toEqual(EXPECTED);
      const columns = (await client.query<{ column_name: string }>("select column_name from information_schema.columns where table_name = 'payout_runs'")).rows.map((r) => r.column_name);
      expect(columns).not.toContain('skipped');
    } finally {
      await client.close();
    }
  });
});
