import pg from 'pg';
import { log } from '../../log';
import type { SignalBus } from '../database';

/** The listener connection's application_name. */
export const LISTENER_NAME = 'partnerdesk-listener';

/** How long the listener waits before reconnecting after it lost its connection. */
const RECONNECT_MS = 1_000;

/**
 * Other processes' signals on Postgres: one dedicated connection (not from the pool: a pooled
 * client would stop listening when released) that LISTENs on every channel the process asked
 * for and hands each notification to the in-process bus. While it is down, signals may be
 * missed: listeners are reset when it drops and again when it is back, and `live()` is false
 * in between, so caches neither serve nor fill on stale state.
 */
export function createPgListener(config: pg.ClientConfig, bus: SignalBus) {
  const channels = new Set<string>();
  let client: pg.Client | null = null;
  let connected = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const quoted = (channel: string) => `"${channel.replaceAll('"', '""')}"`;

  function lost(reason: string) {
    if (client) client.removeAllListeners();
    client?.end().catch(() => undefined);
    client = null;
    if (connected) log.warn(`the change listener lost its database connection (${reason}); reconnecting`);
    connected = false;
    bus.reset();
    schedule();
  }

  function schedule() {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, RECONNECT_MS);
    timer.unref();
  }

  async function connect(): Promise<void> {
    if (stopped || client) return;
    // Named, so an operator (and a test) can tell it apart in pg_stat_activity.
    const next = new pg.Client({ ...config, application_name: LISTENER_NAME });
    client = next;
    next.on('error', (error) => lost(error.message));
    next.on('end', () => {
      if (client === next) lost('connection ended');
    });
    next.on('notification', (n) => {
      if (n.payload !== undefined) bus.deliver(n.channel, n.payload);
    });
    try {
      await next.connect();
      // A channel added while this loop runs is picked up by the loop's next round.
      const listened = new Set<string>();
      for (let more = [...channels]; more.length; more = [...channels].filter((c) => !listened.has(c))) {
        for (const channel of more) {
          await next.query(`LISTEN ${quoted(channel)}`);
          listened.add(channel);
        }
      }
      if (client !== next) return;
      connected = true;
      // Whatever was signalled before LISTEN took effect is unknown: start from nothing.
      bus.reset();
    } catch (error) {
      if (client === next) lost(error instanceof Error ? error.message : 'connect failed');
    }
  }

  return {
    /** Starts listening on `channel` (connecting on first use). */
    async add(channel: string): Promise<void> {
      if (channels.has(channel)) return;
      channels.add(channel);
      if (client && connected) await client.query(`LISTEN ${quoted(channel)}`).catch((error: Error) => lost(error.message));
      else await connect();
    },
    live: () => connected,
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = null;
      connected = false;
      if (current) {
        current.removeAllListeners();
        current.on('error', () => undefined);
        await current.end().catch(() => undefined);
      }
    },
  };
}
