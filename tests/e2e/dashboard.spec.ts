import { test, expect } from './fixtures';
import { SetupPage } from './pages/setup-page';
import { AppShell } from './pages/app-shell';
import { DashboardPage } from './pages/dashboard-page';
import { LeadQueuePage, api } from './pages/leads-page';

const ADMIN = { name: 'Ada Admin', email: 'ada@northwind.test', password: 'orbit lantern cobalt meadow 7' };

interface Created {
  id: string;
}
interface Submitted {
  lead: { id: string; duplicateFlag: boolean };
}

test('dashboard: the work waiting from leads submitted through the API, the pending card opens the queue', async ({ page }, testInfo) => {
  const shell = new AppShell(page);
  const dashboard = new DashboardPage(page);
  const queue = new LeadQueuePage(page);

  await page.goto('/');
  const setup = new SetupPage(page);
  await setup.fill({ workspace: 'Northwind Partner Program', currency: 'EUR', name: ADMIN.name, email: ADMIN.email, password: ADMIN.password });
  await setup.submit.click();
  await expect(shell.userMenu).toBeVisible();
  // An empty workspace: nothing waiting.
  await expect(dashboard.cardValue(dashboard.pendingCard)).toHaveText('0');
  await expect(dashboard.cardValue(dashboard.oldestCard)).toHaveText('Nothing waiting');
  await expect(dashboard.perDaySummary).toHaveText('No leads in the last 30 days.');

  await api(page.request, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: false });
  const partner = await api<Created>(page.request, 'partners.create', {
    type: 'channel_partner',
    legalName: 'Globex Distribution GmbH',
    displayName: 'Globex',
    contact: { name: 'Contact of Globex', email: 'partners@globex.test' },
    country: 'DE',
    terms: { commissionModel: 'percentage', rateBp: 1000 },
  });
  await api(page.request, 'partners.approve', { id: partner.id });
  const submit = (n: number, lead: Record<string, unknown>) =>
    api<Submitted>(page.request, 'leads.submit', { partnerId: partner.id, type: 'new_lead', idempotencyKey: `dashboard-lead-${n}`, ...lead });
  await submit(1, { contactName: 'Mara Keller', company: 'Keller Systems', email: 'mara.keller@keller-systems.de', country: 'DE' });
  const duplicate = await submit(2, { contactName: 'Mara K.', company: 'Keller Systems', email: 'Mara.Keller@keller-systems.de', country: 'DE' });
  expect(duplicate.lead.duplicateFlag).toBe(true);
  const decided = await submit(3, { contactName: 'Tom Baker', company: 'Baker Ltd', email: 'tom@baker-ltd.co.uk', country: 'GB' });
  await api(page.request, 'leads.reject', { id: decided.lead.id, version: 0, reason: 'Existing customer' });

  await page.reload();
  await expect(dashboard.cardValue(dashboard.pendingCard)).toHaveText('2');
  await expect(dashboard.cardValue(dashboard.duplicatesCard)).toHaveText('1');
  await expect(dashboard.cardValue(dashboard.oldestCard)).not.toHaveText('Nothing waiting');
  // All three were submitted today, the rejected one too.
  await expect(dashboard.perDaySummary).toContainText('3 leads in the last 30 days');
  await expect(dashboard.perDay.getByRole('table')).toHaveCount(1);
  await expect(dashboard.duplicatesCard).toHaveAttribute('href', /\/leads\/review\?duplicate=true$/);
  const body = await page.screenshot({ fullPage: true, path: testInfo.outputPath('dashboard-leads.png') });
  await testInfo.attach('dashboard-leads', { body, contentType: 'image/png' });

  await dashboard.pendingCard.click();
  await expect(page).toHaveURL(/\/leads\/review$/);
  await expect(queue.rows).toHaveCount(2);

  // The duplicates card opens the queue filtered to flagged leads.
  await page.goBack();
  await dashboard.duplicatesCard.click();
  await expect(page).toHaveURL(/\/leads\/review\?duplicate=true$/);
  await expect(queue.rows).toHaveCount(1);
});
