import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallResult } from '../../src-shared/contract/errors';
import { contract, isProcedureName } from '../../src-shared/contract';
import { appVersion } from '../app-version';
import type { Dispatch, DispatchOutcome } from '../dispatch';
import { contractVersion } from '../transports/contract-version';
import { CLIENT_HEADER, CONTRACT_HEADER, SESSION_HEADER } from '../transports/desktop-clients';
import { LARGE_BODY_PROCEDURES } from '../transports/http-edge';
import { IDEMPOTENCY_HEADER, PENDING_HEADER } from '../transports/idempotent-calls';
import { serverRequest, ServerRequestError, type ServerResponse } from './server-request';
import type { ServerTarget } from './server-target';

/**
 * A connected desktop's dispatch: the same signature as the local one, so the IPC transport
 * (which keeps each window's session token in main) does not know which it talks to. Every
 * call is one POST /api/<procedure> to the server with the token as a bearer token; the server
 * decides everything. What the network does is turned into the contract's error shape:
 * - nothing reached the server → `unavailable`, "cannot reach" (safe to try again);
 * - a mutation was sent and no answer came → asked again once with the same Idempotency-Key
 *   (the server answers a retry with the first outcome, never runs it twice); if that fails
 *   too, the outcome is unknown and the message says so.
 */

export interface ForwardingOptions {
  /** Per call; file uploads get four times as long. */
  timeoutMs?: number;
  /** Told after every call whether the server answered, so the window can show "offline". */
  onReachability?: (reachable: boolean) => void;
}

const PENDING_RETRIES = 10;
const PENDING_WAIT_MS = 500;

function unavailable(message: string): DispatchOutcome {
  return { response: { ok: false, error: { code: 'unavailable', message } } };
}

function isCallResult(value: unknown): value is CallResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true) return 'result' in value;
  return v.ok === false && typeof v.error?.code === 'string' && typeof v.error.message === 'string';
}

export function createForwardingDispatch(target: ServerTarget, options: ForwardingOptions = {}): Dispatch {
  const baseTimeout = options.timeoutMs ?? 30_000;
  const where = target.serverUrl;
  const cannotReach = `Cannot reach the PartnerDesk server at ${where}. Check the network; nothing was changed. Try again when it is back.`;
  const unknownOutcome = `The server at ${where} did not answer in time: this change may or may not have been saved. The list is refreshed when the server is back; check it before trying again.`;

  return async function forward(name, input, call) {
    const mutation = isProcedureName(name) && contract[name].kind === 'mutation';
    const timeoutMs = name in LARGE_BODY_PROCEDURES ? baseTimeout * 4 : baseTimeout;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      [CLIENT_HEADER]: `desktop/${appVersion()}`,
      [CONTRACT_HEADER]: contractVersion(),
      ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
      // One key per user action: the retry below and the server's replay share it.
      ...(mutation ? { [IDEMPOTENCY_HEADER]: randomUUID() } : {}),
    };
    const body = JSON.stringify(input === undefined ? {} : input);
    const send = () => serverRequest(target, { method: 'POST', path: `/api/${encodeURIComponent(name)}`, headers, body, timeoutMs });

    let response: ServerResponse | null = null;
    for (let attempt = 0; response === null; attempt++) {
      try {
        response = await send();
      } catch (error) {
        const stage = error instanceof ServerRequestError ? error.stage : 'connect';
        // A query, or a call that never left, changed nothing: report and let the user retry.
        if (stage === 'connect' || !mutation) {
          options.onReachability?.(false);
          return unavailable(stage === 'connect' ? cannotReach : `The server at ${where} did not answer in time. Try again.`);
        }
        if (attempt >= 1) {
          options.onReachability?.(false);
          return unavailable(unknownOutcome);
        }
        continue;
      }
      // The first attempt still runs on the server (the retry overtook it): wait for its outcome.
      if (response.headers[PENDING_HEADER] === 'true' && attempt < PENDING_RETRIES) {
        response = null;
        await sleep(PENDING_WAIT_MS);
      }
    }
    options.onReachability?.(true);

    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      parsed = null;
    }
    if (!isCallResult(parsed)) {
      // A proxy's error page, or not a PartnerDesk server at all.
      return unavailable(mutation ? `The server at ${where} answered HTTP ${response.status} without a PartnerDesk answer: this change may or may not have been saved; check before trying again.` : `The server at ${where} answered HTTP ${response.status} without a PartnerDesk answer. Try again, or ask your administrator.`);
    }
    const header = response.headers[SESSION_HEADER];
    const token = typeof header === 'string' ? (header === '' ? null : header) : undefined;
    return { response: parsed, ...(token !== undefined ? { token } : {}) };
  };
}
