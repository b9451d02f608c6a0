/**
 * The app's logger. Deliberately tiny: it never receives inputs, tokens or keys, only
 * messages and errors, so secrets cannot reach the log by accident.
 *
 * Errors are logged by class, code and stack frames. A database driver's message is never
 * logged: Drizzle's "Failed query: … params: …" carries the values (e-mails, hashes, document
 * bytes), and Postgres' detail ("Key (email)=(…) already exists") does too. With
 * `{ messages: false }` (a failing procedure, whose messages may quote its input) no message at all.
 */

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  constraint?: unknown;
  severity?: unknown;
  stack?: unknown;
  cause?: unknown;
}

const asErrorLike = (value: unknown): ErrorLike | null => (typeof value === 'object' && value !== null ? (value as ErrorLike) : null);

/** A driver or query-builder error: its message and detail hold SQL parameters. */
export function isDatabaseError(error: unknown): boolean {
  for (let e = asErrorLike(error), depth = 0; e && depth < 5; e = asErrorLike(e.cause), depth++) {
    const name = typeof e.name === 'string' ? e.name : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (name === 'DrizzleQueryError' || name === 'SqliteError' || name === 'DatabaseError' || message.startsWith('Failed query:')) return true;
    // pg and PGlite errors carry a severity and a five-character SQLSTATE.
    if (typeof e.severity === 'string' && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return true;
  }
  return false;
}

/** Only the "    at …" lines of a stack: its first line repeats the message. */
function frames(stack: unknown): string {
  if (typeof stack !== 'string') return '';
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12)
    .join('\n');
}

/** `Name [code] [constraint]`, plus `: message` when messages may be shown, for the error and each cause. */
export function describeError(error: unknown, options: { messages?: boolean } = {}): string {
  const top = asErrorLike(error);
  if (!top) return typeof error === 'string' && options.messages !== false ? error : typeof error;
  const showMessages = options.messages !== false && !isDatabaseError(error);
  const parts: string[] = [];
  for (let e: ErrorLike | null = top, depth = 0; e && depth < 5; e = asErrorLike(e.cause), depth++) {
    const name = typeof e.name === 'string' && e.name ? e.name : 'Error';
    const code = typeof e.code === 'string' || typeof e.code === 'number' ? ` ${String(e.code)}` : '';
    const constraint = typeof e.constraint === 'string' ? ` (constraint ${e.constraint})` : '';
    const message = showMessages && typeof e.message === 'string' && e.message ? `: ${e.message}` : '';
    parts.push(`${depth ? 'caused by ' : ''}${name}${code}${constraint}${message}`);
  }
  const stack = frames(top.stack);
  return stack ? `${parts.join('\n')}\n${stack}` : parts.join('\n');
}

export const log = {
  info: (message: string) => console.log(`[partnerdesk] ${message}`),
  warn: (message: string) => console.warn(`[partnerdesk] ${message}`),
  error: (message: string, error?: unknown, options: { messages?: boolean } = {}) =>
    console.error(`[partnerdesk] ${message}`, error === undefined ? '' : describeError(error, options)),
};
