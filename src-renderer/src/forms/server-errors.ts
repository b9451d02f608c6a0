import type { AppError } from '@shared/contract/errors';

export interface SplitErrors<F extends string> {
  /** Validation messages for fields the form shows, keyed by input key. */
  fields: Partial<Record<F, string>>;
  /** Anything else: shown in an Alert at the top of the form. */
  form: AppError | null;
}

/**
 * Splits a server error between the form's fields and the form itself. A validation error on a
 * field the form does not show (a bug, or a rule on a derived value) goes to the form-level
 * Alert rather than being lost.
 */
export function splitServerError<F extends string>(error: AppError | null, fields: readonly F[]): SplitErrors<F> {
  if (!error) return { fields: {}, form: null };
  if (error.code === 'validation' && error.field && (fields as readonly string[]).includes(error.field)) {
    return { fields: { [error.field]: error.message } as Partial<Record<F, string>>, form: null };
  }
  return { fields: {}, form: error };
}
