import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { PortalSignInPage } from './pages/portal-sign-in';
import { invitedPortalUser, paidPayout, partnerWithCredits, PortalMoneyPage, staffWorkspace } from './pages/portal-money';

/*
 * The portal's credits, payouts, banking, team and API-key screens as a partner admin sees
 * them, with the data made through the real app: staff set up the workspace, the partner and
 * its paid payout over the HTTP API (staff sessions), the partner admin uses the screens.
 * Each screen is also looked at on a 375 px phone and checked with axe (no serious or critical finding).
 */

const PORTAL_PASSWORD = 'quartz heron lantern 2031';

/** The elements that stick out to the right of a 375 px screen, for the failure message. */
function widerThanPhone(page: Page): Promise<string> {
  return page.locator('body *').evaluateAll((els) =>
    els
      .map((el) => ({ el: el as unknown as { tagName: string; className: unknown; closest(s: string): unknown; getBoundingClientRect(): { right: number } }, right: 0 }))
      .filter((x) => x.el.closest('.mantine-Table-scrollContainer') === null)
      .map((x) => ({ ...x, right: x.el.getBoundingClientRect().right }))
      .filter((x) => x.right > 376)
      .slice(0, 5)
      .map((x) => `${x.el.tagName}.${String(x.el.className)} ${Math.round(x.right)}`)
      .join(', '),
  );
}

async function look(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  // A toast fades out over the page while it goes: axe would measure its half-transparent text.
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking, `${name}: ${blocking.join('; ')}`).toEqual([]);
  await testInfo.attach(`${name}-desktop`, { body: await page.screenshot({ fullPage: true, path: testInfo.outputPath(`${name}-desktop.png`) }), contentType: 'image/png' });
  const desktop = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 812 });
  // The phone layout must not scroll sideways as a whole (wide tables scroll inside their own box).
  await expect
    .poll(() => page.locator('html').evaluate((html) => (html as unknown as { scrollWidth: number }).scrollWidth), {
      message: `${name}: wider than the phone: ${await widerThanPhone(page)}`,
    })
    .toBeLessThanOrEqual(375);
  await testInfo.attach(`${name}-phone`, { body: await page.screenshot({ fullPage: true, path: testInfo.outputPath(`${name}-phone.png`) }), contentType: 'image/png' });
  if (desktop) await page.setViewportSize(desktop);
}

