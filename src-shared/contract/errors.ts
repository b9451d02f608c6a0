/** The closed set of error codes that may cross the bridge (IPC or HTTP). */
export const ERROR_CODES = [
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_transition',
  'rate_limited',
  // A connected desktop could not reach its server (or lost it mid-call: a mutation's outcome is then unknown).
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error shape: a code, a human message, and the input field it concerns, if any. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  field?: string;
}

/** Thrown by services and rebuilt by clients; never carries a stack across the bridge. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (field !== undefined) this.field = field;
  }
  toPayload(): ErrorPayload {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
  static fromPayload(p: ErrorPayload): AppError {
    return new AppError(p.code, p.message, p.field);
  }
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && (ERROR_CODES as readonly string[]).includes(v.code) && typeof v.message === 'string';
}

/** What a transport sends back for every call. */
export type CallResult<T> = { ok: true; result: T } | { ok: false; error: ErrorPayload };
