/** True when a database error (possibly wrapped by Drizzle) is a unique-constraint violation, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
