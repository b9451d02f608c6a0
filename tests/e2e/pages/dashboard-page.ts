import type { Locator, Page } from '@playwright/test';

/** The dashboard: the workspace summary and its rules card. */
export class DashboardPage {
  readonly summary: Locator;
  readonly settings: Locator;
  readonly timeZone: Locator;
  /** The switch "approval needs verified KYC". */
  readonly approvalNeedsKyc: Locator;
  /** The lead work cards (links to the review queue) and the 30-day chart. */
  readonly pendingCard: Locator;
  readonly oldestCard: Locator;
  readonly duplicatesCard: Locator;
  readonly perDay: Locator;
  readonly perDaySummary: Locator;

  constructor(readonly page: Page) {
    this.summary = page.getByTestId('dashboard-summary');
    this.settings = page.getByTestId('workspace-settings');
    this.approvalNeedsKyc = page.getByTestId('setting-approval-needs-kyc');
    this.timeZone = page.getByTestId('setting-time-zone');
    this.pendingCard = page.getByTestId('dashboard-pending');
    this.oldestCard = page.getByTestId('dashboard-oldest');
    this.duplicatesCard = page.getByTestId('dashboard-duplicates');
    this.perDay = page.getByTestId('dashboard-per-day');
    this.perDaySummary = page.getByTestId('dashboard-per-day-summary');
  }

  /** The number (or text) a lead card shows. */
  cardValue(card: Locator): Locator {
    return card.getByTestId('dashboard-card-value');
  }

  /** Picks a zone in the searchable select by typing part of its name. */
  async chooseTimeZone(search: string, zone: string): Promise<void> {
    await this.timeZone.click();
    await this.timeZone.fill(search);
    await this.page.getByRole('option', { name: zone, exact: true }).click();
  }
}
