import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { CHANGE_EVENT, EVENTS_PATH, READY_EVENT, SIGNED_OUT_EVENT, type ChangeEvent } from '../../src-shared/live';
import type { ChangeFeed, PublishedChange } from '../live/change-feed';
import type { ActiveSession } from '../services/context';

/**
 * GET /api/events: Server-Sent Events of the live-update feed, for browsers (the session
 * cookie) and connected desktops (bearer token). A stream sees only its own workspace's
 * events, and a partner user only their partner's; an event names domains and ids, never data
 * (each screen refetches through its own authorised query). The session is checked again on
 * every heartbeat: a stream outlives neither its session nor a sign-out.
 */

export interface EventStreamOptions {
  feed: ChangeFeed;
  resolveSession(token: string | null): Promise<ActiveSession | null>;
  /** The session token of this request (cookie by surface, or a desktop's bearer token). */
  tokenOf(c: Context): string | null;
  heartbeatMs?: number;
}

export function visibleTo(session: ActiveSession, change: PublishedChange): boolean {
  if (change.tenantId !== session.tenantId) return false;
  return session.userKind === 'staff' || change.partnerId === session.partnerId;
}

/**
 * The open streams of this process, each by the function that ends it. A stream does not end
 * when the feed closes (it would only notice at its next heartbeat, up to 20 s on, and then ask a
 * closed database for its session): a shutting-down server ends them first, so each client's
 * EventSource reconnects (to another instance, or to this one once restarted).
 */
const openStreams = new Set<() => void>();

/** Ends every open event stream (graceful shutdown); returns how many there were. */
export function closeAllEventStreams(): number {
  const count = openStreams.size;
  for (const end of [...openStreams]) end();
  return count;
}

export function mountEventStream(app: Hono, options: EventStreamOptions): void {
  const heartbeatMs = options.heartbeatMs ?? 20_000;
  app.get(EVENTS_PATH, async (c) => {
    const token = options.tokenOf(c);
    const session = await options.resolveSession(token);
    if (!session) return c.json({ ok: false, error: { code: 'unauthenticated', message: 'Your session has ended; please sign in again' } }, 401);
    c.header('Cache-Control', 'no-store');
    // A reverse proxy that buffers (nginx) would hold events back: this asks it not to.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let queue: Promise<void> = Promise.resolve();
      const stop = options.feed.subscribe((change) => {
        if (!visibleTo(session, change)) return;
        const event: ChangeEvent = { domains: change.domains, ids: change.ids };
        queue = queue.then(() => stream.writeSSE({ event: CHANGE_EVENT, data: JSON.stringify(event) })).catch(() => undefined);
      });
      let open = true;
      let wake: () => void = () => undefined;
      const end = () => {
        open = false;
        wake();
      };
      openStreams.add(end);
      stream.onAbort(() => {
        end();
        stop();
      });
      try {
        // Tells the client it is connected (EventSource 'open' fires on headers; this also flushes proxies).
        await stream.writeSSE({ event: READY_EVENT, data: '{}' });
        while (open) {
          // A heartbeat's wait that end() cuts short (stream.sleep cannot be).
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, heartbeatMs);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          if (!open) break;
          if (!(await options.resolveSession(token))) {
            await stream.writeSSE({ event: SIGNED_OUT_EVENT, data: '{}' }).catch(() => undefined);
            break;
          }
          await stream.write(': heartbeat\n\n').catch(() => {
            open = false;
          });
        }
      } finally {
        openStreams.delete(end);
        stop();
      }
    });
  });
}
