import type { Locator, Page } from '@playwright/test';
import { currentSetupCode } from './accounts';

export class SetupPage {
  /** Server mode asks for the code printed on the server's console. */
  readonly setupCode: Locator;
  readonly workspaceName: Locator;
  readonly currency: Locator;
  readonly adminName: Locator;
  readonly adminEmail: Locator;
  readonly password: Locator;
  readonly passwordConfirm: Locator;
  readonly submit: Locator;
  /** The password field's error (policy messages come from the server). */
  readonly passwordError: Locator;

  constructor(readonly page: Page) {
    this.setupCode = page.getByTestId('setup-code');
    this.workspaceName = page.getByTestId('setup-workspace-name');
    this.currency = page.getByTestId('setup-currency');
    this.adminName = page.getByTestId('setup-admin-name');
    this.adminEmail = page.getByTestId('setup-admin-email');
    this.password = page.getByTestId('setup-password');
    this.passwordConfirm = page.getByTestId('setup-password-confirm');
    this.submit = page.getByTestId('setup-submit');
    this.passwordError = page.getByText(/common passwords|too easy to guess/i);
  }

  async fill(values: { workspace: string; currency: string; name: string; email: string; password: string; setupCode?: string }): Promise<void> {
    await this.setupCode.fill(values.setupCode ?? currentSetupCode());
    await this.workspaceName.fill(values.workspace);
    await this.currency.click();
    await this.currency.fill(values.currency);
    await this.page.getByRole('option', { name: new RegExp(`^${values.currency}`) }).first().click();
    await this.adminName.fill(values.name);
    await this.adminEmail.fill(values.email);
    await this.password.fill(values.password);
    await this.passwordConfirm.fill(values.password);
  }
}
