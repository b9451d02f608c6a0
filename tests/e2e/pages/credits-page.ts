import type { Locator, Page } from '@playwright/test';

/** The credits queue (`/credits`): status tabs, the table with its selection, the bulk dialog and the detail drawer. */
export class CreditsPage {
  readonly rows: Locator;
  readonly bulkBar: Locator;
  readonly bulkApprove: Locator;
  readonly bulkReject: Locator;
  readonly bulkReason: Locator;
  readonly bulkConfirm: Locator;
  readonly bulkSummary: Locator;
  readonly bulkClose: Locator;
  readonly drawer: Locator;
  readonly detail: Locator;
  readonly detailStatus: Locator;
  readonly detailCalculation: Locator;
  readonly approve: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('credit-row');
    this.bulkBar = page.getByTestId('credit-bulk-bar');
    this.bulkApprove = page.getByTestId('credit-bulk-approve');
    this.bulkReject = page.getByTestId('credit-bulk-reject');
    this.bulkReason = page.getByTestId('credit-bulk-reason');
    this.bulkConfirm = page.getByTestId('credit-bulk-confirm');
    this.bulkSummary = page.getByTestId('credit-bulk-summary');
    this.bulkClose = page.getByTestId('credit-bulk-close');
    this.drawer = page.getByRole('dialog', { name: 'Credit' });
    this.detail = page.getByTestId('credit-detail');
    this.detailStatus = page.getByTestId('credit-status');
    this.detailCalculation = page.getByTestId('credit-calculation');
    this.approve = page.getByTestId('credit-approve');
  }

  tab(status: string): Locator {
    return this.page.getByTestId(`credit-tab-${status}`);
  }

  row(contactName: string): Locator {
    return this.rows.filter({ hasText: contactName });
  }

  async select(contactName: string): Promise<void> {
    await this.row(contactName).getByTestId('credit-select').check();
  }
}
