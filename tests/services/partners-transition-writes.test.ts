import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/engines';
import { call } from '../support/actors';
import { createPartner, makeKycVerified, partnerRow, setUpPartnerSuite, type PartnerSuite } from '../support/partners';

/**
 * What a status change writes, on every engine: the partner row once (no KYC update when the
 * refreshed KYC equals the stored one), the stored KYC when it was stale, and an answer equal
 * to a fresh read (the service builds it from the loaded row instead of RETURNING). Each UPDATE
 * of a partner row is logged by a trigger the test adds behind the app's back.
 */
describe.each(engines)('partners: what a status change writes on $name', (engine) => {
  let s: PartnerSuite;
  const admin = () => s.admin.token;

  /** Runs a statement on the store from outside the app (SQLite: a connection of its own; the app's reader is read-only). */
  async function outside(sqlite: string, pg: string): Promise<void> {
    if (engine.name === 'sqlite') {
      const conn = new BetterSqlite3(join(s.app.deps.dataDir, 'partnerdesk.sqlite'));
      try {
        conn.exec(sqlite);
      } finally {
        conn.close();
      }
    } else await s.app.database.raw(pg);
  }

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
    await outside('CREATE TABLE test_partner_updates (n INTEGER PRIMARY KEY, id TEXT, kyc_changed INTEGER)', 'CREATE TABLE test_partner_updates (n serial PRIMARY KEY, id text, kyc_changed integer)');
    await outside(
      'CREATE TRIGGER test_partner_updates AFTER UPDATE ON partners BEGIN INSERT INTO test_partner_updates (id, kyc_changed) VALUES (new.id, old.kyc_status IS NOT new.kyc_status); END',
      `CREATE FUNCTION test_partner_updates_log() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
         INSERT INTO test_partner_updates (id, kyc_changed) VALUES (NEW.id, (OLD.kyc_status IS DISTINCT FROM NEW.kyc_status)::int); RETURN NULL; END; $$`,
    );
    if (engine.name !== 'sqlite') await s.app.database.raw('CREATE TRIGGER test_partner_updates AFTER UPDATE ON partners FOR EACH ROW EXECUTE FUNCTION test_partner_updates_log()');
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  /** The partner's row updates logged since the last call, in order: whether each changed the stored KYC. */
  let seen = 0;
  async function updatesOf(id: string): Promise<boolean[]> {
    const rows = await s.app.database.raw(engine.name === 'sqlite' ? 'SELECT n, id, kyc_changed FROM test_partner_updates WHERE n > ? ORDER BY n' : 'SELECT n, id, kyc_changed FROM test_partner_updates WHERE n > $1 ORDER BY n', [seen]);
    seen = Math.max(seen, ...rows.map((r) => Number(r.n)));
    return rows.filter((r) => r.id === id).map((r) => Number(r.kyc_changed) === 1);
  }

  it('an approval with KYC unchanged updates the partner once, and answers as a fresh read does; so does a suspension', async () => {
    const partner = await createPartner(s.app, admin());
    await makeKycVerified(s.app, admin(), partner.id);
    await updatesOf(partner.id);

    const approved = await call(s.app, 'partners.approve', { id: partner.id }, admin());
    expect(await updatesOf(partner.id)).toEqual([false]);
    expect(approved).toMatchObject({ status: 'active', kycStatus: 'verified' });
    expect(approved).toEqual(await call(s.app, 'partners.get', { id: partner.id }, admin()));

    const suspended = await call(s.app, 'partners.suspend', { id: partner.id, reason: 'Unpaid invoices' }, admin());
    expect(await updatesOf(partner.id)).toEqual([false]);
    expect(suspended).toMatchObject({ status: 'suspended', statusReason: 'Unpaid invoices' });
    expect(suspended).toEqual(await call(s.app, 'partners.get', { id: partner.id }, admin()));
  });

  it('an approval whose stored KYC is stale writes the refreshed KYC too, and the list counts it', async () => {
    const partner = await createPartner(s.app, admin());
    await makeKycVerified(s.app, admin(), partner.id);
    // The stored status (what list filters and counts read) out of step with the documents.
    await outside(`UPDATE partners SET kyc_status = 'submitted' WHERE id = '${partner.id}'`, `UPDATE partners SET kyc_status = 'submitted' WHERE id = '${partner.id}'`);
    await updatesOf(partner.id);

    const approved = await call(s.app, 'partners.approve', { id: partner.id }, admin());
    expect(await updatesOf(partner.id)).toEqual([true, false]); // the KYC refresh, then the status change
    expect((await partnerRow(s.app, partner.id)).kycStatus).toBe('verified');
    expect(approved).toEqual(await call(s.app, 'partners.get', { id: partner.id }, admin()));
    const verifiedActive = await call(s.app, 'partners.list', { kycStatus: 'verified', status: 'active' }, admin());
    expect(verifiedActive.rows.map((r) => r.id)).toContain(partner.id);
  });
});
