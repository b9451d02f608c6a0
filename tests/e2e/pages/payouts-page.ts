import type { Locator, Page } from '@playwright/test';

/** `/payouts`: tabs, totals, the generate dialog with its run report, the runs list. */
export class PayoutsPage {
  readonly generateOpen: Locator;
  readonly dialog: Locator;
  readonly start: Locator;
  readonly end: Locator;
  readonly submit: Locator;
  readonly report: Locator;
  readonly runStatus: Locator;
  readonly runCounts: Locator;
  readonly closeDialog: Locator;
  readonly totals: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.generateOpen = page.getByTestId('generate-open');
    this.dialog = page.getByRole('dialog', { name: 'Generate payouts' });
    this.start = page.getByTestId('generate-start');
    this.end = page.getByTestId('generate-end');
    this.submit = page.getByTestId('generate-submit');
    this.report = page.getByTestId('run-report');
    this.runStatus = page.getByTestId('run-status');
    this.runCounts = page.getByTestId('run-counts');
    this.closeDialog = page.getByTestId('generate-close');
    this.totals = page.getByTestId('payouts-totals');
    this.table = page.getByTestId('payout-table');
  }

  row(number: string): Locator {
    return this.page.getByTestId(`payout-row-${number}`);
  }
}

/** `/payouts/$id`: header actions, blockers, lines with their decisions, the note dialog. */
export class PayoutDetailPage {
  readonly approve: Locator;
  readonly reject: Locator;
  readonly blockers: Locator;
  readonly status: Locator;
  readonly total: Locator;
  readonly approved: Locator;
  readonly noteInput: Locator;
  readonly noteSubmit: Locator;
  readonly approvals: Locator;

  constructor(readonly page: Page) {
    this.approve = page.getByTestId('payout-approve');
    this.reject = page.getByTestId('payout-reject');
    this.blockers = page.getByTestId('payout-blockers');
    this.status = page.getByTestId('payout-status').first();
    this.total = page.getByTestId('payout-total');
    this.approved = page.getByTestId('payout-approved');
    this.noteInput = page.getByTestId('note-input');
    this.noteSubmit = page.getByTestId('note-submit');
    this.approvals = page.getByTestId('payout-approvals');
  }

  line(contactName: string): Locator {
    return this.page.getByTestId(`payout-line-${contactName}`);
  }
}
