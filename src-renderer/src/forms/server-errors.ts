import type { AppError } from '@shared/contract/errors';

export interface SplitErrors<F extends string> {
  /** Validation messages for fields the form shows, keyed by input key. */
  fields: Partial<Record<F, string>>;
  /** Anything else: shown in an Alert at the top of the form. */
  form: AppError | null;
}

export interface SplitOptions<F extends string> {
  /**
   * Server paths (dotted for nested inputs, e.g. `details.iban`, `credential.password`) that a
   * form shows under another key. Fields whose key already is the server path need no alias.
   */
  aliases?: Readonly<Record<string, F>>;
  /** A prefix the server puts before every field of this form (e.g. `details.` for banking). */
  prefix?: string;
}

/**
 * Splits a server error between the form's fields and the form itself. Field paths are dotted
 * for nested inputs (`contact.email`, `terms.rateBp`); a form lists them as they come, or maps
 * them with `aliases`/`prefix`. A validation (or conflict) error on a field the form does not show
 * (a bug, or a rule on a derived value) goes to the form-level Alert rather than being lost.
 */
export function splitServerError<F extends string>(error: AppError | null, fields: readonly F[], options: SplitOptions<F> = {}): SplitErrors<F> {
  if (!error) return { fields: {}, form: null };
  // A conflict may name its field too (e.g. a partner code or an email already in use).
  if ((error.code === 'validation' || error.code === 'conflict') && error.field) {
    const key = fieldKey(error.field, fields, options);
    if (key) return { fields: { [key]: error.message } as Partial<Record<F, string>>, form: null };
  }
  return { fields: {}, form: error };
}

function fieldKey<F extends string>(path: string, fields: readonly F[], { aliases, prefix }: SplitOptions<F>): F | null {
  const known = fields as readonly string[];
  if (known.includes(path)) return path as F;
  const alias = aliases?.[path];
  if (alias) return alias;
  if (prefix && path.startsWith(prefix) && known.includes(path.slice(prefix.length))) return path.slice(prefix.length) as F;
  return null;
}
