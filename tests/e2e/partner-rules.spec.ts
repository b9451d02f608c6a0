import type { APIRequestContext } from '@playwright/test';
import { test, expect } from './fixtures';
import { SetupPage } from './pages/setup-page';
import { AppShell } from './pages/app-shell';
import { PartnerDetailPage } from './pages/partners-page';
import { DashboardPage } from './pages/dashboard-page';

const ADMIN = { name: 'Ada Admin', email: 'ada@northwind.test', password: 'orbit lantern cobalt meadow 7' };

/** Calls a procedure over HTTP with the page's session cookie, as the renderer does. */
async function api<T = unknown>(request: APIRequestContext, name: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/${name}`, { data: input, headers: { 'content-type': 'application/json' } });
  const body = (await response.json()) as { ok: boolean; result?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error?.message ?? response.status()}`);
  return body.result as T;
}

/**
 * What the server decided shows before anyone clicks: buttons it blocks are disabled with the
 * reason written beside them (KYC sign-off with what is missing, banking verification by the
 * admin who changed it), and the workspace time zone is chosen on the dashboard.
 */
test('blocked actions show their reason; the workspace time zone is a setting', async ({ page }, testInfo) => {
  const shell = new AppShell(page);
  const detail = new PartnerDetailPage(page);
  const dashboard = new DashboardPage(page);

  await page.goto('/');
  const setup = new SetupPage(page);
  await setup.fill({ workspace: 'Northwind Partner Program', currency: 'EUR', name: ADMIN.name, email: ADMIN.email, password: ADMIN.password });
  await setup.submit.click();
  await expect(shell.userMenu).toBeVisible();

  const partner = await api<{ id: string }>(page.request, 'partners.create', {
    type: 'channel_partner',
    legalName: 'Initech Resale Ltd',
    contact: { name: 'Pat Partner', email: 'pat@initech.test' },
    country: 'GB',
    terms: { commissionModel: 'percentage', rateBp: 1000 },
  });
  await api(page.request, 'partners.banking.set', {
    id: partner.id,
    details: { method: 'iban', accountHolder: 'Initech Resale Ltd', bankName: 'Barclays', iban: 'GB29NWBK60161331926819', bic: 'NWBKGB2L' },
  });

  await test.step('KYC: sign-off disabled, with what is missing', async () => {
    await page.goto(`/partners/${partner.id}/kyc`);
    await expect(detail.kycSignOff).toBeDisabled();
    await expect(detail.kycSignOffReason).toHaveText('KYC cannot be signed off yet (missing: tax form, identity, bank proof, agreement)');
  });

  await test.step('Banking: the admin who changed the details sees Verify disabled, with the four-eyes reason', async () => {
    await detail.tab('banking').click();
    await expect(detail.bankingVerify).toBeDisabled();
    await expect(detail.bankingVerifyReason).toHaveText('Banking details must be verified by a different admin than the one who changed them');
    const shot = await page.screenshot({ fullPage: true, path: testInfo.outputPath('banking-verify-disabled.png') });
    await testInfo.attach('banking verify disabled', { body: shot, contentType: 'image/png' });
  });

  await test.step('Dashboard: choose the workspace time zone; it is stored', async () => {
    await shell.navDashboard.click();
    await expect(dashboard.timeZone).toHaveValue('UTC');
    await dashboard.chooseTimeZone('Berl', 'Europe/Berlin');
    await expect.poll(async () => (await api<{ timeZone: string }>(page.request, 'workspaces.settings', {})).timeZone).toBe('Europe/Berlin');
    await page.reload();
    await expect(dashboard.timeZone).toHaveValue('Europe/Berlin');
  });
});
