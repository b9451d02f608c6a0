import type { Input, Output, ProcedureName } from '@shared/contract';
// Runtime import from the errors module only: the contract index also pulls the zod schemas.
import { AppError, isErrorPayload, type CallResult } from '@shared/contract/errors';

/**
 * The one typed entry point to the backend. In Electron it goes through the preload bridge;
 * in server mode it posts to `/api/<procedure>`. Either way the answer is a `CallResult`, and
 * a failure is rethrown as an `AppError` so that every screen handles one error shape.
 */
export async function call<N extends ProcedureName>(name: N, input: Input<N>): Promise<Output<N>> {
  const result = window.partnerDesk ? await callBridge(name, input) : await callHttp(name, input);
  if (result.ok) return result.result as Output<N>;
  throw AppError.fromPayload(result.error);
}

async function callBridge(name: string, input: unknown): Promise<CallResult<unknown>> {
  const bridge = window.partnerDesk;
  if (!bridge) throw new AppError('internal', 'The desktop bridge is not available.');
  try {
    return await bridge.call(name, input);
  } catch {
    throw new AppError('internal', 'The PartnerDesk background process did not answer. Restart the app and try again.');
  }
}

async function callHttp(name: string, input: unknown): Promise<CallResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: surfaceHeaders(),
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
    });
  } catch {
    throw new AppError('internal', 'Could not reach the PartnerDesk server. Check your connection and try again.');
  }
  // Errors come with a non-2xx status but still carry a CallResult body: always read the body.
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new AppError('internal', `The server sent an unexpected response (HTTP ${response.status}).`);
  }
  if (isCallResult(body)) return body;
  throw new AppError('internal', `The server sent an unexpected response (HTTP ${response.status}).`);
}

/**
 * A page under `/portal` says so, so the server reads the portal's cookie rather than the
 * staff one: a staff session and a portal session in one browser never mix.
 */
function surfaceHeaders(): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (isPortalPath(window.location.pathname)) headers['x-partnerdesk-surface'] = 'portal';
  return headers;
}

export function isPortalPath(pathname: string): boolean {
  return pathname === '/portal' || pathname.startsWith('/portal/');
}

function isCallResult(body: unknown): body is CallResult<unknown> {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  if (b.ok === true) return 'result' in b;
  return b.ok === false && isErrorPayload(b.error);
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Turns anything thrown into the one error shape (unknown errors become `internal`). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('internal', error instanceof Error ? error.message : 'Something went wrong.');
}
