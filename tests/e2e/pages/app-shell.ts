import type { Locator, Page } from '@playwright/test';

export class AppShell {
  readonly userMenu: Locator;
  readonly signOut: Locator;
  readonly navStaff: Locator;
  readonly navActivity: Locator;
  readonly navPartners: Locator;
  readonly workspaceSwitcher: Locator;
  readonly navDashboard: Locator;
  /** The command palette (Ctrl/Cmd+K): its search box and its results. */
  readonly paletteSearch: Locator;
  readonly paletteResults: Locator;
  /** The page shown for a URL no route matches, and its way home. */
  readonly notFound: Locator;

  constructor(readonly page: Page) {
    this.userMenu = page.getByTestId('user-menu');
    this.signOut = page.getByTestId('sign-out');
    this.navStaff = page.getByTestId('nav-staff');
    this.navActivity = page.getByTestId('nav-activity');
    this.navPartners = page.getByTestId('nav-partners');
    this.workspaceSwitcher = page.getByTestId('workspace-switcher');
    this.navDashboard = page.getByTestId('nav-dashboard');
    this.paletteSearch = page.getByRole('textbox', { name: 'Search screens and partners' });
    this.paletteResults = page.locator('.mantine-Spotlight-action');
    this.notFound = page.getByTestId('route-not-found');
  }

  /** Opens the palette with its keyboard shortcut and types a query. */
  async searchPalette(text: string): Promise<void> {
    await this.page.keyboard.press('Control+K');
    await this.paletteSearch.fill(text);
  }

  /** Creates another workspace from the switcher; the app switches to it. */
  async createWorkspace(name: string, currency: string): Promise<void> {
    await this.workspaceSwitcher.click();
    await this.page.getByTestId('workspace-new').click();
    await this.page.getByTestId('workspace-name').fill(name);
    const select = this.page.getByTestId('workspace-currency');
    await select.click();
    await select.fill(currency);
    await this.page.getByRole('option', { name: new RegExp(`^${currency}`) }).first().click();
    await this.page.getByTestId('workspace-submit').click();
  }

  async switchWorkspace(name: string): Promise<void> {
    await this.workspaceSwitcher.click();
    await this.page.getByTestId('workspace-option').filter({ hasText: name }).click();
  }

  async signOutNow(): Promise<void> {
    await this.userMenu.click();
    await this.signOut.click();
  }
}
