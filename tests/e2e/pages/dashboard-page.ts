import type { Locator, Page } from '@playwright/test';

/** The dashboard's workspace rules card. */
export class DashboardPage {
  readonly settings: Locator;
  readonly timeZone: Locator;

  constructor(readonly page: Page) {
    this.settings = page.getByTestId('workspace-settings');
    this.timeZone = page.getByTestId('setting-time-zone');
  }

  /** Picks a zone in the searchable select by typing part of its name. */
  async chooseTimeZone(search: string, zone: string): Promise<void> {
    await this.timeZone.click();
    await this.timeZone.fill(search);
    await this.page.getByRole('option', { name: zone, exact: true }).click();
  }
}
