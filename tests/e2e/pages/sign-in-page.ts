import type { Locator, Page } from '@playwright/test';

export class SignInPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  /** A refusal that names no field (wrong e-mail or password, throttling). */
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByTestId('signin-email');
    this.password = page.getByTestId('signin-password');
    this.submit = page.getByTestId('signin-submit');
    this.error = page.getByTestId('signin-error');
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }
}
