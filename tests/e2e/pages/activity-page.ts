import type { Locator, Page } from '@playwright/test';

export class ActivityPage {
  readonly rows: Locator;
  constructor(readonly page: Page) {
    this.rows = page.getByTestId('activity-row');
  }
}
