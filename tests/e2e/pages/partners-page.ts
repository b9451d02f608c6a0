import type { Locator, Page } from '@playwright/test';

/** The partner list and the new-partner form. */
export class PartnersPage {
  readonly newButton: Locator;
  readonly search: Locator;
  readonly rows: Locator;
  readonly total: Locator;
  readonly statusFilter: Locator;
  readonly table: Locator;
  /** The box the table scrolls in (the list is virtualised: only rows near the view are in the DOM). */
  readonly scroller: Locator;
  /** Page numbers: gone since the list scrolls by cursor. */
  readonly pagination: Locator;
  readonly clearFilters: Locator;
  /** The new/edit partner form. */
  readonly formContactEmail: Locator;
  readonly formSubmit: Locator;
  readonly formEmailError: Locator;

  constructor(readonly page: Page) {
    this.newButton = page.getByTestId('partners-new');
    this.search = page.getByTestId('partners-search');
    this.rows = page.getByTestId('partner-row');
    this.total = page.getByTestId('partners-total');
    this.statusFilter = page.getByTestId('partners-filter-status');
    this.table = page.getByTestId('partners-table');
    this.scroller = page.getByTestId('partners-scroll');
    this.pagination = page.getByTestId('partners-pagination');
    this.clearFilters = page.getByTestId('partners-filter-clear');
    this.formContactEmail = page.getByTestId('partner-contact-email');
    this.formSubmit = page.getByTestId('partner-submit');
    this.formEmailError = page.getByText(/valid email/i).first();
  }

  /** In the open form: correct the contact e-mail and submit again. */
  async resubmitWithEmail(email: string): Promise<void> {
    await this.formContactEmail.fill(email);
    await this.formSubmit.click();
  }

  sortBy(field: 'legalName' | 'code' | 'status' | 'createdAt'): Locator {
    return this.page.getByTestId(`partners-sort-${field}`);
  }

  row(name: string): Locator {
    return this.rows.filter({ hasText: name });
  }

  /** The row at a position in the whole list (0-based), if it is rendered now. */
  rowAt(index: number): Locator {
    return this.page.locator(`[data-testid="partner-row"][data-index="${index}"]`);
  }

  /** Turns the mouse wheel over the table, as a user scrolls it. */
  async wheel(pixels: number): Promise<void> {
    await this.scroller.hover();
    await this.page.mouse.wheel(0, pixels);
  }

  /** How far the table's box is scrolled (0: at the top). */
  scrollTop(): Promise<number> {
    // The tests compile without the DOM types: the element is read through the one property used.
    return this.scroller.evaluate((el) => (el as unknown as { scrollTop: number }).scrollTop);
  }

  private async pick(testId: string, option: RegExp, type?: string): Promise<void> {
    const input = this.page.getByTestId(testId);
    await input.click();
    if (type) await input.fill(type);
    await this.page.getByRole('option', { name: option }).first().click();
  }

  async create(p: { legalName: string; contactName: string; contactEmail: string; countryName: string; ratePercent: string }): Promise<void> {
    await this.newButton.click();
    await this.page.getByTestId('partner-type').getByText('Channel partner').click();
    await this.page.getByTestId('partner-legal-name').fill(p.legalName);
    await this.page.getByTestId('partner-contact-name').fill(p.contactName);
    await this.page.getByTestId('partner-contact-email').fill(p.contactEmail);
    await this.pick('partner-country', new RegExp(p.countryName), p.countryName);
    await this.page.getByTestId('partner-commission-model').getByText('Percentage').click();
    await this.page.getByTestId('partner-rate').fill(p.ratePercent);
    await this.page.getByTestId('partner-submit').click();
  }
}

/** The partner detail page with its tabs. */
export class PartnerDetailPage {
  readonly status: Locator;
  readonly kyc: Locator;
  readonly docRows: Locator;
  readonly root: Locator;
  readonly title: Locator;
  readonly code: Locator;
  readonly back: Locator;
  readonly gone: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByTestId('partner-status');
    this.kyc = page.getByTestId('partner-kyc-status');
    this.docRows = page.getByTestId('doc-row');
    this.root = page.getByTestId('partner-detail');
    this.title = page.getByTestId('partner-title');
    this.code = page.getByTestId('partner-code-display');
    this.back = page.getByTestId('partner-back');
    this.gone = page.getByText('This partner no longer exists');
  }

  /** Documents the reviewer has verified (KYC tab). */
  get verifiedDocRows(): Locator {
    return this.page.locator('[data-testid="doc-row"][data-state="verified"]');
  }

  /** Verifies the first document that still offers Verify, confirming the dialog. */
  async verifyNextDocument(): Promise<void> {
    await this.docRows.filter({ has: this.page.getByTestId('doc-verify') }).first().getByTestId('doc-verify').click();
    await this.page.getByTestId('action-confirm').click();
  }

  async signOffKyc(): Promise<void> {
    await this.kycSignOff.click();
    await this.page.getByTestId('action-confirm').click();
  }

  /** Activity tab: the newest row of an action. */
  activityRow(action: string): Locator {
    return this.page.locator(`[data-testid="activity-row"][data-action="${action}"]`).first();
  }

  /** KYC tab: the sign-off button and, while it is disabled, why. */
  get kycSignOff(): Locator {
    return this.page.getByTestId('kyc-sign-off');
  }
  /** KYC tab content: the sign-off button, or the upload form when nothing is uploaded yet. */
  get kycPanel(): Locator {
    return this.kycSignOff.or(this.page.getByTestId('doc-kind')).first();
  }
  get kycSignOffReason(): Locator {
    return this.page.getByTestId('kyc-sign-off-reason');
  }

  /** Banking tab: "Verify banking" and, while it is disabled (four eyes), why. */
  get bankingVerify(): Locator {
    return this.page.getByTestId('banking-verify');
  }
  get bankingVerifyReason(): Locator {
    return this.page.getByTestId('banking-verify-reason');
  }

  /** A status action's button (offered by the server, maybe disabled). */
  action(name: 'approve' | 'reject' | 'suspend' | 'deactivate' | 'reinstate' | 'reapply'): Locator {
    return this.page.getByTestId(`partner-action-${name}`);
  }

  /** Why a status action is disabled: the sentence shown under the buttons. */
  actionReason(name: 'approve' | 'reject' | 'suspend' | 'deactivate' | 'reinstate' | 'reapply'): Locator {
    return this.page.getByTestId(`partner-action-${name}-reason`);
  }

  tab(name: 'profile' | 'kyc' | 'banking' | 'terms' | 'users' | 'activity'): Locator {
    return this.page.getByTestId(`tab-${name}`);
  }

  async uploadDocument(kindLabel: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByTestId('doc-kind').click();
    await this.page.getByRole('option', { name: kindLabel, exact: true }).click();
    await this.page.getByTestId('doc-file-input').setInputFiles(file);
    await this.page.getByTestId('doc-upload-submit').click();
  }

  async act(action: 'approve' | 'reject' | 'suspend' | 'deactivate' | 'reinstate' | 'reapply', reason?: string): Promise<void> {
    await this.page.getByTestId(`partner-action-${action}`).click();
    if (reason) await this.page.getByTestId('action-reason').fill(reason);
    await this.page.getByTestId('action-confirm').click();
  }
}
