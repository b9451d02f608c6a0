import type { Locator, Page } from '@playwright/test';

/** `/leads/import`: partner and file, the preview with its column mapping, progress, result, recent imports. */
export class LeadImportPage {
  readonly partner: Locator;
  readonly fileInput: Locator;
  readonly fileChosen: Locator;
  readonly fileError: Locator;
  readonly preview: Locator;
  readonly encoding: Locator;
  readonly delimiter: Locator;
  readonly remembered: Locator;
  readonly suggested: Locator;
  readonly columns: Locator;
  readonly previewRows: Locator;
  readonly mappingError: Locator;
  readonly start: Locator;
  readonly progress: Locator;
  readonly progressText: Locator;
  readonly result: Locator;
  readonly accepted: Locator;
  readonly refused: Locator;
  readonly duplicates: Locator;
  readonly failure: Locator;
  readonly report: Locator;
  readonly openQueue: Locator;
  readonly another: Locator;
  readonly recentRows: Locator;

  constructor(readonly page: Page) {
    this.partner = page.getByTestId('import-partner');
    this.fileInput = page.getByTestId('import-file-input');
    this.fileChosen = page.getByTestId('import-file-chosen');
    this.fileError = page.getByTestId('import-file-error');
    this.preview = page.getByTestId('import-preview');
    this.encoding = page.getByTestId('import-encoding');
    this.delimiter = page.getByTestId('import-delimiter');
    this.remembered = page.getByTestId('import-mapping-remembered');
    this.suggested = page.getByTestId('import-mapping-suggested');
    this.columns = page.getByTestId('import-column');
    this.previewRows = page.getByTestId('import-preview-row');
    this.mappingError = page.getByTestId('import-mapping-error');
    this.start = page.getByTestId('import-start');
    this.progress = page.getByTestId('import-progress');
    this.progressText = page.getByTestId('import-progress-text');
    this.result = page.getByTestId('import-result');
    this.accepted = page.getByTestId('import-accepted');
    this.refused = page.getByTestId('import-refused');
    this.duplicates = page.getByTestId('import-duplicates');
    this.failure = page.getByTestId('import-failure');
    this.report = page.getByTestId('import-report');
    this.openQueue = page.getByTestId('import-open-queue');
    this.another = page.getByTestId('import-another');
    this.recentRows = page.getByTestId('import-recent-row');
  }

  async choosePartner(name: string): Promise<void> {
    await this.partner.click();
    await this.partner.fill(name);
    await this.page.getByRole('option', { name: new RegExp(name) }).first().click();
  }

  /** A file as the drop zone's hidden input receives it from a drop or the file dialog. */
  async chooseFile(name: string, bytes: Buffer, mimeType = 'text/csv'): Promise<void> {
    await this.fileInput.setInputFiles({ name, mimeType, buffer: bytes });
  }

  /** The target select of the column with this header. */
  target(header: string): Locator {
    return this.page.getByRole('combobox', { name: `Lead field for column ${header}`, exact: true });
  }

  async mapColumn(header: string, targetLabel: string): Promise<void> {
    await this.target(header).click();
    await this.page.getByRole('option', { name: targetLabel, exact: true }).click();
  }
}
