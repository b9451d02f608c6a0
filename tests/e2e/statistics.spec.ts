import { test, expect } from './fixtures';
import { SetupPage } from './pages/setup-page';
import { AppShell } from './pages/app-shell';
import { api } from './pages/leads-page';

/** A full page load of a screen (its chunks parsed afresh) on a machine shared with other test runs. */
const SCREEN_LOAD = 30_000;

const ADMIN = { name: 'Ada Admin', email: 'ada@northwind.test', password: 'orbit lantern cobalt meadow 7' };

interface MonthlyStatistics {
  fromMonth: string;
  toMonth: string;
  months: { month: string; leadsSubmitted: number; earnedMinor: number }[];
  total: { leadsSubmitted: number };
}

/**
 * The statistics screen and the partner's Money tab in a real Chromium: the screen is in the
 * navbar, its partner and month filters live in the URL (a reload keeps them), the table shows
 * what payouts.monthly answers, and the Money tab shows the balance, the months and the payouts.
 */
test('statistics: filters in the URL, figures as the procedures give them, and the partner Money tab', async ({ page }, testInfo) => {
  // Five full page loads of chart screens: on a machine shared with other runs (load 15 on 2 cores seen) more than the default 3 minutes.
  test.setTimeout(360_000);
  const shell = new AppShell(page);
  const shot = async (name: string) => {
    const body = await page.screenshot({ fullPage: true, path: testInfo.outputPath(`${name}.png`) });
    await testInfo.attach(name, { body, contentType: 'image/png' });
  };
  let partnerId = '';

  await test.step('first run, an active partner with leads through the API', async () => {
    await page.goto('/');
    const setup = new SetupPage(page);
    await setup.fill({ workspace: 'Northwind Partner Program', currency: 'EUR', name: ADMIN.name, email: ADMIN.email, password: ADMIN.password });
    await setup.submit.click();
    await expect(shell.userMenu).toBeVisible();
    await api(page.request, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: false });
    const partner = await api<{ id: string }>(page.request, 'partners.create', {
      type: 'channel_partner',
      legalName: 'Globex Distribution GmbH',
      displayName: 'Globex',
      contact: { name: 'Hanna Vogel', email: 'partners@globex.test' },
      country: 'DE',
      terms: { commissionModel: 'fixed', fixedPriceMinor: 5000 },
    });
    partnerId = partner.id;
    await api(page.request, 'partners.approve', { id: partnerId });
    for (const [i, name] of ['Mara Keller', 'Jonas Weber', 'Lena Fischer'].entries()) {
      const { lead } = await api<{ lead: { id: string; version: number } }>(page.request, 'leads.submit', {
        partnerId,
        type: 'new_lead',
        idempotencyKey: `e2e-statistics-${i}`,
        contactName: name,
        company: `${name.split(' ')[1]} Systems GmbH`,
        email: `${name.split(' ')[0]?.toLowerCase()}@${name.split(' ')[1]?.toLowerCase()}-systems.example`,
        country: 'DE',
      });
      if (i === 0) await api(page.request, 'leads.approve', { id: lead.id, version: lead.version });
      if (i === 1) await api(page.request, 'leads.reject', { id: lead.id, version: lead.version, reason: 'Already a customer' });
    }
  });

  await test.step('the navbar opens /statistics: cards, charts, payouts and every month of the default year', async () => {
    await page.getByTestId('nav-statistics').click();
    await expect(page).toHaveURL(/\/statistics$/);
    // The first open loads the screen's chunk and the charts' (a megabyte of recharts): slow on a busy machine.
    await expect(page.getByRole('heading', { name: 'Statistics' })).toBeVisible({ timeout: SCREEN_LOAD });
    const monthly = await api<MonthlyStatistics>(page.request, 'payouts.monthly', {});
    await expect(page.getByTestId('monthly-table').locator('tbody tr')).toHaveCount(12);
    const current = page.getByTestId(`monthly-row-${monthly.toMonth}`);
    await expect(current.locator('td').first()).toHaveText(String(monthly.months.at(-1)?.leadsSubmitted ?? 0));
    await expect(page.getByTestId('monthly-total').locator('td').first()).toHaveText(String(monthly.total.leadsSubmitted));
    for (const card of ['stat-earned', 'stat-paid', 'stat-pending', 'stat-approval-rate', 'stat-conversion-rate', 'stat-quality']) await expect(page.getByTestId(`${card}-value`)).toBeVisible();
    await expect(page.getByTestId('stat-earned-value')).toHaveText(/€/);
    await expect(page.getByTestId('statistics-leads-chart')).toBeVisible();
    await expect(page.getByTestId('statistics-money-chart')).toBeVisible();
    await expect(page.getByTestId('payouts-status-pending')).toBeVisible();
    await shot('statistics');
  });

  await test.step('the months chosen go to the URL, and a reload keeps them', async () => {
    const monthly = await api<MonthlyStatistics>(page.request, 'payouts.monthly', {});
    const from = monthly.months.at(-3)?.month ?? monthly.toMonth;
    await page.getByTestId('statistics-filter-from').fill(from);
    await expect(page).toHaveURL(new RegExp(`fromMonth=${from}`));
    await expect(page.getByTestId('monthly-table').locator('tbody tr')).toHaveCount(3);
    await page.reload();
    await expect(page.getByTestId('statistics-filter-from')).toHaveValue(from, { timeout: SCREEN_LOAD });
    await expect(page.getByTestId('monthly-table').locator('tbody tr')).toHaveCount(3);
    await page.getByTestId('statistics-filter-clear').click();
    await expect(page).toHaveURL(/\/statistics$/);
    await expect(page.getByTestId('monthly-table').locator('tbody tr')).toHaveCount(12);
  });

  await test.step('one partner, from the URL', async () => {
    await page.goto(`/statistics?partnerId=${partnerId}`);
    await expect(page.getByText(/one partner/)).toBeVisible({ timeout: SCREEN_LOAD });
    const monthly = await api<MonthlyStatistics>(page.request, 'payouts.monthly', { partnerId });
    await expect(page.getByTestId('monthly-total').locator('td').first()).toHaveText(String(monthly.total.leadsSubmitted));
    // A value the procedure would refuse is dropped from the URL's filters: the whole year shows.
    await page.goto('/statistics?fromMonth=2026-13');
    await expect(page.getByTestId('monthly-table').locator('tbody tr')).toHaveCount(12, { timeout: SCREEN_LOAD });
  });

  await test.step("the partner's Money tab: balance, months and payouts", async () => {
    await page.goto(`/partners/${partnerId}/money`);
    await expect(page.getByTestId('partner-money')).toBeVisible({ timeout: SCREEN_LOAD });
    const balance = await api<{ earnedMinor: number; pendingApprovalMinor: number }>(page.request, 'payouts.balance', { partnerId });
    const euros = (minor: number) => `€${(minor / 100).toFixed(2)}`;
    await expect(page.getByTestId('balance-earned-value')).toHaveText(euros(balance.earnedMinor));
    await expect(page.getByTestId('balance-pending-value')).toHaveText(euros(balance.pendingApprovalMinor));
    for (const card of ['balance-available', 'balance-in-payout', 'balance-approved-unpaid', 'balance-paid']) await expect(page.getByTestId(`${card}-value`)).toHaveText(/€\d/);
    await expect(page.getByTestId('monthly-table').locator('tbody tr')).toHaveCount(12);
    await expect(page.getByTestId('money-no-payouts')).toBeVisible();
    // The fixed price of the approved lead, waiting for a manager.
    await expect(page.getByTestId('money-credits')).toContainText('Mara Keller');
    await expect(page.getByTestId('money-credits')).toContainText('€50.00');
    await shot('partner-money-tab');
  });
});
