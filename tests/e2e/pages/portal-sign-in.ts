import type { Locator, Page } from '@playwright/test';

/**
 * The partner portal's sign-in (`/portal/sign-in`), its workspace picker, and the invite link
 * (`/portal/invite/<token>`) that sets a new portal user's password and signs them in.
 */
export class PortalSignInPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  /** A refusal that names no field (wrong e-mail or password, throttling, a suspended partner). */
  readonly error: Locator;
  /** Shown when the e-mail and password match portal users of several workspaces. */
  readonly workspaceOptions: Locator;
  /** The portal shell's user menu: there once signed in. */
  readonly userMenu: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByTestId('portal-signin-email');
    this.password = page.getByTestId('portal-signin-password');
    this.submit = page.getByTestId('portal-signin-submit');
    this.error = page.getByTestId('portal-signin-error');
    this.workspaceOptions = page.getByTestId('portal-workspace-option');
    this.userMenu = page.getByTestId('portal-user-menu');
  }

  async goto(): Promise<void> {
    await this.page.goto('/portal/sign-in');
    await this.email.waitFor();
  }

  /** Signs in and waits for the portal shell (or the error); `workspace` picks one when asked. */
  async signIn(email: string, password: string, workspace?: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
    await this.userMenu.or(this.error).or(this.workspaceOptions.first()).first().waitFor();
    if (workspace !== undefined && (await this.workspaceOptions.first().isVisible())) {
      await this.workspaceOptions.filter({ hasText: workspace }).first().click();
      await this.userMenu.waitFor();
    }
  }

  /** Opens an invite link, chooses the password (twice) and waits for the portal shell. */
  async acceptInvite(token: string, password: string): Promise<void> {
    await this.page.goto(`/portal/invite/${token}`);
    await this.page.getByTestId('portal-invite-password').fill(password);
    await this.page.getByTestId('portal-invite-confirm').fill(password);
    await this.page.getByTestId('portal-invite-submit').click();
    await this.userMenu.waitFor();
  }

  async signOut(): Promise<void> {
    await this.userMenu.click();
    await this.page.getByTestId('portal-sign-out').click();
    await this.email.waitFor();
  }
}
