import type { Domain } from './contract/domains';

/**
 * What a client learns when data changes: which domains a committed mutation changed (the
 * effects it declares in the contract) and the ids it named. Never data: a screen that shows one
 * of these domains refetches through its own, authorised, queries. The tenant stays on the
 * server, which delivers each event only to sessions of that workspace.
 */
export interface ChangeEvent {
  domains: Domain[];
  ids: string[];
}

/** Server-Sent Events: GET /api/events (the session cookie, or `Authorization: Bearer <session token>`). */
export const EVENTS_PATH = '/api/events';
/** The SSE event name of a ChangeEvent (its data is the JSON). */
export const CHANGE_EVENT = 'change';
/** The first event of every stream: connected (a second one means reconnected after a gap). */
export const READY_EVENT = 'ready';
/** The last event of a stream whose session has ended. */
export const SIGNED_OUT_EVENT = 'signed_out';

/**
 * Reads a Server-Sent Events stream chunk by chunk (the client side of GET /api/events in
 * Node: a connected desktop's main process, the tests) and calls `onEvent` per complete event.
 * Only the fields PartnerDesk sends: one `event:` and one `data:` line; comments are skipped.
 */
export function createEventStreamReader(onEvent: (name: string, data: string) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const name = /^event: ?(.*)$/m.exec(block)?.[1];
      if (name) onEvent(name, /^data: ?(.*)$/m.exec(block)?.[1] ?? '');
    }
  };
}
