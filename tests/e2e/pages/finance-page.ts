import type { Locator, Page } from '@playwright/test';

/** `/finance`: the ready-to-pay and paid tabs, the selection, exports, the mark-paid dialog and statements. */
export class FinancePage {
  readonly payableTab: Locator;
  readonly paidTab: Locator;
  readonly selection: Locator;
  readonly selectAll: Locator;
  readonly markPaid: Locator;
  readonly exportMenu: Locator;
  readonly dialog: Locator;
  readonly date: Locator;
  readonly method: Locator;
  readonly reference: Locator;
  readonly submit: Locator;
  readonly summary: Locator;
  readonly close: Locator;

  constructor(readonly page: Page) {
    this.payableTab = page.getByTestId('finance-tab-payable');
    this.paidTab = page.getByTestId('finance-tab-paid');
    this.selection = page.getByTestId('finance-selection');
    this.selectAll = page.getByTestId('finance-select-all');
    this.markPaid = page.getByTestId('finance-mark-paid');
    this.exportMenu = page.getByTestId('export-menu');
    this.dialog = page.getByRole('dialog', { name: /^Mark .* paid$/ });
    this.date = page.getByTestId('mark-paid-date');
    this.method = page.getByTestId('mark-paid-method');
    this.reference = page.getByTestId('mark-paid-reference');
    this.submit = page.getByTestId('mark-paid-submit');
    this.summary = page.getByTestId('mark-paid-summary');
    this.close = page.getByTestId('mark-paid-close');
  }

  row(number: string): Locator {
    return this.page.getByTestId(`finance-row-${number}`);
  }

  select(number: string): Locator {
    return this.page.getByTestId(`finance-select-${number}`);
  }

  statement(number: string): Locator {
    return this.page.getByTestId(`statement-${number}`);
  }

  exportItem(format: string): Locator {
    return this.page.getByTestId(`export-${format}`);
  }
}
