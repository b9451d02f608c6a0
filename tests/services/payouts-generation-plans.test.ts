import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type EngineUnderTest } from '../support/engines';
import { activePartner } from '../support/leads';
import { setUpPartnerSuite, type PartnerSuite } from '../support/partners';
import { approvedCredits, generateAndWait } from '../support/payouts';
import { recording, type Recorded } from '../support/recorded-statements';

/**
 * The statements of a set-based generation chunk, on a SQLite file that was never ANALYZEd (every
 * install, and the bench's): with tens of partner ids and hundreds of credit ids in their IN
 * lists, SQLite's planner without statistics preferred the tenant-wide indexes (partners by
 * partners_tenant_code_uq, credits by credits_queue_idx) over the primary key, which took the
 * tenant-month at seed scale from seconds to six minutes. Each statement here must be driven by
 * the index named, whatever else its WHERE clause says.
 */
function sqliteEngine(): EngineUnderTest {
  const found = engines.find((e) => e.name === 'sqlite');
  if (!found) throw new Error('the SQLite engine is always under test');
  return found;
}

describe('generation chunk plans on SQLite without statistics', () => {
  let s: PartnerSuite;
  let recorded: Recorded[] = [];

  beforeAll(async () => {
    s = await setUpPartnerSuite(sqliteEngine());
    const partners: string[] = [];
    for (let i = 0; i < 24; i++) partners.push((await activePartner(s)).id);
    for (const id of partners) await approvedCredits(s, id, Array.from({ length: 12 }, (_, k) => ({ amountMinor: 2_000 + k })));
    recorded = await recording(async () => {
      const run = await generateAndWait(s, s.staff.manager.token);
      expect(run).toMatchObject({ status: 'completed', payoutsCreated: 24 });
    });
  }, 120_000);
  afterAll(async () => {
    await s?.app.dispose();
  });

  async function plansOf(pick: RegExp): Promise<string[]> {
    const statements = recorded.filter((r) => pick.test(r.sql));
    expect(statements.length).toBeGreaterThan(0);
    const rows = await s.app.database.raw("select count(*) as n from sqlite_stat1 where tbl in ('credits', 'partners', 'payouts')").catch(() => [{ n: 0 }]);
    expect(rows).toEqual([{ n: 0 }]);
    return Promise.all(statements.map(async (q) => (await s.app.database.raw(`EXPLAIN QUERY PLAN ${q.sql}`, q.params)).map((r) => String(r.detail)).join(' | ')));
  }

  it("the run's partners are pages of partners_tenant_code_uq, each partner one probe of credits_partner_idx", async () => {
    const plans = await plansOf(/^select "id", "code" from "partners" where .*exists \(select 1 from "credits"/);
    for (const plan of plans) {
      expect(plan).toMatch(/SEARCH partners USING INDEX partners_tenant_code_uq \(tenant_id=\? AND code>\?\)/);
      expect(plan).toMatch(/SEARCH credits (EXISTS )?USING INDEX credits_partner_idx \(tenant_id=\? AND partner_id=\? AND status=\? AND payout_stage=\?\)/);
    }
  });

  it("the chunk's partners are primary-key lookups", async () => {
    for (const plan of await plansOf(/^select .* from "partners" where \("partners"."id" in/)) expect(plan).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_partners_1 \(id=\?\)/);
  });

  it("the pools are ranges of credits_partner_idx, the compare-and-set primary-key lookups", async () => {
    for (const plan of await plansOf(/^select .* from "credits" where .*"credits"."partner_id" in/)) expect(plan).toMatch(/USING INDEX credits_partner_idx/);
    for (const plan of await plansOf(/^update "credits" set "payout_id" = \(select/)) expect(plan).toMatch(/^SEARCH credits USING INDEX sqlite_autoindex_credits_1 \(id=\?\)/);
  });

  it("the month's earlier numbers are read from payouts_partner_idx alone, what the run did by probes of payouts_run_partner_uq", async () => {
    for (const plan of await plansOf(/^select .* from "payouts" where .*"payouts"."number" like/)) expect(plan).toMatch(/USING COVERING INDEX payouts_partner_idx/);
    for (const plan of await plansOf(/^select "partner_id" from "payouts" where .*"payouts"."run_id" = \?.*"payouts"."partner_id" in/)) expect(plan).toMatch(/USING (COVERING )?INDEX payouts_run_partner_uq \(run_id=\? AND partner_id=\?\)/);
  });

  it("what the run did: still probes when the statistics were taken before any run (they call the runs' partial indexes empty)", async () => {
    const done = recorded.filter((r) => /^select "partner_id" from "payouts" where .*"payouts"."run_id" = \?.*"payouts"."partner_id" in/.test(r.sql));
    expect(done.length).toBeGreaterThan(0);
    // Its own connection: the app's reader is read-only, and statistics load per connection.
    const conn = new BetterSqlite3(join(s.app.deps.dataDir, 'partnerdesk.sqlite'));
    try {
      conn.exec('ANALYZE');
      conn.exec("UPDATE sqlite_stat1 SET stat = '0 0 0 0' WHERE idx = 'payouts_run_idx'");
      conn.exec("UPDATE sqlite_stat1 SET stat = '0 0 0' WHERE idx = 'payouts_run_partner_uq'");
      conn.exec('ANALYZE sqlite_schema');
      for (const q of done) {
        const plan = (conn.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.params as unknown[])) as { detail: string }[]).map((r) => r.detail).join(' | ');
        expect(plan).toMatch(/USING (COVERING )?INDEX payouts_run_partner_uq \(run_id=\? AND partner_id=\?\)/);
      }
    } finally {
      conn.exec('DROP TABLE IF EXISTS sqlite_stat1');
      conn.close();
    }
  });
});
