import { randomUUID } from 'node:crypto';
import type { Domain } from '../../src-shared/contract/domains';
import type { Database } from '../data/database';
import { log } from '../log';

/**
 * Live updates inside the server: every committed mutation publishes which domains it changed
 * and the ids it named; the SSE endpoint and the desktop's IPC forwarder subscribe. Between
 * server instances on one Postgres the events travel by NOTIFY, tagged with the sending
 * instance so that it does not deliver its own events a second time. An event carries no data,
 * only the tenant (used here to route it, never sent on) and, for the portal, the partner.
 */

export interface PublishedChange {
  tenantId: string;
  /** The partner the change belongs to, when known: partner users get only their partner's events. */
  partnerId: string | null;
  domains: Domain[];
  ids: string[];
}

export type ChangeListener = (change: PublishedChange) => void;

export const CHANGE_CHANNEL = 'partnerdesk_changes';
/** NOTIFY payloads stop at 8000 bytes: an event naming more ids than this names none ("anything may have changed"). */
const MAX_IDS = 40;

export interface ChangeFeed {
  publish(change: PublishedChange): void;
  subscribe(listener: ChangeListener): () => void;
  close(): void;
}

interface Wire {
  o: string;
  t: string;
  p: string | null;
  d: Domain[];
  i: string[];
}

export function createChangeFeed(database: Database): ChangeFeed {
  const instance = randomUUID();
  const listeners = new Set<ChangeListener>();
  const deliver = (change: PublishedChange) => {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (error) {
        log.warn(`a live-update listener failed: ${error instanceof Error ? error.name : 'error'}`);
      }
    }
  };
  const shared = database.engine === 'postgres';
  const listening = shared
    ? database.listen(CHANGE_CHANNEL, {
        message(text) {
          let wire: Wire;
          try {
            wire = JSON.parse(text) as Wire;
          } catch {
            return;
          }
          if (wire.o === instance) return;
          deliver({ tenantId: wire.t, partnerId: wire.p, domains: wire.d, ids: wire.i });
        },
        // Missed notifications cannot be replayed; screens refetch on focus and on the next event.
        reset() {},
      })
    : null;

  return {
    publish(change) {
      const ids = change.ids.length > MAX_IDS ? [] : change.ids;
      deliver({ ...change, ids });
      if (!shared) return;
      const wire: Wire = { o: instance, t: change.tenantId, p: change.partnerId, d: change.domains, i: ids };
      database.raw('select pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify(wire)]).catch((error: unknown) => {
        log.warn(`a live update was not sent to the other servers: ${error instanceof Error ? error.name : 'error'}`);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listening?.stop();
      listeners.clear();
    },
  };
}

const ID_FIELD = /^(id|[a-z]+Id)$/;
const IDS_FIELD = /^(ids|[a-z]+Ids)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The ids a mutation named: top-level `id`/`…Id`/`ids` fields of its input and result that
 * hold UUIDs (never other values: a field could hold a name or an e-mail address).
 */
export function idsNamed(...values: unknown[]): string[] {
  const found = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    for (const [field, inner] of Object.entries(value)) {
      if (ID_FIELD.test(field) && typeof inner === 'string' && UUID.test(inner)) found.add(inner);
      if (IDS_FIELD.test(field) && Array.isArray(inner)) for (const item of inner) if (typeof item === 'string' && UUID.test(item)) found.add(item);
    }
  }
  return [...found];
}

const field = (value: unknown, name: string): string | null => {
  if (typeof value !== 'object' || value === null || !(name in value)) return null;
  const inner = (value as Record<string, unknown>)[name];
  return typeof inner === 'string' ? inner : null;
};

/**
 * The partner a mutation concerned: the partner user's own, else a `partnerId` of its input or
 * result, else (a `partners.*` procedure names its partner `id`) the input's `id`.
 */
export function partnerNamed(procedure: string, sessionPartnerId: string | null, input: unknown, result: unknown): string | null {
  if (sessionPartnerId) return sessionPartnerId;
  return field(input, 'partnerId') ?? field(result, 'partnerId') ?? (procedure.startsWith('partners.') ? field(input, 'id') : null);
}
