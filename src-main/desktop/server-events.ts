import type http from 'node:http';
import { CHANGE_EVENT, createEventStreamReader, EVENTS_PATH, READY_EVENT, SIGNED_OUT_EVENT, type ChangeEvent } from '../../src-shared/live';
import { appVersion } from '../app-version';
import { contractVersion } from '../transports/contract-version';
import { CLIENT_HEADER, CONTRACT_HEADER } from '../transports/desktop-clients';
import { serverRequest } from './server-request';
import type { ServerTarget } from './server-target';

/**
 * A connected desktop's live updates: main follows the server's GET /api/events with a
 * window's session token (pinned certificate and all, through serverRequest) and hands the
 * events on. A dropped stream is opened again with growing pauses; once it is back the window
 * is told it may have missed events. A stream refused for its session, or ended by the server's
 * `signed_out`, stops for good: the window's next call finds the session gone and asks to sign in.
 */

export interface ServerEventHandlers {
  change(event: ChangeEvent): void;
  /** The stream is open (each time: first, and after every reconnect). */
  opened?(): void;
  /** Open again after a drop: anything may have changed meanwhile. */
  reconnected(): void;
  signedOut(): void;
}

export interface FollowOptions {
  /** Pauses before each new attempt; the last one repeats. */
  retryMs?: readonly number[];
  /** Longer than the server's heartbeat (20 s): silence this long means the stream is dead. */
  idleTimeoutMs?: number;
}

const RETRY_MS = [500, 1000, 2000, 5000, 10_000, 30_000];

export function followServerEvents(target: ServerTarget, token: string, handlers: ServerEventHandlers, options: FollowOptions = {}): { stop(): void } {
  const retryMs = options.retryMs ?? RETRY_MS;
  let stopped = false;
  let attempt = 0;
  let everOpen = false;
  let timer: NodeJS.Timeout | null = null;
  let controller: AbortController | null = null;

  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    controller?.abort();
  };

  const again = () => {
    if (stopped || timer) return;
    const pause = retryMs[Math.min(attempt, retryMs.length - 1)] ?? 30_000;
    attempt += 1;
    timer = setTimeout(() => {
      timer = null;
      open();
    }, pause);
    timer.unref();
  };

  const read = (response: http.IncomingMessage) => {
    if (response.statusCode === 401) {
      response.resume();
      stop();
      handlers.signedOut();
      return;
    }
    if (response.statusCode !== 200) {
      response.resume();
      again();
      return;
    }
    response.setEncoding('utf8');
    response.on(
      'data',
      createEventStreamReader((name, data) => {
        if (name === READY_EVENT) {
          attempt = 0;
          handlers.opened?.();
          if (everOpen) handlers.reconnected();
          everOpen = true;
        } else if (name === CHANGE_EVENT) {
          try {
            handlers.change(JSON.parse(data) as ChangeEvent);
          } catch {
            handlers.reconnected();
          }
        } else if (name === SIGNED_OUT_EVENT) {
          stop();
          handlers.signedOut();
        }
      }),
    );
    response.on('close', again);
  };

  const open = () => {
    if (stopped) return;
    controller = new AbortController();
    serverRequest(target, {
      method: 'GET',
      path: EVENTS_PATH,
      headers: { accept: 'text/event-stream', authorization: `Bearer ${token}`, [CLIENT_HEADER]: `desktop/${appVersion()}`, [CONTRACT_HEADER]: contractVersion() },
      timeoutMs: options.idleTimeoutMs ?? 60_000,
      signal: controller.signal,
      onResponse: read,
    }).catch(again);
  };

  open();
  return { stop };
}
