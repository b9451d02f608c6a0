import { test, expect } from './fixtures';
import { SetupPage } from './pages/setup-page';
import { SignInPage } from './pages/sign-in-page';
import { AppShell } from './pages/app-shell';
import { StaffPage } from './pages/staff-page';
import { ActivityPage } from './pages/activity-page';

const ADMIN = { name: 'Ada Admin', email: 'ada@northwind.test', password: 'orbit lantern cobalt meadow 7' };
const MANAGER = { name: 'Milo Manager', email: 'milo@northwind.test', role: 'manager', password: 'velvet harbour quartz tiger 3' };

test('first run → workspace and admin → sign out → sign in → add staff → both in the activity log', async ({ page }, testInfo) => {
  const setup = new SetupPage(page);
  const signIn = new SignInPage(page);
  const shell = new AppShell(page);
  const staff = new StaffPage(page);
  const activity = new ActivityPage(page);

  await test.step('first run shows the set-up screen and refuses bad input', async () => {
    await page.goto('/');
    await expect(setup.workspaceName).toBeVisible();
    // Only whoever reads the server's console may create the first admin.
    await setup.fill({ workspace: 'Northwind Partner Program', currency: 'EUR', name: ADMIN.name, email: ADMIN.email, password: ADMIN.password, setupCode: 'AAAA-BBBB-CCCC' });
    await setup.submit.click();
    await expect(page.getByText('The set-up code is wrong; it is printed on the console where PartnerDesk was started')).toBeVisible();
    await setup.fill({ workspace: 'Northwind Partner Program', currency: 'EUR', name: ADMIN.name, email: ADMIN.email, password: 'password1234' });
    await setup.submit.click();
    await expect(setup.passwordError).toBeVisible();
  });

  await test.step('create the workspace and its admin', async () => {
    await setup.password.fill(ADMIN.password);
    await setup.passwordConfirm.fill(ADMIN.password);
    await setup.submit.click();
    await expect(shell.userMenu).toBeVisible();
    await expect(shell.workspaceSwitcher).toContainText('Northwind Partner Program');
  });

  await test.step('sign out and sign back in', async () => {
    await shell.signOutNow();
    await expect(signIn.email).toBeVisible();
    await signIn.signIn(ADMIN.email, 'not the password at all');
    await expect(signIn.error).toContainText(/incorrect/i);
    await signIn.signIn(ADMIN.email, ADMIN.password);
    await expect(shell.userMenu).toBeVisible();
  });

  await test.step('add a staff user', async () => {
    await shell.navStaff.click();
    await expect(staff.rows).toHaveCount(1);
    await staff.add(MANAGER);
    await expect(staff.rows).toHaveCount(2);
    await expect(staff.rows.filter({ hasText: MANAGER.email })).toBeVisible();
  });

  await test.step('both users appear in the activity screen', async () => {
    await shell.navActivity.click();
    await expect(activity.rows.filter({ hasText: 'staff.added' }).filter({ hasText: MANAGER.email })).toHaveCount(1);
    await expect(activity.rows.filter({ hasText: 'auth.signed_in' }).first()).toContainText(ADMIN.name);
    await expect(activity.rows.filter({ hasText: 'auth.sign_in_failed' }).first()).toBeVisible();
    const shot = await page.screenshot({ fullPage: true, path: testInfo.outputPath('activity.png') });
    await testInfo.attach('activity screen', { body: shot, contentType: 'image/png' });
  });

  await test.step('the new manager can sign in and sees the staff list but cannot add staff', async () => {
    await shell.signOutNow();
    // The admin set the manager's password: the first sign-in asks for their own (SignInPage chooses one).
    await signIn.signIn(MANAGER.email, MANAGER.password);
    await shell.navStaff.click();
    await expect(staff.rows).toHaveCount(2);
    await expect(staff.addButton).toHaveCount(0);
  });
});
