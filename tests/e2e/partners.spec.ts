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
    await expect(list.formEmailError).toBeVisible();
    await list.resubmitWithEmail('hanna@globex.test');
    await expect(detail.status).toHaveAttribute('data-status', 'pending');
    await expect(detail.code).toHaveText('CP-0001');
  });

  await test.step('approval is refused while KYC is not verified: Approve is disabled, the reason shown beside it', async () => {
    // The server decides and says why, before anyone clicks (partner.actions).
    await expect(detail.action('approve')).toBeDisabled();
    await expect(detail.action('reject')).toBeEnabled();
    await expect(detail.actionReason('approve')).toBeVisible();
    await expect(detail.actionReason('approve')).toContainText(/only with verified KYC.*has not started/i);
    await expect(detail.status).toHaveAttribute('data-status', 'pending');
    const shot = await page.screenshot({ fullPage: true, path: testInfo.outputPath('approve-disabled.png') });
    await testInfo.attach('approve disabled with its reason', { body: shot, contentType: 'image/png' });
  });

  await test.step('attach the four KYC documents and verify each', async () => {
    await detail.tab('kyc').click();
    const kinds = ['Tax form', 'Identity', 'Bank proof', 'Signed agreement'];
    for (const [i, kind] of kinds.entries()) {
      await detail.uploadDocument(kind, { name: `doc-${i}.pdf`, mimeType: 'application/pdf', buffer: tinyPdf(kind) });
      await expect(detail.docRows).toHaveCount(i + 1);
    }
    await expect(detail.kyc).toHaveAttribute('data-kyc', 'submitted');
    for (let i = 0; i < kinds.length; i++) {
      await detail.verifyNextDocument();
      await expect(detail.verifiedDocRows).toHaveCount(i + 1);
    }
    await detail.signOffKyc();
    await expect(detail.kyc).toHaveAttribute('data-kyc', 'verified');
  });

  await test.step('approve, suspend with a reason, reinstate', async () => {
    await detail.act('approve');
    await expect(detail.status).toHaveAttribute('data-status', 'active');
    await detail.act('suspend', 'Duplicate leads under investigation');
    await expect(detail.status).toHaveAttribute('data-status', 'suspended');
    await detail.act('reinstate');
    await expect(detail.status).toHaveAttribute('data-status', 'active');
    await detail.tab('profile').click();
    const shot = await page.screenshot({ fullPage: true, path: testInfo.outputPath('partner-detail.png') });
    await testInfo.attach('partner detail', { body: shot, contentType: 'image/png' });
  });

  await test.step('the trail shows every decision and the list shows the partner', async () => {
    await detail.tab('activity').click();
    for (const action of ['partner.created', 'partner.document_uploaded', 'partner.kyc_verified', 'partner.approved', 'partner.suspended', 'partner.reinstated']) {
      await expect(detail.activityRow(action)).toBeVisible();
    }
    await shell.navPartners.click();
    await expect(list.rows).toHaveCount(1);
    await expect(list.rows.first()).toHaveAttribute('data-status', 'active');
    const shot = await page.screenshot({ fullPage: true, path: testInfo.outputPath('partner-list.png') });
    await testInfo.attach('partner list', { body: shot, contentType: 'image/png' });
  });
});
