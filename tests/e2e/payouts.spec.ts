import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { test, expect } from './fixtures';
import { SetupPage } from './pages/setup-page';
import { AppShell } from './pages/app-shell';
import { SignInPage } from './pages/sign-in-page';
import { api } from './pages/leads-page';
import { PayoutDetailPage, PayoutsPage } from './pages/payouts-page';

/*
 * Payouts in the browser: credits earned through the real money path (leads approved → fixed
 * credits → approved by the manager, through the API), then the admin generates this month's
 * payouts in the dialog (progress, report), opens the payout, cannot approve it (they generated
 * it: the blocker says so), rejects one line with a note; then a manager, in a second staff
 * session, approves: partially approved, 200.00 of 300.00.
 */

const PASSWORD = 'orbit lantern cobalt meadow 7';
const today = () => new Date().toISOString().slice(0, 10);
let keys = 0;

async function signedIn(baseURL: string, email: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  await api(ctx, 'auth.signIn', { email, password: PASSWORD });
  return ctx;
}

test('payouts: generate → open → reject one line → approve as a second manager', async ({ page, server }, testInfo) => {
  const shell = new AppShell(page);
  const payouts = new PayoutsPage(page);
  const detail = new PayoutDetailPage(page);
  const shot = async (name: string) => {
    const body = await page.screenshot({ fullPage: true, path: testInfo.outputPath(`${name}.png`) });
    await testInfo.attach(name, { body, contentType: 'image/png' });
  };
  let number = '';

  await test.step('first run; a manager; an active partner with three approved 100.00 credits', async () => {
    await page.goto('/');
    await new SetupPage(page).fill({ workspace: 'Northwind Partner Program', currency: 'EUR', name: 'Ada Admin', email: 'ada@northwind.test', password: PASSWORD });
    await new SetupPage(page).submit.click();
    await expect(shell.userMenu).toBeVisible();
    const admin = page.request;
    await api(admin, 'staff.add', { name: 'Max Manager', email: 'max@northwind.test', role: 'manager', password: PASSWORD });
    await api(admin, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: false });
    const partner = await api<{ id: string }>(admin, 'partners.create', {
      type: 'channel_partner',
      legalName: 'Globex Distribution GmbH',
      contact: { name: 'Gina Globex', email: 'gina@globex.test' },
      country: 'DE',
      terms: { commissionModel: 'fixed', fixedPriceMinor: 10_000 },
    });
    await api(admin, 'partners.approve', { id: partner.id });
    const manager = await signedIn(server.url, 'max@northwind.test');
    for (const contactName of ['Mara Keller', 'Jon Park', 'Rita Rejected']) {
      const { lead } = await api<{ lead: { id: string; version: number } }>(admin, 'leads.submit', {
        partnerId: partner.id,
        type: 'new_lead',
        idempotencyKey: `po-${++keys}-${Date.now()}`,
        contactName,
        company: `${contactName} Ltd`,
        email: `${contactName.toLowerCase().replace(/\W+/g, '.')}@${keys}-company.example`,
        country: 'DE',
      });
      await api(admin, 'leads.approve', { id: lead.id, version: lead.version });
      const credits = await api<{ rows: { id: string; version: number; status: string }[] }>(admin, 'credits.list', { leadId: lead.id });
      for (const credit of credits.rows.filter((c) => c.status === 'pending_approval')) await api(manager, 'credits.approve', { id: credit.id, version: credit.version });
    }
    // A second partner earns 20.00 only: below the 50.00 minimum, it is skipped and carries over.
    const small = await api<{ id: string }>(admin, 'partners.create', {
      type: 'channel_partner',
      legalName: 'Initech Resellers Ltd',
      contact: { name: 'Ian Initech', email: 'ian@initech.test' },
      country: 'GB',
      terms: { commissionModel: 'fixed', fixedPriceMinor: 2_000 },
    });
    await api(admin, 'partners.approve', { id: small.id });
    const { lead } = await api<{ lead: { id: string; version: number } }>(admin, 'leads.submit', {
      partnerId: small.id,
      type: 'new_lead',
      idempotencyKey: `po-small-${Date.now()}`,
      contactName: 'Sam Small',
      company: 'Small Co',
      email: 'sam@small-company.example',
      country: 'GB',
    });
    await api(admin, 'leads.approve', { id: lead.id, version: lead.version });
    const smallCredits = await api<{ rows: { id: string; version: number; status: string }[] }>(admin, 'credits.list', { leadId: lead.id });
    for (const credit of smallCredits.rows.filter((c) => c.status === 'pending_approval')) await api(manager, 'credits.approve', { id: credit.id, version: credit.version });
    await manager.dispose();
  });

  await test.step('money settings (admin): minimum and second-approval threshold', async () => {
    await page.getByRole('link', { name: 'Payouts' }).click();
    await page.getByTestId('payout-settings-link').click();
    await expect(page).toHaveURL(/\/payouts\/settings$/);
    await expect(page.getByTestId('money-minimum')).toHaveValue('50.00');
    await page.getByTestId('money-debtor-iban').fill('DE89 3704 0044 0532 0130 01');
    await page.getByTestId('money-save').click();
    await expect(page.getByText('This IBAN is not valid')).toBeVisible();
    await page.getByTestId('money-debtor-iban').fill('DE02120300000000202051');
    await page.getByTestId('money-debtor-name').fill('Northwind Partner Program GmbH');
    await page.getByTestId('money-save').click();
    await expect(page.getByText('Money settings saved')).toBeVisible();
    await shot('00-money-settings');
  });

  await test.step('generate this month’s payouts in the dialog: progress, then the report with the skipped partner', async () => {
    await page.getByRole('link', { name: 'Payouts' }).click();
    await expect(page).toHaveURL(/\/payouts$/);
    await payouts.generateOpen.click();
    await expect(payouts.dialog).toBeVisible();
    await payouts.start.fill(`${today().slice(0, 7)}-01`);
    await payouts.end.fill(today());
    await shot('01-generate-dialog');
    await payouts.submit.click();
    await expect(payouts.runStatus).toHaveText('Completed');
    await expect(payouts.runCounts).toContainText('2 of 2 partners · 1 payouts, €300.00 · 1 skipped');
    await expect(payouts.report.getByTestId('run-skipped')).toContainText('Below minimum');
    await expect(payouts.report.getByTestId('run-skipped')).toContainText('Initech Resellers Ltd');
    await expect(payouts.report).toContainText('Globex Distribution GmbH');
    await shot('02-run-report');
    await payouts.closeDialog.click();
    await expect(payouts.totals).toContainText('1 pending, €300.00 in total');
    number = (await payouts.table.getByTestId('payout-link').first().textContent()) ?? '';
    expect(number).toMatch(/^PO-\d{4}-\d{2}-/);
    await shot('03-payouts-pending');
  });

  await test.step('open the payout: the generator cannot approve, and is told why', async () => {
    await payouts.row(number).getByTestId('payout-link').click();
    await expect(detail.total).toHaveText('€300.00');
    await expect(detail.approve).toBeDisabled();
    await expect(detail.blockers).toContainText('You generated this payout: another manager must approve it.');
    await expect(detail.line('Rita Rejected')).toBeVisible();
    await shot('04-payout-detail-generator');
  });

  await test.step('reject one line with a note: its credit goes back to the pool', async () => {
    await detail.line('Rita Rejected').getByTestId('line-reject').click();
    await detail.noteSubmit.click();
    await expect(page.getByRole('dialog', { name: /^Reject the line of Rita Rejected/ })).toBeVisible();
    await detail.noteInput.fill('Lead was already our customer');
    await detail.noteSubmit.click();
    await expect(detail.line('Rita Rejected')).toContainText('Rejected');
    await expect(detail.line('Rita Rejected')).toContainText('Lead was already our customer');
    await shot('05-line-rejected');
  });

  await test.step('a second manager (another staff session) approves: partially approved, 200.00 approved', async () => {
    const url = page.url();
    await shell.signOutNow();
    await new SignInPage(page).signIn('max@northwind.test', PASSWORD);
    await expect(shell.userMenu).toBeVisible();
    await page.goto(url);
    await expect(detail.approve).toBeEnabled();
    await detail.approve.click();
    await detail.noteSubmit.click();
    await expect(detail.status).toHaveText('Partially approved');
    await expect(detail.approved).toHaveText('€200.00');
    await expect(detail.approvals).toContainText('Approved');
    await expect(detail.approvals).toContainText('Max Manager');
    await shot('06-approved-by-manager');
  });
});
