import { readFileSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { test, expect } from './fixtures';
import { PortalSignInPage } from './pages/portal-sign-in';
import { PortalLeadsPage } from './pages/portal-leads';
import { LeadImportPage } from './pages/lead-import-page';
import { LeadQueuePage, api } from './pages/leads-page';
import { SignInPage } from './pages/sign-in-page';
import { AppShell } from './pages/app-shell';
import { PASSWORD, payablePartner } from './pages/money-setup';
import { invitedPortalUser, PortalMoneyPage, staffWorkspace, today } from './pages/portal-money';

/*
 * The point 6 in one journey. The partner's side and the manager's rejection go
 * through the browser (two contexts: the partner in the portal, the manager in the staff UI);
 * the rest of the staff side (the lead approval, the credit decisions, generating, approving
 * and paying the payout) goes through the real HTTP API with staff sessions, to keep the test
 * short: those screens have their own specs (leads, credits, payouts, finance, money-flow).
 */

const PORTAL_PASSWORD = 'quartz heron lantern 2031';
const CSV = ['Contact name;Company;Email;Country', 'Ivo Imported;Imported Goods AG;ivo@imported-goods.example;DE', 'Rosa Rejected;Rejected Wares GmbH;rosa@rejected-wares.example;DE'].join('\r\n') + '\r\n';

async function pending<T extends { status: string }>(ctx: APIRequestContext, input: object): Promise<(T & { id: string; version: number })[]> {
  const page = await api<{ rows: (T & { id: string; version: number })[] }>(ctx, 'credits.list', input);
  return page.rows.filter((c) => c.status === 'pending_approval');
}

test('portal flow: a lead manager submits and imports leads, sees a manager’s rejection, requests a credit, sees the paid payout and downloads its statement', async ({ page, browser, server }, testInfo) => {
  const leads = new PortalLeadsPage(page);
  const money = new PortalMoneyPage(page);
  const staff = await test.step('staff (API): the workspace, a payable partner, its lead manager invited', async () => staffWorkspace(page, server.url));
  const partnerId = await payablePartner(staff.admin, staff.admin2, 'Globex Distribution GmbH', 'DE89370400440532013000');
  const token = await invitedPortalUser(staff.admin, partnerId, 'Lena Leads', 'lena@globex.test', 'partner_lead_manager');

  await test.step('the lead manager signs in at /portal through the invite link and submits a lead', async () => {
    await new PortalSignInPage(page).acceptInvite(token, PORTAL_PASSWORD);
    await leads.submit({ contactName: 'Nina Submitted', company: 'Submitted Systems GmbH', email: 'nina@submitted-systems.example' });
    await expect(page.getByTestId('portal-lead-status')).toBeVisible();
  });

  await test.step('imports a small CSV: two rows accepted', async () => {
    const importer = new LeadImportPage(page);
    await page.goto('/portal/leads/import');
    await importer.chooseFile('globex-fair.csv', Buffer.from(CSV, 'utf8'));
    await expect(importer.preview).toBeVisible();
    await importer.start.click();
    await expect(importer.result).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
    await expect(importer.accepted).toHaveText('2');
  });

  await test.step('a manager, in a second browser context, rejects one imported lead in the staff review queue with a reason', async () => {
    const context = await browser.newContext({ baseURL: server.url });
    const staffPage = await context.newPage();
    await staffPage.goto('/');
    await new SignInPage(staffPage).signIn('max@northwind.test', PASSWORD);
    await expect(new AppShell(staffPage).userMenu).toBeVisible();
    await staffPage.goto('/leads/review');
    const queue = new LeadQueuePage(staffPage);
    await queue.row('Rosa Rejected').click();
    await expect(queue.detailTitle).toContainText('Rosa Rejected');
    await queue.key('r');
    await expect(queue.rejectReason).toBeFocused();
    await staffPage.keyboard.type('Outside our sales area');
    await staffPage.keyboard.press('Control+Enter');
    await expect(queue.detailStatus).toHaveAttribute('data-status', 'rejected');
    await context.close();
  });

  await test.step('the partner sees the rejection reason in its leads', async () => {
    await leads.open();
    await expect(leads.row('Rosa Rejected').getByTestId('portal-lead-reason')).toContainText('Outside our sales area');
  });

  await test.step('staff (API) approve Nina’s lead (its fixed commission waits for a manager); the partner requests a credit on it', async () => {
    const list = await api<{ rows: { id: string; version: number; contactName: string }[] }>(staff.admin, 'leads.list', { partnerId });
    const nina = list.rows.find((l) => l.contactName === 'Nina Submitted');
    if (!nina) throw new Error('Nina’s lead is missing');
    await api(staff.manager, 'leads.approve', { id: nina.id, version: nina.version });
    await money.open('credits');
    await money.submitCreditRequest('Nina Submitted', '42.00', 'Ran the product demo for the customer ourselves');
    await expect(money.creditRows.filter({ hasText: '€42.00' })).toContainText('Pending approval');
  });

  let payoutNumber = '';
  await test.step('staff (API): the manager approves the credits, the admin generates the payout, the manager approves it, finance pays it', async () => {
    for (const c of await pending(staff.manager, { partnerId })) await api(staff.manager, 'credits.approve', { id: c.id, version: c.version });
    const run = await api<{ id: string; status: string; payouts: { id: string; number: string }[] }>(staff.admin, 'payouts.generate', {
      periodStart: `${today().slice(0, 7)}-01`,
      periodEnd: today(),
      partnerId,
      idempotencyKey: `flow-${Date.now()}`,
    });
    expect(run.status).toBe('completed');
    const payout = run.payouts[0];
    if (!payout) throw new Error('no payout generated');
    payoutNumber = payout.number;
    let detail = await api<{ version: number }>(staff.manager, 'payouts.get', { id: payout.id });
    await api(staff.manager, 'payouts.approve', { id: payout.id, version: detail.version });
    detail = await api(staff.finance, 'payouts.get', { id: payout.id });
    await api(staff.finance, 'payouts.markPaid', { payouts: [{ id: payout.id, version: detail.version }], paymentDate: today(), method: 'bank_transfer', reference: 'NW-FLOW-0042' });
    await staff.dispose();
  });

  await test.step('the partner sees the paid payout and downloads its statement (a PDF)', async () => {
    await money.open('payouts');
    await expect(money.payoutRow(payoutNumber)).toContainText('Paid');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`statement-${payoutNumber}`).click()]);
    const file = testInfo.outputPath('statement.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
