import { test, expect } from './fixtures';
import { SetupPage } from './pages/setup-page';
import { AppShell } from './pages/app-shell';
import { PartnersPage, PartnerDetailPage } from './pages/partners-page';
import { api } from './pages/leads-page';
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

/** More than two keyset pages of the list (50 rows each), so scrolling must fetch by cursor twice. */
const MANY = 120;

test('a long partner list scrolls by cursor: rows beyond the first page load as it scrolls, no page numbers', async ({ page }, testInfo) => {
  const list = new PartnersPage(page);
  const detail = new PartnerDetailPage(page);

  await test.step(`first run, then ${MANY} partners through the API`, async () => {
    await page.goto('/');
    const setup = new SetupPage(page);
    await setup.fill({ workspace: 'Northwind Partner Program', currency: 'EUR', name: ADMIN.name, email: ADMIN.email, password: ADMIN.password });
    await setup.submit.click();
    // Set-up hashes a password and boots the shell: slow when the 2-core machine is busy.
    await expect(new AppShell(page).userMenu).toBeVisible({ timeout: 30_000 });
    for (let i = 1; i <= MANY; i++) {
      const n = String(i).padStart(3, '0');
      await api(page.request, 'partners.create', {
        type: 'channel_partner',
        legalName: `Partner ${n} GmbH`,
        contact: { name: `Contact ${n}`, email: `contact${n}@partner.test` },
        country: 'DE',
        terms: { commissionModel: 'percentage', rateBp: 1000 },
      });
    }
  });

  await test.step('an old link with ?page= still opens the list, from its top; the total is the whole count', async () => {
    await page.goto('/partners?page=3');
    await expect(list.rowAt(0)).toBeVisible({ timeout: 30_000 });
    // Newest first: the last created partner heads the list.
    await expect(list.rowAt(0)).toContainText('CP-0120');
    await expect(list.total).toHaveText(`${MANY} partners`);
    await expect(list.pagination).toHaveCount(0);
    // Virtualised: far fewer rows in the DOM than the list has, and the table says how many there are.
    expect(await list.rows.count()).toBeLessThan(50);
    await expect(list.table).toHaveAttribute('aria-rowcount', String(MANY + 1));
  });

  await test.step('rows sit where the virtualiser placed them (fixed height, no drift)', async () => {
    const tops = await list.rows.evaluateAll((rows) => rows.map((r) => (r as unknown as { offsetTop: number }).offsetTop));
    const steps = tops.slice(1).map((top, i) => top - (tops[i] ?? 0));
    expect(new Set(steps), `row offsets ${tops.join(',')}`).toEqual(new Set([61]));
  });

  await test.step('scrolling down loads the following pages by cursor, down to the first partner created', async () => {
    const last = list.rowAt(MANY - 1);
    await expect(async () => {
      await list.wheel(4000);
      await expect(last).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(last).toContainText('CP-0001');
    await expect(last).toHaveAttribute('aria-rowindex', String(MANY + 1));
    // The first page's rows left the DOM as they left the view.
    await expect(list.rowAt(0)).toHaveCount(0);
    const shot = await page.screenshot({ fullPage: true, path: testInfo.outputPath('partner-list-scrolled.png') });
    await testInfo.attach('partner list scrolled to its end', { body: shot, contentType: 'image/png' });
  });

  await test.step('a sort change starts the new list at its top', async () => {
    await list.sortBy('code').click();
    await expect(page).toHaveURL('/partners?sort=code&dir=asc');
    await expect(list.rowAt(0)).toContainText('CP-0001');
    await expect.poll(() => list.scrollTop()).toBe(0);
  });

  await test.step('keyboard: rows are focusable, arrows and End move between them (loading more), Enter opens', async () => {
    await list.rowAt(0).focus();
    await page.keyboard.press('ArrowDown');
    await expect(list.rowAt(1)).toBeFocused();
    await page.keyboard.press('End');
    // End goes to the last row loaded (row 50, or later if the next page came first); the pages after it load as it
    // comes into view, and End again reaches the real end.
    await expect(page.locator('[data-testid="partner-row"]:focus')).toHaveAttribute('data-index', /^(49|99|119)$/);
    await expect(async () => {
      await page.keyboard.press('End');
      await expect(list.rowAt(MANY - 1)).toBeFocused({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(list.rowAt(MANY - 1)).toContainText('CP-0120');
    await page.keyboard.press('Enter');
    await expect(detail.code).toHaveText('CP-0120');
  });
});
