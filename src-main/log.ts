/**
 * The app's logger. Deliberately tiny: it never receives inputs, tokens or keys, only
 * messages and errors, so secrets cannot reach the log by accident.
 *
 * Errors are logged by class, code and stack frames. A database driver's message is never
 * logged: Drizzle's "Failed query: … params: …" carries the values (e-mails, hashes, document
 * bytes), and Postgres' detail ("Key (email)=(…) already exists") does too. With
 * `{ messages: false }` (a failing procedure, whose messages may quote its input) no message at all.
 *
 * Two formats, the same content: by default a human line (`[partnerdesk] message` and the error
 * below it); with PARTNERDESK_LOG_FORMAT=json one JSON object per line, for a log collector:
 * `{"time":"<ISO 8601>","level":"info"|"warn"|"error","msg":"…","error":"…"}` (`error` only when
 * one was logged, as describeError prints it: its newlines escaped, so one event is one line).
 * Either way info goes to stdout, warn and error to stderr. The server's `set-up code:` and
 * `PartnerDesk server mode:` lines are not log events: they stay plain text (people and tests read them).
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

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFormat = 'human' | 'json';

/** PARTNERDESK_LOG_FORMAT: `json`, or anything else (unset) for the human format. */
export const logFormatOf = (value: string | undefined): LogFormat => (value?.trim().toLowerCase() === 'json' ? 'json' : 'human');

/** One event as one JSON line (no trailing newline). */
export function jsonLine(level: LogLevel, message: string, error: string | undefined, time: Date): string {
  return JSON.stringify({ time: time.toISOString(), level, msg: message, ...(error === undefined ? {} : { error }) });
}

// Read at each event, not once: it is not a secret (scrubSecretEnv leaves it), and a test can set it.
const json = () => logFormatOf(process.env.PARTNERDESK_LOG_FORMAT) === 'json';
const now = () => new Date();

export const log = {
  info: (message: string) => console.log(json() ? jsonLine('info', message, undefined, now()) : `[partnerdesk] ${message}`),
  warn: (message: string) => console.warn(json() ? jsonLine('warn', message, undefined, now()) : `[partnerdesk] ${message}`),
  error: (message: string, error?: unknown, options: { messages?: boolean } = {}) => {
    const described = error === undefined ? undefined : describeError(error, options);
    if (json()) console.error(jsonLine('error', message, described, now()));
    else console.error(`[partnerdesk] ${message}`, described ?? '');
  },
};
