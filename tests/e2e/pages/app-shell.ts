import type { Locator, Page } from '@playwright/test';

export class AppShell {
  readonly userMenu: Locator;
  readonly signOut: Locator;
  readonly navStaff: Locator;
  readonly navActivity: Locator;
  readonly navPartners: Locator;
  readonly workspaceSwitcher: Locator;

  constructor(readonly page: Page) {
    this.userMenu = page.getByTestId('user-menu');
    this.signOut = page.getByTestId('sign-out');
    this.navStaff = page.getByTestId('nav-staff');
    this.navActivity = page.getByTestId('nav-activity');
    this.navPartners = page.getByTestId('nav-partners');
    this.workspaceSwitcher = page.getByTestId('workspace-switcher');
  }

  async signOutNow(): Promise<void> {
    await this.userMenu.click();
    await this.signOut.click();
  }
}
