import { useEffect } from 'react';
import { AppError } from '@shared/contract/errors';
import { CHANGE_EVENT, EVENTS_PATH, READY_EVENT, SIGNED_OUT_EVENT, type ChangeEvent } from '@shared/live';
import { isPortalPath } from './client';
import { invalidateDomains } from './invalidation';
import { endSessionIfUnauthenticated, queryClient } from './query-client';

interface LiveHandlers {
  change(event: ChangeEvent): void;
  /** The stream (re)connected after a drop: events may have been missed meanwhile. */
  reconnected(): void;
  signedOut(): void;
}

/**
 * Other people's changes, as they commit. On the desktop the main process forwards them over
 * the bridge; in a browser an EventSource on /api/events, which reconnects by itself after a
 * network drop (and is told it did, so screens refetch what they may have missed).
 */
function subscribe(handlers: LiveHandlers): () => void {
  const bridge = window.partnerDesk;
  if (bridge) return bridge.onChange(handlers.change);
  if (typeof EventSource === 'undefined') return () => undefined;
  const source = new EventSource(EVENTS_PATH + (isPortalPath(window.location.pathname) ? '?surface=portal' : ''));
  let readyOnce = false;
  source.addEventListener(READY_EVENT, () => {
    if (readyOnce) handlers.reconnected();
    readyOnce = true;
  });
  source.addEventListener(CHANGE_EVENT, (message) => {
    try {
      handlers.change(JSON.parse((message as MessageEvent<string>).data) as ChangeEvent);
    } catch {
      handlers.reconnected();
    }
  });
  source.addEventListener(SIGNED_OUT_EVENT, () => {
    source.close();
    handlers.signedOut();
  });
  return () => source.close();
}

/** Keeps the signed-in screens current with what colleagues (and, for the portal, staff) change. */
export function useLiveUpdates(): void {
  useEffect(
    () =>
      subscribe({
        change: (event) => void invalidateDomains(queryClient, event.domains),
        reconnected: () => void queryClient.invalidateQueries(),
        signedOut: () => void endSessionIfUnauthenticated(new AppError('unauthenticated', 'Your session has ended; please sign in again')),
      }),
    [],
  );
}
