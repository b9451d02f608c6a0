import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { SetupPage } from './pages/setup-page';
import { SignInPage } from './pages/sign-in-page';
import { AppShell } from './pages/app-shell';
import { PartnersPage, PartnerDetailPage } from './pages/partners-page';
import { DashboardPage } from './pages/dashboard-page';

const ADMIN = { name: 'Ada Admin', email: 'ada@northwind.test', password: 'orbit lantern cobalt meadow 7' };
const GLOBEX = { legalName: 'Globex Distribution GmbH', contactName: 'Hanna Vogel', contactEmail: 'hanna@globex.test', countryName: 'Germany', ratePercent: '12.5' };
const INITECH = { legalName: 'Initech Resellers Ltd', contactName: 'Peter Gibbons', contactEmail: 'peter@initech.test', countryName: 'Austria', ratePercent: '8' };

async function firstRun(page: Page): Promise<AppShell> {
  const shell = new AppShell(page);
  await page.goto('/');
  const setup = new SetupPage(page);
  await setup.fill({ workspace: 'Northwind Partner Program', currency: 'EUR', name: ADMIN.name, email: ADMIN.email, password: ADMIN.password });
  await setup.submit.click();
  await expect(shell.userMenu).toBeVisible();
  return shell;
}

/** Globex (approved; the workspace rule for KYC switched off) and Initech (pending), through the UI. */
async function twoPartners(page: Page, shell: AppShell): Promise<{ globexId: string; initechId: string }> {
  const list = new PartnersPage(page);
  const detail = new PartnerDetailPage(page);
  return test.step('two partners: Globex approved, Initech pending', async () => {
    const rule = new DashboardPage(page).approvalNeedsKyc;
    await expect(rule).toBeEnabled();
    // Mantine draws the switch's track over its (real, labelled) checkbox.
    await rule.click({ force: true });
    await expect(rule).not.toBeChecked();
    await shell.navPartners.click();
    await expect(page).toHaveURL(/\/partners$/);
    await list.create(GLOBEX);
    await expect(detail.code).toHaveText('CP-0001');
    const globexId = (await detail.root.getAttribute('data-partner-id')) ?? '';
    await expect(page).toHaveURL(`/partners/${globexId}/profile`);
    await detail.act('approve');
    await expect(detail.status).toHaveAttribute('data-status', 'active');
    await detail.back.click();
    await list.create(INITECH);
    await expect(detail.code).toHaveText('CP-0002');
    const initechId = (await detail.root.getAttribute('data-partner-id')) ?? '';
    return { globexId, initechId };
  });
}

/**
 * A full page load, as a pasted link or a bookmark does: it boots the app (set-up check, session,
 * shell and screen chunks) before the screen shows, so it gets more than one assertion's 10 s.
 */
async function paste(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(new AppShell(page).userMenu).toBeVisible({ timeout: 30_000 });
}

// Each test walks one workspace through many URLs (full page loads included): more than the
// default 90 s when the 2-core machine is busy with other runs.
const SLOW = 180_000;

test('Back/Forward between screens and tabs, reload on /partners/<id>/kyc, the command palette', async ({ page }, testInfo) => {
  test.setTimeout(SLOW);
  const shell = await firstRun(page);
  const list = new PartnersPage(page);
  const detail = new PartnerDetailPage(page);
  const { globexId, initechId } = await twoPartners(page, shell);

  await test.step('Back and Forward move between screens and tabs', async () => {
    await shell.navPartners.click();
    await expect(list.rows).toHaveCount(2);
    await list.row(GLOBEX.legalName).click();
    await expect(detail.title).toHaveText(GLOBEX.legalName);
    await detail.tab('kyc').click();
    await expect(page).toHaveURL(`/partners/${globexId}/kyc`);
    await detail.tab('terms').click();
    await shell.navStaff.click();
    await expect(page).toHaveURL('/staff');

    await page.goBack();
    await expect(page).toHaveURL(`/partners/${globexId}/terms`);
    await expect(detail.tab('terms')).toHaveAttribute('aria-selected', 'true');
    await page.goBack();
    await expect(detail.tab('kyc')).toHaveAttribute('aria-selected', 'true');
    await page.goBack();
    await expect(page).toHaveURL(`/partners/${globexId}/profile`);
    await expect(detail.tab('profile')).toHaveAttribute('aria-selected', 'true');
    await page.goBack();
    await expect(page).toHaveURL('/partners');
    await expect(list.rows).toHaveCount(2);
    await page.goForward();
    await expect(detail.title).toHaveText(GLOBEX.legalName);
    await page.goForward();
    await expect(page).toHaveURL(`/partners/${globexId}/kyc`);
    await expect(detail.tab('kyc')).toHaveAttribute('aria-selected', 'true');
  });

  await test.step('a reload on /partners/<id>/kyc shows the same partner and tab', async () => {
    await page.reload();
    await expect(shell.userMenu).toBeVisible({ timeout: 30_000 });
    await expect(page).toHaveURL(`/partners/${globexId}/kyc`);
    await expect(detail.title).toHaveText(GLOBEX.legalName);
    await expect(detail.tab('kyc')).toHaveAttribute('aria-selected', 'true');
    await expect(detail.kycPanel).toBeVisible();
    const shot = await page.screenshot({ fullPage: true, path: testInfo.outputPath('partner-kyc-deep-url.png') });
    await testInfo.attach('partner detail at a deep URL', { body: shot, contentType: 'image/png' });
  });

  await test.step('the command palette opens with Control+K, finds a partner by code and opens it', async () => {
    await shell.navDashboard.click();
    await expect(page).toHaveURL('/');
    await shell.searchPalette('CP-0002');
    const result = shell.paletteResults.filter({ hasText: 'CP-0002' });
    await expect(result).toHaveCount(1);
    await expect(result).toContainText(INITECH.legalName);
    const shot = await page.screenshot({ path: testInfo.outputPath('command-palette.png') });
    await testInfo.attach('command palette', { body: shot, contentType: 'image/png' });
    await result.click();
    await expect(page).toHaveURL(`/partners/${initechId}/profile`);
    await expect(detail.title).toHaveText(INITECH.legalName);
    await expect(shell.paletteSearch).toHaveCount(0);
  });

  await test.step('the command palette jumps to a screen', async () => {
    await shell.searchPalette('activ');
    await shell.paletteResults.filter({ hasText: 'Activity' }).first().click();
    await expect(page).toHaveURL('/activity');
  });
});

