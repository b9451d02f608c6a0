import { DOMAINS } from '../../src-shared/contract/domains';
import type { ChangeEvent } from '../../src-shared/live';
import type { ChangeFeed } from '../live/change-feed';
import type { ActiveSession } from '../services/context';
import { visibleTo } from '../transports/event-stream';
import { followServerEvents, type FollowOptions } from './server-events';
import type { ServerTarget } from './server-target';

/**
 * Live updates from main to each desktop window (over IPC_CHANGE_CHANNEL, sent by `send`).
 * A window hears changes only while it has a session, and only those its session may see: the
 * local feed filtered as the server filters its streams, or, connected, the server's own
 * stream for that window's token. The IPC transport reports each window's token as it changes.
 */

export type ChangeSource =
  | { kind: 'local'; feed: ChangeFeed; resolve(token: string): Promise<ActiveSession | null> }
  | { kind: 'server'; target: ServerTarget; follow?: FollowOptions };

export interface ChangeRelay {
  /** The window's session token now (null: signed out or closed). */
  windowSession(windowId: number, token: string | null): void;
  close(): void;
}

/** "Anything may have changed": after a reconnect, every screen refetches. */
export const EVERYTHING: ChangeEvent = { domains: [...DOMAINS], ids: [] };

export function createChangeRelay(source: ChangeSource, send: (windowId: number, event: ChangeEvent) => void): ChangeRelay {
  const following = new Map<number, { token: string; stop(): void }>();

  const start = (windowId: number, token: string): (() => void) => {
    if (source.kind === 'server') {
      const stream = followServerEvents(source.target, token, {
        change: (event) => send(windowId, event),
        reconnected: () => send(windowId, EVERYTHING),
        signedOut: () => following.delete(windowId),
      }, source.follow);
      return stream.stop;
    }
    let stopped = false;
    let stopFeed: (() => void) | null = null;
    void source.resolve(token).then((session) => {
      if (stopped || !session) return;
      stopFeed = source.feed.subscribe((change) => {
        if (visibleTo(session, change)) send(windowId, { domains: change.domains, ids: change.ids });
      });
    });
    return () => {
      stopped = true;
      stopFeed?.();
    };
  };

  return {
    windowSession(windowId, token) {
      const current = following.get(windowId);
      if (current && current.token === token) return;
      current?.stop();
      following.delete(windowId);
      if (token) following.set(windowId, { token, stop: start(windowId, token) });
    },
    close() {
      for (const { stop } of following.values()) stop();
      following.clear();
    },
  };
}
