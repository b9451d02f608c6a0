import { fillPlaceholders } from 'drizzle-orm';
import { BetterSQLiteSession } from 'drizzle-orm/better-sqlite3';
import { NodePgSession } from 'drizzle-orm/node-postgres';
import { PgliteSession } from 'drizzle-orm/pglite';

/**
 * Every statement the app runs through Drizzle, on each of the three drivers, with the values it
 * ran with (transactions included: they prepare through the same session classes). Recorded at
 * execution, not at preparation: a prepared statement (src-main/data/prepared.ts) is built once
 * and run many times with its placeholders filled per call. Patched once on the prototypes; only
 * what runs inside `recording` is kept. For the query-plan tests, which EXPLAIN what was run.
 */
export interface Recorded {
  sql: string;
  params: unknown[];
}

/** The methods that run a prepared query (SQLite's `execute` only defers to `all`, so it is not one of them). */
const EXECUTIONS = new Map<unknown, readonly string[]>([
  [BetterSQLiteSession, ['run', 'all', 'get', 'values']],
  [NodePgSession, ['execute', 'all']],
  [PgliteSession, ['execute', 'all']],
]);

let sink: Recorded[] | null = null;
let recordingInside = false;
for (const Session of [BetterSQLiteSession, NodePgSession, PgliteSession] as unknown as { prototype: { prepareQuery(query: Recorded, ...rest: unknown[]): unknown } }[]) {
  const original = Session.prototype.prepareQuery;
  Session.prototype.prepareQuery = function (this: unknown, query: Recorded, ...rest: unknown[]) {
    const prepared = original.call(this, query, ...rest) as Record<string, unknown>;
    for (const method of EXECUTIONS.get(Session) ?? []) {
      const run = prepared[method];
      if (typeof run !== 'function') continue;
      prepared[method] = function (this: unknown, values?: Record<string, unknown>, ...more: unknown[]) {
        // SQLite's `all` calls its own `values`: record the outer call only.
        if (sink && !recordingInside) sink.push({ sql: query.sql, params: fillPlaceholders(query.params, values ?? {}) });
        recordingInside = true;
        try {
          return (run as (...args: unknown[]) => unknown).call(this, values, ...more);
        } finally {
          recordingInside = false;
        }
      };
    }
    return prepared;
  };
}

export async function recording(fn: () => Promise<unknown>): Promise<Recorded[]> {
  const got: Recorded[] = [];
  sink = got;
  try {
    await fn();
  } finally {
    sink = null;
  }
  return got;
}
