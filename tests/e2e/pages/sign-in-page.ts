import type { Locator, Page } from '@playwright/test';
import { passwordOf, renewPassword } from './accounts';

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

  /**
   * Signs in; an account whose password an admin set is then asked for its own, which this
   * chooses (see accounts.ts) so that the spec goes on signed in, as with any other account.
   */
  async signIn(email: string, password: string): Promise<void> {
    const current = passwordOf(email, password);
    await this.email.fill(email);
    await this.password.fill(current);
    await this.submit.click();
    const forced = this.page.getByTestId('change-password-new');
    await this.page.getByTestId('user-menu').or(forced).or(this.error).first().waitFor();
    if (await forced.isVisible()) {
      const next = renewPassword(email, password);
      await this.page.getByTestId('change-password-current').fill(current);
      await forced.fill(next);
      await this.page.getByTestId('change-password-confirm').fill(next);
      await this.page.getByTestId('change-password-submit').click();
      await this.page.getByTestId('user-menu').waitFor();
    }
  }
}
