import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMany } from '../../src-main/data/insert-many';
import type { LeadRow } from '../../src-main/services/leads/lead-rows';
import { engines } from '../support/engines';
import { activePartner, leadInput, submitLead } from '../support/leads';
import { setUpPartnerSuite, type PartnerSuite } from '../support/partners';

/**
 * The import's bulk insert (a prepared statement per row on SQLite, one JSON parameter on Postgres): a row must read back exactly as
 * the same row inserted through Drizzle: instants, booleans, JSON columns, nulls, large money,
 * text that looks like JSON or holds quotes and non-ASCII letters.
 */
describe.each(engines)('insertMany on $name', (engine) => {
  let s: PartnerSuite;
  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  it('rows read back exactly as Drizzle-inserted ones', async () => {
    const partner = await activePartner(s);
    const lead = await submitLead(s, s.admin.token, leadInput({ partnerId: partner.id }));
    const l = s.app.database.t.leads;
    const [template] = await s.app.database.db.select().from(l).where(eq(l.id, lead.id));
    const rows: LeadRow[] = [1, 2].map((n) => ({
      ...template!,
      id: `${template!.id}-json-${n}`,
      idempotencyKey: `json-${n}`,
      contactName: n === 1 ? 'Zoë "Quote" O\'Brien' : '{"looks":"like json"}',
      company: null,
      duplicateFlag: n === 1,
      extra: [{ key: 'Größe', value: 'a "b" \\ c' }],
      estimatedValueMinor: 9_999_999_999_999,
      claimedAt: new Date('2031-03-04T05:06:07.089Z'),
      deletedAt: null,
    }));
    await s.app.database.write((tx) => insertMany(s.app.database, tx, l, rows));
    for (const row of rows) {
      const [back] = await s.app.database.db.select().from(l).where(eq(l.id, row.id));
      expect(back).toEqual(row);
    }
  });
});
