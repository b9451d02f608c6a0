import type { Locator, Page } from '@playwright/test';

/** `/leads/settings`: the weights with their preview, the rules and reasons, and the rescoring. */
export class LeadSettingsPage {
  readonly root: Locator;
  readonly previewButton: Locator;
  readonly saveWeights: Locator;
  readonly previewSummary: Locator;
  readonly previewRows: Locator;
  readonly previewUp: Locator;
  readonly rescoreOpen: Locator;
  readonly rescoreConfirm: Locator;
  readonly rescoreRun: Locator;
  readonly reasonInputs: Locator;
  readonly addReason: Locator;
  readonly saveRules: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('lead-settings');
    this.previewButton = page.getByTestId('lead-weights-preview');
    this.saveWeights = page.getByTestId('lead-weights-save');
    this.previewSummary = page.getByTestId('lead-preview-summary');
    this.previewRows = page.getByTestId('lead-preview-row');
    this.previewUp = page.getByTestId('lead-preview-up');
    this.rescoreOpen = page.getByTestId('lead-rescore-open');
    this.rescoreConfirm = page.getByTestId('lead-rescore-confirm');
    this.rescoreRun = page.getByTestId('lead-rescore-run');
    this.reasonInputs = page.getByTestId('lead-reason-input');
    this.addReason = page.getByTestId('lead-reason-add');
    this.saveRules = page.getByTestId('lead-rules-save');
  }

  weight(signal: string): Locator {
    return this.page.getByTestId(`lead-weight-${signal}`);
  }

  async setWeight(signal: string, value: number): Promise<void> {
    const input = this.weight(signal);
    await input.fill(String(value));
    await input.blur();
  }
}
