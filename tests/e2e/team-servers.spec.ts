import { request as httpRequest } from '@playwright/test';
import { test, expect } from './fixtures';
import { AppShell } from './pages/app-shell';
import { PartnerDetailPage, PartnersPage } from './pages/partners-page';
import { SignInPage } from './pages/sign-in-page';
import { api } from './pages/leads-page';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { adminQuery } from '../support/pg-admin';

/*
 * Team mode as deployed: two server instances (the built server) on one Postgres schema, a
 * browser on each. A manager approves a partner through one; the admin's open list on the
 * other shows it active within a second (NOTIFY between the servers, SSE to the browser).
 */

const url = process.env.DATABASE_URL;
const PASSWORD = 'orbit lantern cobalt meadow 7';

const admin = (text: string) => adminQuery(url as string, text);

test.describe('two servers on one Postgres', () => {
  test.skip(!url, 'needs a real Postgres server (DATABASE_URL)'); // skip reason: two server instances share one Postgres database

  test("a manager's approval through one server shows in the other server's open list within a second", async ({ browser }) => {
    const schema = `pd_e2e_team_${Date.now().toString(36)}`;
    await admin(`CREATE SCHEMA ${schema}`);
    let first: ServerProcess | undefined;
    let second: ServerProcess | undefined;
    try {
      first = await startServerProcess({ built: true, postgresSchema: schema });
      second = await startServerProcess({ built: true, postgresSchema: schema, dataKey: first.dataKey });

      // Set-up, a manager and a pending partner, through the first server's API.
      const setupApi = await httpRequest.newContext({ baseURL: first.url });
      await api(setupApi, 'auth.setup', { workspaceName: 'Team Program', currency: 'EUR', adminName: 'Ada Admin', adminEmail: 'ada@team.test', password: PASSWORD, setupCode: first.setupCode });
      await api(setupApi, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: false });
      await api(setupApi, 'staff.add', { name: 'Max Manager', email: 'max@team.test', role: 'manager', password: PASSWORD });
      const partner = await api<{ id: string }>(setupApi, 'partners.create', {
        type: 'channel_partner',
        legalName: 'Umbrella Team GmbH',
        contact: { name: 'Uma Brella', email: 'uma@umbrella.test' },
        country: 'DE',
        terms: { commissionModel: 'percentage', rateBp: 1000 },
      });
      await setupApi.dispose();

      const watching = await browser.newContext({ baseURL: second.url });
      const approving = await browser.newContext({ baseURL: first.url });
      try {
        const watcher = await watching.newPage();
        await watcher.goto('/');
        await new SignInPage(watcher).signIn('ada@team.test', PASSWORD);
        await new AppShell(watcher).navPartners.click();
        const list = new PartnersPage(watcher);
        await expect(list.row('Umbrella Team GmbH')).toHaveAttribute('data-status', 'pending');

        const manager = await approving.newPage();
        await manager.goto('/');
        await new SignInPage(manager).signIn('max@team.test', PASSWORD);
        await manager.goto(`/partners/${partner.id}`);
        const detail = new PartnerDetailPage(manager);
        await detail.act('approve');
        await expect(detail.status).toHaveAttribute('data-status', 'active');

        await expect(list.row('Umbrella Team GmbH')).toHaveAttribute('data-status', 'active', { timeout: 1000 });
      } finally {
        await watching.close();
        await approving.close();
      }
    } finally {
      await first?.stop();
      await second?.stop();
      await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  });
});
