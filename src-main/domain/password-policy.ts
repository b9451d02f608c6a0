import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

/**
 * Password policy (OWASP ASVS / NIST 800-63B): length 12–128 (checked by the contract), not on
 * the shipped list of common passwords, not built from the user's own e-mail or name, and not
 * guessable by zxcvbn (score ≥ 3). No composition rules: they make passwords worse.
 */

const estimator = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

const commonPasswords = new Set<string>((common.dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.toLowerCase());
}

/** Returns why the password is refused, or null when it is acceptable. */
export function passwordWeakness(password: string, personal: string[] = []): string | null {
  if (isCommonPassword(password)) return 'This password is on the list of common passwords; choose another';
  const lowered = password.toLowerCase();
  for (const word of personal.flatMap((p) => p.toLowerCase().split(/[^a-z0-9]+/))) {
    if (word.length >= 4 && lowered.includes(word)) return 'The password must not contain your name or e-mail';
  }
  const { score } = estimator.check(password, personal);
  if (score < 3) return 'This password is too easy to guess; use a longer phrase of unrelated words';
  return null;
}