test('portal money: credits and a credit request, a paid payout with its lines and PDF, a payout request, banking with its hold, team, API keys', async ({ page, server }, testInfo) => {
  const portal = new PortalMoneyPage(page);
  let payoutNumber = '';
  let token = '';

  await test.step('staff (API): a payable partner, three approved 100.00 credits, a payout with one rejected line approved and paid, a portal admin invited', async () => {
    const staff = await staffWorkspace(page, server.url);
    const partnerId = await partnerWithCredits(staff, 'Globex Distribution GmbH', ['Mara Keller', 'Jon Park', 'Rita Rejected']);
    payoutNumber = (await paidPayout(staff, partnerId, 'Rita Rejected', 'Lead was already our customer')).number;
    token = await invitedPortalUser(staff.admin, partnerId, 'Paula Partner', 'paula@globex.test', 'partner_admin');
    await staff.dispose();
  });

  await test.step('the partner admin opens the invite link, chooses a password and lands in the portal', async () => {
    await new PortalSignInPage(page).acceptInvite(token, PORTAL_PASSWORD);
    await expect(page.getByTestId('portal-partner-name')).toContainText('Globex');
  });

  await test.step('credits: statuses, then a credit request on one of the partner’s leads waits for a manager', async () => {
    await portal.open('credits');
    await expect(portal.creditRows).toHaveCount(3);
    await expect(portal.creditRow('Mara Keller')).toContainText('Paid');
    await expect(portal.creditRow('Rita Rejected')).toContainText('Approved');
    await portal.submitCreditRequest('Jon Park', '25.50', 'Extra onboarding workshop run for the customer');
    await expect(portal.creditRows).toHaveCount(4);
    await expect(portal.creditRows.filter({ hasText: '€25.50' })).toContainText('Pending approval');
    await look(page, testInfo, '01-credits');
  });

  await test.step('payouts: the paid payout; available 100.00 against the 50.00 minimum; a request, then the button says why it is disabled', async () => {
    await portal.open('payouts');
    await expect(portal.payoutRow(payoutNumber)).toContainText('Paid');
    await expect(portal.payoutRow(payoutNumber)).toContainText('€200.00');
    await expect(portal.available).toHaveText('€100.00');
    await expect(portal.minimum).toHaveText('€50.00');
    await expect(portal.payoutRequest).toBeEnabled();
    await portal.payoutRequest.click();
    await page.getByRole('dialog').getByTestId('note-submit').click();
    await expect(portal.payoutRequest).toBeDisabled();
    await expect(portal.payoutRequestBlocker).toContainText('is open');
    await look(page, testInfo, '02-payouts');
  });

  await test.step('a payout’s lines show the rejected line’s note; its statement downloads as a PDF', async () => {
    await portal.payoutRow(payoutNumber).getByTestId('portal-payout-link').click();
    await expect(page).toHaveURL(/\/portal\/payouts\/[^/]+$/);
    await expect(portal.payoutLine('Rita Rejected')).toContainText('Rejected');
    await expect(portal.payoutLine('Rita Rejected')).toContainText('Lead was already our customer');
    await expect(portal.payoutLine('Mara Keller')).toContainText('Approved');
    await expect(page.getByTestId('portal-payout-paid')).toContainText('NW-PORTAL-0001');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`statement-${payoutNumber}`).click()]);
    const file = testInfo.outputPath('statement.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await look(page, testInfo, '03-payout');
  });

  await test.step('banking: masked; the form warns before a change, and the screen shows the hold after', async () => {
    await portal.open('banking');
    await expect(page.getByTestId('portal-banking-display')).toContainText('3000');
    await expect(page.getByTestId('portal-banking-on-hold')).toHaveCount(0);
    await page.getByTestId('portal-banking-edit').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('portal-banking-warning')).toContainText('on hold');
    await dialog.getByTestId('portal-banking-iban').fill('DE12 5001 0517 0648 4898 90');
    await dialog.getByTestId('portal-banking-bic').fill('INGDDEFFXXX');
    await dialog.getByTestId('portal-banking-submit').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('portal-banking-on-hold')).toBeVisible();
    await expect(page.getByTestId('portal-banking-display')).toContainText('9890');
    await look(page, testInfo, '04-banking');
  });

  await test.step('team: invite a colleague (the link shown once), change their role, deactivate them', async () => {
    await portal.open('team');
    await page.getByTestId('team-invite-open').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('team-invite-name').fill('Lars Lead');
    await dialog.getByTestId('team-invite-email').fill('lars@globex.test');
    await dialog.getByTestId('team-invite-submit').click();
    await expect(page.getByTestId('team-invite-link')).toContainText(`${server.url}/portal/invite/`);
    await page.getByTestId('team-invite-link-close').click();
    const row = page.locator('[data-testid="team-row"][data-user-email="lars@globex.test"]');
    await expect(row.getByTestId('team-status')).toHaveText('Invited');
    await row.getByTestId('team-role').click();
    await page.getByRole('option', { name: 'Viewer' }).click();
    await expect(row.getByTestId('team-role')).toHaveValue('Viewer');
    await look(page, testInfo, '05-team');
    await row.getByTestId('team-deactivate').click();
    await page.getByTestId('confirm-ok').click();
    await expect(row.getByTestId('team-status')).toHaveText('Deactivated');
  });

  await test.step('API keys: created (the secret shown once), used over HTTP, revoked (then 401)', async () => {
    await portal.open('api-keys');
    await page.getByTestId('apikey-create-open').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('apikey-name').fill('CRM sync');
    await dialog.getByTestId('apikey-submit').click();
    const secret = (await page.getByTestId('apikey-secret').textContent()) ?? '';
    expect(secret).toMatch(/^pdk_/);
    await page.getByTestId('apikey-secret-close').click();
    const row = page.locator('[data-testid="apikey-row"][data-key-name="CRM sync"]');
    await expect(row.getByTestId('apikey-prefix')).toHaveText(`${secret.slice(0, 12)}…`);
    await expect(page.getByText(secret)).toHaveCount(0);
    await expect(page.getByTestId('apikey-curl')).toContainText(`${server.url}/api/v1/leads`);
    const read = () => page.request.get('/api/v1/leads?limit=1', { headers: { authorization: `Bearer ${secret}` } });
    expect((await read()).status()).toBe(200);
    await look(page, testInfo, '06-api-keys');
    await row.getByTestId('apikey-revoke').click();
    await page.getByTestId('confirm-ok').click();
    await expect(row.getByTestId('apikey-revoked')).toBeVisible();
    expect((await read()).status()).toBe(401);
  });
});
