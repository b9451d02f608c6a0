import { describe, expect, it } from 'vitest';
import { isCommonPassword, passwordWeakness } from '../../src-main/domain/password-policy';

const COMMON = 'This password is on the list of common passwords; choose another';
const PERSONAL = 'The password must not contain your name or e-mail';
const GUESSABLE = 'This password is too easy to guess; use a longer phrase of unrelated words';

describe('password policy', () => {
  it('refuses passwords from the common list, whatever their case', () => {
    for (const p of ['password1234', 'qwertyuiop12', 'Password1234', 'PASSWORD1234', '123456789012', 'password', 'letmein']) {
      expect(isCommonPassword(p), p).toBe(true);
      expect(passwordWeakness(p), p).toBe(COMMON);
    }
  });

  it('refuses passwords built from the user’s own name or e-mail', () => {
    const personal = ['ada.lovelace@acme.test', 'Ada Lovelace'];
    for (const p of ['lovelace orbit cobalt 7', 'my LOVELACE meadow 92!', 'acme lantern cobalt 77x', 'orbit-ada.lovelace-1815']) {
      expect(passwordWeakness(p, personal), p).toBe(PERSONAL);
    }
    // Short fragments (< 4 characters) do not count: "ada" is inside far too many words.
    expect(passwordWeakness('orbit lantern cobalt meadow 7', ['ada@x.io', 'Ada Bo'])).toBeNull();
    expect(passwordWeakness('lanternada cobalt meadow 7', ['ada@x.io'])).toBeNull();
  });

  it('refuses guessable passwords that are not on the list', () => {
    for (const p of ['aaaaaaaaaaaa', 'abcdefghijkl', 'iloveyou1234', 'baseball1234']) {
      expect(isCommonPassword(p), p).toBe(false);
      expect(passwordWeakness(p), p).toBe(GUESSABLE);
    }
  });

  it('accepts strong passwords and passphrases, with no composition rules', () => {
    for (const p of ['orbit lantern cobalt meadow 7', 'correct horse battery staple', 'zq8#Lm2!vR9p', 'sunflower-orbit-92', 'Tr0ub4dor&3xyz']) {
      expect(passwordWeakness(p, ['max@acme.test', 'Max Manager']), p).toBeNull();
    }
  });
});
