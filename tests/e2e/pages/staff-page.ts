import type { Locator, Page } from '@playwright/test';

export class StaffPage {
  readonly addButton: Locator;
  readonly rows: Locator;
  readonly name: Locator;
  readonly email: Locator;
  readonly role: Locator;
  readonly password: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.addButton = page.getByTestId('staff-add');
    this.rows = page.getByTestId('staff-row');
    this.name = page.getByTestId('staff-name');
    this.email = page.getByTestId('staff-email');
    this.role = page.getByTestId('staff-role');
    this.password = page.getByTestId('staff-password');
    this.submit = page.getByTestId('staff-submit');
  }

  async add(member: { name: string; email: string; role: string; password: string }): Promise<void> {
    await this.addButton.click();
    await this.name.fill(member.name);
    await this.email.fill(member.email);
    await this.role.click();
    await this.page.getByRole('option', { name: new RegExp(`^${member.role}$`, 'i') }).click();
    await this.password.fill(member.password);
    await this.submit.click();
  }
}
