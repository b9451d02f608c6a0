import { eq } from 'drizzle-orm';
import type { App } from '../../src-main/app';
import type { Input, Output, ProcedureName } from '../../src-shared/contract';
import type { StaffRole } from '../../src-shared/contract/roles';

export const STRONG_PASSWORD = 'orbit lantern cobalt meadow 7';

/** Calls a procedure through the real dispatch, as a transport would. */
export async function call<N extends ProcedureName>(app: App, name: N, input: Input<N>, token: string | null = null): Promise<Output<N>> {
  const outcome = await app.dispatch(name, input, { token, clientKey: 'test' });
  if (!outcome.response.ok) {
    const e = outcome.response.error;
    throw Object.assign(new Error(`${e.code}: ${e.message}`), e);
  }
  return outcome.response.result as Output<N>;
}

export async function rawCall(app: App, name: string, input: unknown, token: string | null = null) {
  return app.dispatch(name, input, { token, clientKey: 'test' });
}

/** First-run set-up; returns the admin's token and the workspace id. */
export async function setUpWorkspace(app: App, name = 'Acme Partners') {
  const outcome = await app.dispatch(
    'auth.setup',
    { workspaceName: name, currency: 'EUR', adminName: 'Ada Admin', adminEmail: 'ada@acme.test', password: STRONG_PASSWORD, setupCode: app.setupCode },
    { token: null, clientKey: 'test' },
  );
  if (!outcome.response.ok || typeof outcome.token !== 'string') throw new Error(`setup failed: ${JSON.stringify(outcome.response)}`);
  const info = outcome.response.result as Output<'auth.setup'>;
  return { token: outcome.token, tenantId: info.tenant.id, userId: info.user.id };
}

/**
 * As if the user had already replaced an admin-set initial password with their own: suites about
 * other things sign colleagues in and act as them at once. The forced change itself is tested
 * in tests/services/auth-password-change.test.ts, which signs in with rawCall.
 */
export async function passwordChosen(app: App, who: { email: string } | { userId: string }): Promise<void> {
  const { staffUsers } = app.database.t;
  const where = 'email' in who ? eq(staffUsers.email, who.email.trim().toLowerCase()) : eq(staffUsers.id, who.userId);
  await app.database.write((tx) => tx.update(staffUsers).set({ mustChangePassword: false }).where(where));
}

/** Signs in a user who has chosen their own password (see passwordChosen). */
export async function signIn(app: App, email: string, password = STRONG_PASSWORD): Promise<string> {
  await passwordChosen(app, { email });
  const outcome = await app.dispatch('auth.signIn', { email, password }, { token: null, clientKey: 'test' });
  if (!outcome.response.ok || typeof outcome.token !== 'string') throw new Error(`sign-in failed: ${JSON.stringify(outcome.response)}`);
  return outcome.token;
}

/** Adds a staff user with the role and signs them in. */
export async function staffWithRole(app: App, adminToken: string, role: StaffRole, tag: string = role): Promise<{ token: string; userId: string }> {
  const email = `${tag}@acme.test`;
  const member = await call(app, 'staff.add', { name: `${tag} user`, email, role, password: STRONG_PASSWORD }, adminToken);
  return { token: await signIn(app, email), userId: member.userId };
}
