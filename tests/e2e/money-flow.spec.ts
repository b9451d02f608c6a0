import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { SetupPage } from './pages/setup-page';
import { AppShell } from './pages/app-shell';
import { SignInPage } from './pages/sign-in-page';
import { FinancePage } from './pages/finance-page';
import { api } from './pages/leads-page';
import { earnedCredits, payablePartner, PASSWORD, signedIn } from './pages/money-setup';

/*
 * The money path in the browser (issue 8's journey): the admin generates a payout, a manager
 * reviews its lines, rejects one and approves the payout (the generator may not: four eyes),
 * then finance exports the pain.001 bank file, marks the payout paid and opens its statement.
 * The partner, its KYC and banking, and the approved credits are prepared through the API.
 */

const today = () => new Date().toISOString().slice(0, 10);

async function signInAs(page: Page, email: string): Promise<void> {
  const shell = new AppShell(page);
  await shell.signOutNow();
  await new SignInPage(page).signIn(email, PASSWORD);
  await expect(shell.userMenu).toBeVisible();
}

test('money flow: generate → review lines → reject one → approve as another manager → finance exports pain.001, marks paid, opens the statement', async ({ page, server }, testInfo: TestInfo) => {
  const finance = new FinancePage(page);
  const shot = async (name: string) => {
    const body = await page.screenshot({ fullPage: true, path: testInfo.outputPath(`${name}.png`) });
    await testInfo.attach(name, { body, contentType: 'image/png' });
  };
  let payoutNumber = '';

  await test.step('first run, staff, the paying account, a payable partner with three approved 100.00 credits (API)', async () => {
    await page.goto('/');
    const setup = new SetupPage(page);
    await setup.fill({ workspace: 'Northwind Partner Program', currency: 'EUR', name: 'Ada Admin', email: 'ada@northwind.test', password: PASSWORD });
    await setup.submit.click();
    await expect(new AppShell(page).userMenu).toBeVisible();
    for (const [name, email, role] of [
      ['Second Admin', 'admin2@northwind.test', 'admin'],
      ['Max Manager', 'max@northwind.test', 'manager'],
      ['Fiona Finance', 'fiona@northwind.test', 'finance'],
    ] as const) {
      await api(page.request, 'staff.add', { name, email, role, password: PASSWORD });
    }
    await api(page.request, 'payouts.updateSettings', { debtorName: 'Northwind Partner Program GmbH', debtorIban: 'DE02120300000000202051', debtorBic: 'BYLADEM1001' });
    const admin2 = await signedIn(server.url, 'admin2@northwind.test');
    const manager = await signedIn(server.url, 'max@northwind.test');
    const partner = await payablePartner(page.request, admin2, 'Globex Distribution GmbH', 'DE89370400440532013000');
    await earnedCredits(page.request, manager, partner, ['Mara Keller', 'Jon Park', 'Rita Rejected']);
    await Promise.all([admin2.dispose(), manager.dispose()]);
  });

  await test.step('the admin generates this month’s payouts; the run report lists one payout', async () => {
    await page.getByRole('link', { name: 'Payouts' }).click();
    await page.getByTestId('generate-open').click();
    await page.getByTestId('generate-start').fill(`${today().slice(0, 7)}-01`);
    await page.getByTestId('generate-end').fill(today());
    await page.getByTestId('generate-submit').click();
    await expect(page.getByTestId('run-status')).toHaveText(/completed/i, { timeout: 30_000 });
    await expect(page.getByTestId('run-payouts')).toContainText('Globex Distribution GmbH');
    await shot('01-run-report');
    await page.getByTestId('generate-close').click();
    const row = page.locator('[data-testid^="payout-row-"]').first();
    payoutNumber = ((await row.getAttribute('data-testid')) ?? '').replace('payout-row-', '');
    expect(payoutNumber).not.toBe('');
    await row.getByTestId('payout-link').click();
    await expect(page.getByTestId('payout-lines')).toContainText('Rita Rejected');
    // Four eyes: whoever generated the payout cannot approve it.
    await expect(page.getByTestId('payout-approve')).toBeDisabled();
    await shot('02-payout-as-generator');
  });

  await test.step('a manager rejects one line with a note and approves the payout: partially approved, 200.00 of 300.00', async () => {
    const url = page.url();
    await signInAs(page, 'max@northwind.test');
    await page.goto(url);
    await page.getByTestId('payout-line-Rita Rejected').getByTestId('line-reject').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox').fill('Lead was already our customer');
    await dialog.getByTestId('note-submit').click();
    await expect(page.getByTestId('payout-line-Rita Rejected')).toContainText(/rejected/i);
    await page.getByTestId('payout-approve').click();
    await page.getByRole('dialog').getByTestId('note-submit').click();
    await expect(page.getByTestId('payout-approved')).toContainText('€200.00');
    await shot('03-payout-approved');
  });

  await test.step('finance exports pain.001 (valid against the XSD)', async () => {
    await signInAs(page, 'fiona@northwind.test');
    await page.getByRole('link', { name: 'Finance' }).click();
    await expect(finance.row(payoutNumber)).toContainText('€200.00');
    await finance.select(payoutNumber).check();
    await finance.exportMenu.click();
    const [download] = await Promise.all([page.waitForEvent('download'), finance.exportItem('pain001').click()]);
    const file = testInfo.outputPath('pain001.xml');
    await download.saveAs(file);
    expect(readFileSync(file, 'utf8')).toContain(`<EndToEndId>${payoutNumber}</EndToEndId>`);
    execFileSync('xmllint', ['--noout', '--schema', 'tests/fixtures/pain.001.001.03.xsd', file], { stdio: 'pipe' });
    await shot('04-finance');
  });

  await test.step('finance marks it paid and opens the statement', async () => {
    await finance.markPaid.click();
    await finance.reference.fill('NW-FLOW-0001');
    await finance.submit.click();
    await expect(finance.summary).toContainText('1 of 1 paid, €200.00');
    await finance.close.click();
    await finance.paidTab.click();
    await expect(finance.row(payoutNumber)).toContainText('NW-FLOW-0001');
    const [statement] = await Promise.all([page.waitForEvent('download'), finance.statement(payoutNumber).click()]);
    const pdf = testInfo.outputPath('statement.pdf');
    await statement.saveAs(pdf);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const expected of [payoutNumber, 'Globex Distribution GmbH', 'Lead was already our customer', '€200.00', 'NW-FLOW-0001', 'paid']) expect(text).toContain(expected);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, testInfo.outputPath('statement')]);
    await testInfo.attach('05-statement', { body: readFileSync(testInfo.outputPath('statement.png')), contentType: 'image/png' });
    await shot('06-paid');
  });
});
