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
