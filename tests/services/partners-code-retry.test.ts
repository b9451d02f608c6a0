import { randomUUID } from 'node:crypto';
import { eq, getTableName, type Table } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppOn } from '../../src-main/app';
import type { AppDb, Database } from '../../src-main/data/database';
import { CODE_ATTEMPTS } from '../../src-main/services/partners/partners';
import { call, setUpWorkspace } from '../support/actors';
import { callError } from '../support/outcomes';
import { engines, type ScratchStore } from '../support/engines';
import { activityRows } from '../support/db';
import { partnerInput } from '../support/partners';

/**
 * Another desktop takes the generated code between our read of the codes in use and our
 * insert. Forced here deterministically: the transaction handed to the service inserts a rival
 * partner with the very code the service is about to insert, just before it does (as if the
 * rival had committed in between). The unique index refuses ours, the write rolls back (the
 * rival row with it, which is what lets the next attempt take the same number), and create tries
 * again with a fresh code, a bounded number of times.
 */
describe.each(engines)('partner code conflicts on $name', (engine) => {
  let store: ScratchStore | undefined;
  afterEach(async () => {
    await store?.dispose();
  });

  /** An app whose partner inserts are each preceded by a rival insert of the same code, `collisions` times. */
  async function appWithRivals(collisions: number) {
    store = await engine.open();
    const real = store.database;
    const state = { left: collisions, partnerInserts: 0 };
    const rivalled = (tx: AppDb): AppDb =>
      new Proxy(tx, {
        get(target, prop, receiver) {
          if (prop !== 'insert') return Reflect.get(target, prop, receiver) as unknown;
          return (table: Table) => {
            if (getTableName(table) !== 'partners') return target.insert(table);
            return {
              values: async (row: Record<string, unknown>) => {
                state.partnerInserts += 1;
                if (state.left > 0) {
                  state.left -= 1;
                  await target.insert(real.t.partners).values({ ...(row as typeof real.t.partners.$inferInsert), id: randomUUID(), legalName: 'Rival desktop GmbH' });
                }
                return target.insert(real.t.partners).values(row as typeof real.t.partners.$inferInsert);
              },
            };
          };
        },
      });
    const database: Database = { ...real, write: (fn) => real.write((tx) => fn(rivalled(tx))) };
    const app = createAppOn(database, store.dataDir);
    const { token, tenantId } = await setUpWorkspace(app);
    return { app, token, tenantId, state };
  }

  it('retries with a fresh code when the generated one was taken meanwhile', async () => {
    const { app, token, tenantId, state } = await appWithRivals(2);
    const partner = await call(app, 'partners.create', partnerInput({ type: 'vendor' }), token);
    expect(state.partnerInserts).toBe(3);
    expect(partner.code).toBe('VE-0001');
    const p = app.database.t.partners;
    expect(await app.database.db.select({ code: p.code, legalName: p.legalName }).from(p).where(eq(p.tenantId, tenantId))).toEqual([{ code: 'VE-0001', legalName: partner.legalName }]);
    expect((await activityRows(app.database, tenantId)).filter((r) => r.action === 'partner.created')).toHaveLength(1);
  });

  it('gives up after a bounded number of attempts, writing nothing', async () => {
    const { app, token, tenantId, state } = await appWithRivals(Number.POSITIVE_INFINITY);
    expect(await callError(app, 'partners.create', partnerInput(), token)).toMatchObject({ code: 'conflict', field: 'code' });
    expect(state.partnerInserts).toBe(CODE_ATTEMPTS);
    expect((await call(app, 'partners.list', { limit: 5 }, token)).total).toBe(0);
    expect((await activityRows(app.database, tenantId)).filter((r) => r.action === 'partner.created')).toHaveLength(0);
  });

  it('does not change a code the user typed: taken meanwhile, it is reported on the field', async () => {
    const { app, token, state } = await appWithRivals(1);
    expect(await callError(app, 'partners.create', partnerInput({ code: 'CP-7777' }), token)).toMatchObject({ code: 'validation', field: 'code', message: expect.stringMatching(/CP-7777/) });
    expect(state.partnerInserts).toBe(1);
  });
});
