import { expect, type Locator, type Page } from '@playwright/test';

/** The portal's lead screens: my leads and the submit form. */
export class PortalLeadsPage {
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('portal-lead-row');
  }

  row(contact: string): Locator {
    return this.rows.filter({ hasText: contact });
  }

  /** My leads from the navigation (the burger first on a phone). */
  async open(): Promise<void> {
    const burger = this.page.getByTestId('portal-burger');
    if (await burger.isVisible()) await burger.click();
    await this.page.getByTestId('portal-nav-leads').click();
    await expect(this.page).toHaveURL(/\/portal\/leads$/);
  }

  /** Submits a lead through the form and waits for the lead's own page. */
  async submit(values: { contactName: string; company?: string; email?: string }): Promise<void> {
    await this.page.goto('/portal/leads/new');
    await this.page.getByTestId('lead-contact-name').fill(values.contactName);
    if (values.company) await this.page.getByTestId('lead-company').fill(values.company);
    if (values.email) await this.page.getByTestId('lead-email').fill(values.email);
    await this.page.getByTestId('lead-submit').click();
    await expect(this.page.getByTestId('portal-lead-detail')).toBeVisible();
  }
}
