import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { expect } from 'vitest';
import type { Database } from '../../src-main/data/database';
import type { Recorded } from './recorded-statements';

/** What a plan touches, one line per node: SQLite's EXPLAIN QUERY PLAN details, or Postgres `Node Type [Index Name] on Relation`. */
export interface Plan {
  lines: string[];
  indexes: string[];
}

interface PgNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PgNode[];
}

export interface PlanExplainer {
  /** `bitmap`: Postgres may use bitmap scans (GIN indexes have no other kind); off otherwise. */
  explain(q: Recorded, opts?: { bitmap?: boolean }): Promise<Plan>;
  close(): Promise<void>;
}

/**
 * EXPLAIN for the query-plan tests, on the store the app uses, after ANALYZE of `tables` (the
 * first one must have statistics on SQLite, or the test would pin a plan made without them).
 *
 * On Postgres, seq and bitmap scans are priced out, and why: at test size the planner is honestly
 * right to prefer them where the test would otherwise fail for the wrong reason (a one-page
 * counter table is a Seq Scan; a dozen matches of one key a Bitmap Index Scan then Sort). With
 * both priced out the assertion is about what breaks silently: whether the index can serve the
 * query at all (the predicate implies the partial index's WHERE, the columns come in the order
 * the query filters and sorts, so no Sort), which a key with thousands of matches needs.
 */
export async function openPlanExplainer(database: Database, tables: readonly [string, ...string[]]): Promise<PlanExplainer> {
  if (database.engine === 'sqlite') {
    // A connection of our own, opened after ANALYZE, so its planner has loaded sqlite_stat1
    // (connections opened before read the statistics only when their schema is reloaded).
    const file = (database.db as unknown as { $client: BetterSqlite3.Database }).$client.name;
    const analyse = new BetterSqlite3(file);
    analyse.exec('ANALYZE');
    analyse.close();
    const conn = new BetterSqlite3(file, { readonly: true });
    return {
      async explain(q) {
        expect(conn.prepare('select count(*) as n from sqlite_stat1 where tbl = ?').get(tables[0])).not.toEqual({ n: 0 });
        const lines = (conn.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.params as unknown[])) as { detail: string }[]).map((r) => r.detail);
        return { lines, indexes: lines.flatMap((l) => [...l.matchAll(/USING (?:COVERING )?INDEX (\w+)/g)].map((m) => m[1] as string)) };
      },
      close: async () => void conn.close(),
    };
  }
  for (const table of tables) await database.raw(`ANALYZE ${table}`);
  let run: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
  let close = async () => undefined;
  if (database.engine === 'pglite') {
    await database.raw('SET enable_seqscan = off');
    run = (text, params) => database.raw(text, params);
  } else {
    // The pool has many connections; SET on one would not reach the next query. One client of our own, in the test's schema.
    const [path] = await database.raw('SHOW search_path');
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL, options: `-c search_path=${String(path?.search_path)} -c enable_seqscan=off` });
    await client.connect();
    close = async () => void (await client.end());
    run = async (text, params) => (await client.query(text, params)).rows as Record<string, unknown>[];
  }
  return {
    async explain(q, opts = {}) {
      await run(`SET enable_bitmapscan = ${opts.bitmap ? 'on' : 'off'}`, []);
      const [row] = await run(`EXPLAIN (FORMAT JSON) ${q.sql}`, q.params);
      const raw = row?.['QUERY PLAN'];
      const doc = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PgNode }[];
      const lines: string[] = [];
      const indexes: string[] = [];
      const walk = (n: PgNode) => {
        lines.push(`${n['Node Type']}${n['Index Name'] ? ` [${n['Index Name']}]` : ''}${n['Relation Name'] ? ` on ${n['Relation Name']}` : ''}`);
        if (n['Index Name']) indexes.push(n['Index Name']);
        for (const child of n.Plans ?? []) walk(child);
      };
      walk((doc[0] as { Plan: PgNode }).Plan);
      return { lines, indexes };
    },
    close,
  };
}
