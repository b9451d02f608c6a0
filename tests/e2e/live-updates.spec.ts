import { test, expect } from './fixtures';
import { SetupPage } from './pages/setup-page';
import { SignInPage } from './pages/sign-in-page';
import { AppShell } from './pages/app-shell';
import { PartnersPage } from './pages/partners-page';
import { api } from './pages/leads-page';

const ADMIN = { name: 'Ada Admin', email: 'ada@live.test', password: 'orbit lantern cobalt meadow 7' };

/*
 * Two colleagues on one server: what one changes shows on the other's open screen within a
 * second, without a reload (GET /api/events → the queries that read the changed domain refetch).
 */
test("a colleague's change shows on an open list within a second, without a reload", async ({ page, browser, server }) => {
  await page.goto('/');
  await new SetupPage(page).fill({ workspace: 'Live Partner Program', currency: 'EUR', name: ADMIN.name, email: ADMIN.email, password: ADMIN.password });
  await new SetupPage(page).submit.click();
  await expect(new AppShell(page).userMenu).toBeVisible();
  await new AppShell(page).navPartners.click();
  const list = new PartnersPage(page);
  await expect(page.getByText('No partners yet')).toBeVisible();

  const colleague = await browser.newContext({ baseURL: server.url });
  try {
    const other = await colleague.newPage();
    await other.goto('/');
    await new SignInPage(other).signIn(ADMIN.email, ADMIN.password);
    await expect(new AppShell(other).userMenu).toBeVisible();
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });

    const started = Date.now();
    await api(colleague.request, 'partners.create', {
      type: 'channel_partner',
      legalName: 'Initech Live GmbH',
      contact: { name: 'Lena Live', email: 'lena@initech.test' },
      country: 'DE',
      terms: { commissionModel: 'percentage', rateBp: 1000 },
    });
    await expect(list.row('Initech Live GmbH')).toBeVisible({ timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(navigations).toEqual([]);
  } finally {
    await colleague.close();
  }
});
