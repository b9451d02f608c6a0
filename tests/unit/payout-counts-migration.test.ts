import { describe, expect, it } from 'vitest';
import { pgliteAcross, sqliteAcross } from '../support/migrate-across';

/*
 * 0015_payout_counts on a store that already has payouts: the counters are backfilled per
 * (tenant, status), and from then on the triggers move them with every insert, status change,
 * total change and delete (a payout of another tenant never counts in this one's).
 */

const TAG = '0015_payout_counts';
const PAYOUTS: [id: string, tenant: string, status: string, total: number][] = [
  ['po1', 't1', 'pending', 1_000],
  ['po2', 't1', 'pending', 2_500],
  ['po3', 't1', 'paid', 7_000],
  ['po4', 't2', 'pending', 300],
];

const insertSql = (ph: (i: number) => string) =>
  `insert into payouts (id, tenant_id, partner_id, number, period_start, period_end, currency, status, line_count, total_minor, generated_by, generated_at, created_at, updated_at, version)
   values (${Array.from({ length: 15 }, (_, i) => ph(i + 1)).join(', ')})`;
const insertParams = ([id, tenant, status, total]: (typeof PAYOUTS)[number], time: unknown) => [id, tenant, 'p1', `PO-${id}`, '2031-01-01', '2031-01-31', 'EUR', status, 1, total, 'u1', time, time, time, 0];

const norm = (rows: Record<string, unknown>[]) => rows.map((r) => `${String(r.tenant_id)}/${String(r.status)}/${Number(r.total)}/${Number(r.total_minor)}`).sort();

/** What the counters must say after the backfill, and after the changes below. */
const BACKFILLED = ['t1/paid/1/7000', 't1/pending/2/3500', 't2/pending/1/300'];
const CHANGED = ['t1/approved/1/1000', 't1/paid/1/7000', 't1/pending/1/2600', 't2/pending/0/0'];

describe(`${TAG} backfills the counters and keeps them`, () => {
  it('on SQLite', () => {
    const conn = sqliteAcross(TAG, (db) => {
      db.pragma('foreign_keys = OFF'); // the payouts' tenants and partner do not exist: foreign keys are not what this tests
      for (const p of PAYOUTS) db.prepare(insertSql(() => '?')).run(...insertParams(p, 1));
    });
    const counts = () => norm(conn.prepare('select * from payout_counts').all() as Record<string, unknown>[]);
    expect(counts()).toEqual(BACKFILLED);
    conn.prepare(`update payouts set status = 'approved' where id = 'po1'`).run();
    conn.prepare(`update payouts set total_minor = 2600 where id = 'po2'`).run();
    conn.prepare(`update payouts set version = 1 where id = 'po3'`).run(); // not a counted column: no change
    conn.prepare(`delete from payouts where id = 'po4'`).run();
    expect(counts()).toEqual(CHANGED);
    conn.close();
  });

  it('on Postgres (PGlite)', async () => {
    const client = await pgliteAcross(TAG, async (db) => {
      // The payouts' tenants and partner do not exist: foreign keys are not what this tests.
      await db.exec('set session_replication_role = replica');
      for (const p of PAYOUTS) await db.query(insertSql((i) => `$${i}`), insertParams(p, new Date()));
      await db.exec('set session_replication_role = origin');
    });
    try {
      const counts = async () => norm((await client.query<Record<string, unknown>>('select * from payout_counts')).rows);
      expect(await counts()).toEqual(BACKFILLED);
      await client.exec(`update payouts set status = 'approved' where id = 'po1'`);
      await client.exec(`update payouts set total_minor = 2600 where id = 'po2'`);
      await client.exec(`update payouts set version = 1 where id = 'po3'`);
      await client.exec(`delete from payouts where id = 'po4'`);
      expect(await counts()).toEqual(CHANGED);
    } finally {
      await client.close();
    }
  });
});
