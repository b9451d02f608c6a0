import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../src-shared/live';
import { createForwardingDispatch } from '../../src-main/desktop/forwarding-dispatch';
import { followServerEvents } from '../../src-main/desktop/server-events';
import type { Dispatch } from '../../src-main/dispatch';
import { STRONG_PASSWORD } from '../support/actors';
import { partnerInput } from '../support/partners';
import { adminQuery } from '../support/pg-admin';
import { startServerProcess, type ServerProcess } from '../support/server-process';

/*
 * Team mode as it is deployed: two real server processes on one Postgres schema. A change made
 * through one reaches a live stream of the other within a second (NOTIFY between instances), and
 * the same partner approved through both at once is approved exactly once (the database decides).
 */

const url = process.env.DATABASE_URL;
const schema = `pd_team_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;

const admin = (text: string) => adminQuery(url as string, text);

async function ok<T>(dispatch: Dispatch, name: string, input: unknown, token: string | null): Promise<T> {
  const outcome = await dispatch(name, input, { token, clientKey: 'team-test' });
  if (!outcome.response.ok) throw new Error(`${name}: ${JSON.stringify(outcome.response.error)}`);
  return outcome.response.result as T;
}

/** A desktop's event stream on a server, as its main process follows it: resolves with the first change event matching. */
async function firstChange(serverUrl: string, token: string, match: (event: ChangeEvent) => boolean) {
  let found: (value: { event: ChangeEvent; at: number }) => void = () => undefined;
  const change = new Promise<{ event: ChangeEvent; at: number }>((resolve) => (found = resolve));
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const stream = followServerEvents({ serverUrl, trustedCertificate: null }, token, {
    opened: () => open(),
    change: (event) => {
      if (match(event)) found({ event, at: Date.now() });
    },
    reconnected: () => undefined,
    signedOut: () => undefined,
  });
  await opened;
  return { change, close: stream.stop };
}

describe.skipIf(!url)('two servers on one Postgres', () => { // skip reason: needs a real Postgres server (DATABASE_URL) for two server processes to share
  let first: ServerProcess;
  let second: ServerProcess;
  let token: string;
  let viaFirst: Dispatch;
  let viaSecond: Dispatch;

  beforeAll(async () => {
    await admin(`CREATE SCHEMA ${schema}`);
    first = await startServerProcess({ postgresSchema: schema });
    second = await startServerProcess({ postgresSchema: schema, dataKey: first.dataKey });
    viaFirst = createForwardingDispatch({ serverUrl: first.url, trustedCertificate: null });
    viaSecond = createForwardingDispatch({ serverUrl: second.url, trustedCertificate: null });
    const setupCode = first.setupCode ?? '';
    const setup = await viaFirst('auth.setup', { workspaceName: 'Team Ltd', currency: 'EUR', adminName: 'Ada Admin', adminEmail: 'ada@team.test', password: STRONG_PASSWORD, setupCode }, { token: null, clientKey: 'team-test' });
    if (!setup.response.ok || typeof setup.token !== 'string') throw new Error(`setup failed: ${JSON.stringify(setup.response)}\n${first.output()}`);
    token = setup.token;
    await ok(viaFirst, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: false }, token);
  }, 120_000);

  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    if (url) await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it('a change made through one server reaches a live stream on the other within a second', { timeout: 10_000 }, async () => {
    // Matched by domain: the event may well arrive before the creating call has answered.
    const stream = await firstChange(second.url, token, (event) => event.domains.includes('partners'));
    try {
      const started = Date.now();
      const created = await ok<{ id: string }>(viaFirst, 'partners.create', partnerInput(), token);
      const { event, at } = await stream.change;
      expect(event.ids).toContain(created.id);
      expect(at - started).toBeLessThan(1000);
    } finally {
      stream.close();
    }
  });

  it('the session signed in on one server is valid on the other', async () => {
    const list = await ok<{ rows: unknown[] }>(viaSecond, 'partners.list', {}, token);
    expect(list.rows.length).toBeGreaterThan(0);
  });

  it('the same partner approved through both servers at once is approved exactly once', async () => {
    const partner = await ok<{ id: string }>(viaSecond, 'partners.create', partnerInput(), token);
    const outcomes = await Promise.all([viaFirst, viaSecond].map((dispatch) => dispatch('partners.approve', { id: partner.id }, { token, clientKey: 'team-test' })));
    const succeeded = outcomes.filter((o) => o.response.ok);
    expect(succeeded).toHaveLength(1);
    const refused = outcomes.find((o) => !o.response.ok)?.response;
    expect(['conflict', 'invalid_transition']).toContain(refused?.ok === false ? refused.error.code : 'none');
    const approvals = await admin(`SELECT count(*)::int AS n FROM ${schema}.activity WHERE action = 'partner.approved' AND resource_id = '${partner.id}'`);
    expect(approvals[0]?.n).toBe(1);
  });
});
