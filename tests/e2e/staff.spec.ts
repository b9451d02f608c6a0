import { test, expect } from './fixtures';
import { SetupPage } from './pages/setup-page';
import { SignInPage } from './pages/sign-in-page';
import { AppShell } from './pages/app-shell';
import { StaffPage } from './pages/staff-page';

const ADMIN = { name: 'Ada Admin', email: 'ada@northwind.test', password: 'orbit lantern cobalt meadow 7' };
const MILO = { name: 'Milo Manager', email: 'milo@northwind.test', role: 'manager', password: 'velvet harbour quartz tiger 3' };

test('an admin invites a user of another workspace; the user accepts at sign-in and lands there', async ({ page }, testInfo) => {
  const setup = new SetupPage(page);
  const signIn = new SignInPage(page);
  const shell = new AppShell(page);
  const staff = new StaffPage(page);

  await test.step('Northwind with Milo, then a second workspace, Southwind', async () => {
    await page.goto('/');
    await setup.fill({ workspace: 'Northwind', currency: 'EUR', name: ADMIN.name, email: ADMIN.email, password: ADMIN.password });
    await setup.submit.click();
    await shell.navStaff.click();
    await staff.add(MILO);
    await expect(staff.rows.filter({ hasText: MILO.email })).toBeVisible();
    await shell.createWorkspace('Southwind', 'USD');
    await expect(shell.workspaceSwitcher).toContainText('Southwind');
  });

  await test.step("Southwind adds Milo's e-mail: it sees only what its admin typed", async () => {
    await shell.navStaff.click();
    await staff.add({ name: 'M. from Northwind', email: MILO.email, role: 'viewer', password: 'quartz harbour window 42' });
    const row = staff.rows.filter({ hasText: MILO.email });
    await expect(row).toContainText('M. from Northwind');
    await expect(row).not.toContainText(MILO.name);
    await expect(row.getByTestId('staff-status')).toHaveText('Invited');
    await testInfo.attach('invited member', { body: await page.screenshot({ path: testInfo.outputPath('invited.png') }), contentType: 'image/png' });
  });

  await test.step('Milo signs in, accepts, and lands in Southwind', async () => {
    await shell.signOutNow();
    await signIn.signIn(MILO.email, MILO.password);
    await expect(shell.workspaceSwitcher).toContainText('Northwind');
    await expect(page.getByTestId('invitation-text')).toHaveText('Southwind invited you as viewer.');
    await testInfo.attach('invitation', { body: await page.screenshot({ path: testInfo.outputPath('invitation.png') }), contentType: 'image/png' });
    await page.getByTestId('invitation-accept').click();
    await expect(shell.workspaceSwitcher).toContainText('Southwind');
    await expect(page.getByTestId('invitation-text')).toHaveCount(0);
    await shell.navStaff.click();
    await expect(staff.rows.filter({ hasText: MILO.email })).toContainText(MILO.name);
  });
});