test('a pasted link with filters, bad links, a deep link through sign-in', async ({ page }) => {
  test.setTimeout(SLOW);
  const shell = await firstRun(page);
  const list = new PartnersPage(page);
  const detail = new PartnerDetailPage(page);
  const { globexId, initechId } = await twoPartners(page, shell);

  await test.step('a pasted link with filters shows the filtered list; filters then change the URL', async () => {
    await paste(page, '/partners?status=active&q=glob');
    await expect(list.rows).toHaveCount(1);
    await expect(list.rows.first()).toHaveAttribute('data-partner-id', globexId);
    await expect(list.search).toHaveValue('glob');
    await expect(list.statusFilter).toHaveValue('Active');

    await paste(page, '/partners?status=pending');
    await expect(list.rows).toHaveCount(1);
    await expect(list.rows.first()).toHaveAttribute('data-partner-id', initechId);

    await list.clearFilters.click();
    await expect(list.rows).toHaveCount(2);
    await expect(page).toHaveURL('/partners');
    await list.search.fill('initech');
    await expect(page).toHaveURL('/partners?q=initech');
    await expect(list.rows).toHaveCount(1);
    await list.sortBy('legalName').click();
    await expect(page).toHaveURL('/partners?q=initech&sort=legalName&dir=asc');
    await page.goBack();
    await expect(page).toHaveURL('/partners?q=initech');
    await page.goBack();
    await expect(list.search).toHaveValue('');
    await expect(list.rows).toHaveCount(2);
  });

  await test.step('a link the app does not know, or a bad filter value, does not break the page', async () => {
    await paste(page, '/partners?status=bogus&page=-3');
    await expect(list.rows).toHaveCount(2);
    await paste(page, `/partners/${globexId}/nope`);
    await expect(page).toHaveURL(`/partners/${globexId}/profile`);
    await expect(detail.title).toHaveText(GLOBEX.legalName);
    await page.goto('/no/such/page');
    await expect(shell.notFound).toBeVisible();
    await shell.notFound.getByRole('link').click();
    await expect(page).toHaveURL('/');
    await expect(shell.userMenu).toBeVisible();
  });

  await test.step('signed out, a pasted deep link opens once signed in', async () => {
    await shell.signOutNow();
    await page.goto(`/partners/${globexId}/banking`);
    const signIn = new SignInPage(page);
    await signIn.signIn(ADMIN.email, ADMIN.password);
    await expect(detail.title).toHaveText(GLOBEX.legalName);
    await expect(detail.tab('banking')).toHaveAttribute('aria-selected', 'true');
  });
});

test('switching workspace with a partner open lands on the new workspace home', async ({ page }) => {
  const shell = await firstRun(page);
  const list = new PartnersPage(page);
  const detail = new PartnerDetailPage(page);

  await test.step('open a partner of the first workspace', async () => {
    await shell.navPartners.click();
    await list.create(GLOBEX);
    await expect(detail.title).toHaveText(GLOBEX.legalName);
    await detail.tab('kyc').click();
    await expect(page).toHaveURL(/\/partners\/[^/]+\/kyc$/);
  });

  await test.step('create and switch to a second workspace: its home, no "no longer exists"', async () => {
    await shell.createWorkspace('Southwind Reseller Program', 'USD');
    await expect(shell.workspaceSwitcher).toContainText('Southwind Reseller Program');
    await expect(page).toHaveURL('/');
    await expect(new DashboardPage(page).summary).toContainText('Southwind Reseller Program');
    await expect(detail.gone).toHaveCount(0);
    await shell.navPartners.click();
    await expect(list.rows).toHaveCount(0);
  });

  await test.step('switch back from a screen: home again, with the first workspace\'s data', async () => {
    await shell.switchWorkspace('Northwind Partner Program');
    await expect(shell.workspaceSwitcher).toContainText('Northwind Partner Program');
    await expect(page).toHaveURL('/');
    await shell.navPartners.click();
    await expect(list.rows).toHaveCount(1);
  });
});
