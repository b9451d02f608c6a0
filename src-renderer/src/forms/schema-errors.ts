import type { z } from 'zod';

/**
 * Checks a form's values against the contract's own schema before sending, so that every field
 * error shows at once (the server reports the first one only). Returns the messages by dotted
 * path (`contact.email`, `terms.rateBp`), the first message per path, or null when valid.
 * The server validates again: this is for the user's convenience, not a safeguard.
 */
export function schemaFieldErrors(schema: z.ZodType, values: unknown): Record<string, string> | null {
  const result = schema.safeParse(values);
  if (result.success) return null;
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in errors)) errors[path] = issue.message;
  }
  return errors;
}
