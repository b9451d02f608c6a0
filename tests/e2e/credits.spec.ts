import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { SetupPage } from './pages/setup-page';
import { AppShell } from './pages/app-shell';
import { api } from './pages/leads-page';
import { CreditsPage } from './pages/credits-page';

const ADMIN = { name: 'Ada Admin', email: 'ada@northwind.test', password: 'orbit lantern cobalt meadow 7' };

interface Created {
  id: string;
}
interface Submitted {
  lead: { id: string; version: number };
}

/** Serious or critical axe findings on the page as it is now (rule id and node count), none expected. */
async function blockingAxe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.length}`);
}

test('credits queue: approve one credit in its drawer, bulk-reject two with a reason', async ({ page }, testInfo) => {
  const shell = new AppShell(page);
  const credits = new CreditsPage(page);
  const shot = async (name: string) => {
    const body = await page.screenshot({ fullPage: true, path: testInfo.outputPath(`${name}.png`) });
    await testInfo.attach(name, { body, contentType: 'image/png' });
  };
  const contacts = ['Mara Keller', 'Jon Park', 'Tom Baker'];

  await test.step('first run; a fixed-price partner (50.00 a lead) whose three leads are approved through the API', async () => {
    await page.goto('/');
    const setup = new SetupPage(page);
    await setup.fill({ workspace: 'Northwind Partner Program', currency: 'EUR', name: ADMIN.name, email: ADMIN.email, password: ADMIN.password });
    await setup.submit.click();
    await expect(shell.userMenu).toBeVisible();
    await api(page.request, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: false });
    const partner = await api<Created>(page.request, 'partners.create', {
      type: 'channel_partner',
      legalName: 'Globex Distribution GmbH',
      displayName: 'Globex',
      contact: { name: 'Greta Globex', email: 'partners@globex.test' },
      country: 'DE',
      terms: { commissionModel: 'fixed', fixedPriceMinor: 5000 },
    });
    await api(page.request, 'partners.approve', { id: partner.id });
    let n = 0;
    for (const contactName of contacts) {
      const { lead } = await api<Submitted>(page.request, 'leads.submit', {
        partnerId: partner.id,
        type: 'new_lead',
        idempotencyKey: `e2e-credit-${++n}-${Date.now()}`,
        contactName,
        email: `${contactName.split(' ')[0]!.toLowerCase()}@example-${n}.test`,
      });
      await api(page.request, 'leads.approve', { id: lead.id, version: lead.version });
    }
  });

  await test.step('the navbar opens the queue: pending approval by default, three credits of 50.00', async () => {
    await page.getByTestId('nav-credits').click();
    await expect(page).toHaveURL(/\/credits/);
    await expect(credits.rows).toHaveCount(3);
    await expect(credits.tab('pending_approval')).toHaveAttribute('data-count', '3');
    await expect(credits.row('Mara Keller')).toContainText('€50.00');
    await expect(credits.row('Mara Keller')).toContainText('Fixed price per approved lead');
    await shot('credits-queue');
    expect(await blockingAxe(page), 'axe on the queue').toEqual([]);
  });

  await test.step('open one credit with the keyboard and approve it in the drawer', async () => {
    await credits.row('Mara Keller').focus();
    await page.keyboard.press('Enter');
    await expect(credits.detail).toBeVisible();
    await expect(credits.detailCalculation).toHaveText('Fixed price per approved lead: €50.00');
    await shot('credit-drawer');
    expect(await blockingAxe(page), 'axe on the drawer').toEqual([]);
    await credits.approve.click();
    await expect(credits.detailStatus).toHaveText('Approved');
    await expect(page.getByTestId('credit-reverse')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(credits.rows).toHaveCount(2);
    await expect(credits.tab('approved')).toHaveAttribute('data-count', '1');
  });

  await test.step('select the other two and reject them together with a reason', async () => {
    await credits.select('Jon Park');
    // Space on a focused row selects it too.
    await credits.row('Tom Baker').focus();
    await page.keyboard.press(' ');
    await expect(credits.bulkBar).toContainText('2 selected · €100.00');
    // Axe measures the settled screen: a toast fading out (the approval's) has, for a moment, too little contrast.
    await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
    await expect(credits.detail).toBeHidden();
    expect(await blockingAxe(page), 'axe with a selection').toEqual([]);
    await credits.bulkReject.click();
    await expect(credits.bulkConfirm).toBeDisabled();
    await credits.bulkReason.fill('Outside the programme period');
    await credits.bulkConfirm.click();
    await expect(credits.bulkSummary).toHaveText('2 of 2 rejected.');
    await shot('credits-bulk-rejected');
    await credits.bulkClose.click();
    await expect(credits.rows).toHaveCount(0);
  });

  await test.step('the rejected tab lists both with the reason the partner will see', async () => {
    await credits.tab('rejected').click();
    await expect(credits.rows).toHaveCount(2);
    await expect(credits.row('Jon Park')).toContainText('Outside the programme period');
    await shot('credits-rejected-tab');
  });
});
