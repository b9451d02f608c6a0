import { test, expect } from './fixtures';
import { SetupPage } from './pages/setup-page';
import { AppShell } from './pages/app-shell';
import { PartnersPage, PartnerDetailPage } from './pages/partners-page';
import { tinyPdf } from '../support/files';

const ADMIN = { name: 'Ada Admin', email: 'ada@northwind.test', password: 'orbit lantern cobalt meadow 7' };


test('onboard a partner: create, attach documents, verify KYC, approve, suspend, reinstate', async ({ page }, testInfo) => {
  const shell = new AppShell(page);
  const list = new PartnersPage(page);
  const detail = new PartnerDetailPage(page);

  await test.step('first run', async () => {
    await page.goto('/');
    const setup = new SetupPage(page);
    await setup.fill({ workspace: 'Northwind Partner Program', currency: 'EUR', name: ADMIN.name, email: ADMIN.email, password: ADMIN.password });
    await setup.submit.click();
    await expect(shell.userMenu).toBeVisible();
  });

  await test.step('create a partner, with a bad email refused first', async () => {
    await shell.navPartners.click();
    await list.create({ legalName: 'Globex Distribution GmbH', contactName: 'Hanna Vogel', contactEmail: 'not-an-email', countryName: 'Germany', ratePercent: '12.5' });
    await expect(page.getByText(/valid email/i).first()).toBeVisible();
    await page.getByTestId('partner-contact-email').fill('hanna@globex.test');
    await page.getByTestId('partner-submit').click();
    await expect(detail.status).toHaveAttribute('data-status', 'pending');
    await expect(page.getByText('CP-0001').first()).toBeVisible();
  });

  await test.step('approval is refused while KYC is not verified: Approve is disabled, the reason shown beside it', async () => {
    // The server decides and says why, before anyone clicks (partner.actions).
    await expect(detail.action('approve')).toBeDisabled();
    await expect(detail.action('reject')).toBeEnabled();
    await expect(detail.actionReason('approve')).toBeVisible();
    await expect(detail.actionReason('approve')).toContainText(/only with verified KYC.*has not started/i);
    await expect(page.getByText(/only with verified KYC/i).first()).toBeVisible();
    await expect(detail.status).toHaveAttribute('data-status', 'pending');
    const shot = await page.screenshot({ fullPage: true, path: testInfo.outputPath('approve-disabled.png') });
    await testInfo.attach('approve disabled with its reason', { body: shot, contentType: 'image/png' });
  });

  await test.step('attach the four KYC documents and verify each', async () => {
    await page.getByTestId('tab-kyc').click();
    const kinds = ['Tax form', 'Identity', 'Bank proof', 'Signed agreement'];
    for (const [i, kind] of kinds.entries()) {
      await detail.uploadDocument(kind, { name: `doc-${i}.pdf`, mimeType: 'application/pdf', buffer: tinyPdf(kind) });
      await expect(detail.docRows).toHaveCount(i + 1);
    }
    await expect(detail.kyc).toHaveAttribute('data-kyc', 'submitted');
    for (let i = 0; i < kinds.length; i++) {
      await detail.docRows.filter({ has: page.getByTestId('doc-verify') }).first().getByTestId('doc-verify').click();
      await page.getByTestId('action-confirm').click();
      await expect(page.locator('[data-testid="doc-row"][data-state="verified"]')).toHaveCount(i + 1);
    }
    await page.getByTestId('kyc-sign-off').click();
    await page.getByTestId('action-confirm').click();
    await expect(detail.kyc).toHaveAttribute('data-kyc', 'verified');
  });

  await test.step('approve, suspend with a reason, reinstate', async () => {
    await detail.act('approve');
    await expect(detail.status).toHaveAttribute('data-status', 'active');
    await detail.act('suspend', 'Duplicate leads under investigation');
    await expect(detail.status).toHaveAttribute('data-status', 'suspended');
    await detail.act('reinstate');
    await expect(detail.status).toHaveAttribute('data-status', 'active');
    await page.getByTestId('tab-profile').click();
    const shot = await page.screenshot({ fullPage: true, path: testInfo.outputPath('partner-detail.png') });
    await testInfo.attach('partner detail', { body: shot, contentType: 'image/png' });
  });

  await test.step('the trail shows every decision and the list shows the partner', async () => {
    await page.getByTestId('tab-activity').click();
    for (const action of ['partner.created', 'partner.document_uploaded', 'partner.kyc_verified', 'partner.approved', 'partner.suspended', 'partner.reinstated']) {
      await expect(page.locator(`[data-testid="activity-row"][data-action="${action}"]`).first()).toBeVisible();
    }
    await shell.navPartners.click();
    await expect(list.rows).toHaveCount(1);
    await expect(list.rows.first()).toHaveAttribute('data-status', 'active');
    const shot = await page.screenshot({ fullPage: true, path: testInfo.outputPath('partner-list.png') });
    await testInfo.attach('partner list', { body: shot, contentType: 'image/png' });
  });
});
