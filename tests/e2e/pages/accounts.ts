/**
 * What the e2e run knows about the accounts of the server under test (one per test; a worker
 * runs its tests one at a time, so module state is per test once the server fixture resets it).
 *
 * - The set-up code the server printed (`set-up code: …`), which the first-run screen needs.
 * - Passwords renewed at a forced first sign-in: an account an admin created must choose its
 *   own password before anything else, so the sign-in helpers choose `<given> renewed` and
 *   use it at every later sign-in of that e-mail, while specs keep passing the one they set.
 */
let setupCode = '';
const renewed = new Map<string, string>();

export function resetAccounts(code: string): void {
  setupCode = code;
  renewed.clear();
}

export function currentSetupCode(): string {
  if (!setupCode) throw new Error('the server printed no set-up code');
  return setupCode;
}

/** The password that works now for `email`, given the one the spec set. */
export function passwordOf(email: string, given: string): string {
  return renewed.get(email.trim().toLowerCase()) ?? given;
}

/** Records the forced change of `email`'s admin-set password; returns the new one to type. */
export function renewPassword(email: string, given: string): string {
  const next = `${given} renewed`;
  renewed.set(email.trim().toLowerCase(), next);
  return next;
}
