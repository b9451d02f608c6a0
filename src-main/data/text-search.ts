import { sql, type Column, type SQL } from 'drizzle-orm';
import type { EngineName } from './database';

/*
 * Substring search over a lower-cased text column (e.g. partners.search_text), answered by an
 * index on each engine: SQLite FTS5 with the trigram tokenizer (an external-content table
 * `<table>_fts` over the column, kept by triggers on the table), Postgres pg_trgm (a GIN index
 * with gin_trgm_ops over the column, which serves LIKE '%…%'). Both match exactly the rows that
 * `column LIKE '%needle%'` matches, so the engines agree; only the cost differs. The migrations
 * that create the index and triggers: drizzle/{sqlite,pg}/0007_partner_list.sql (copy them for
 * a new table).
 */

/** Shorter needles have no trigram: neither index can answer them, and the caller falls back to a bounded LIKE. */
export const MIN_INDEXED_LENGTH = 3;

/** LIKE metacharacters in user text are literals, not wildcards (used with `escape '\'`). */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The user's text as the search column holds it: lower-cased the way the column was written (JS toLowerCase). */
export const searchNeedle = (q: string) => q.toLowerCase();

/** Whether `needle` is long enough for the index (counted in characters, as the trigram tokenizers count). */
export const isIndexable = (needle: string) => Array.from(needle).length >= MIN_INDEXED_LENGTH;

export interface TextSearchTarget {
  /** The table's name, whose rowid the SQLite FTS table's rows carry. */
  table: string;
  /** The lower-cased search column. */
  column: Column;
}

/**
 * The condition "the column contains `needle`" (already lower-cased). Indexed when the needle
 * has 3 characters or more; shorter, a plain LIKE the caller must bound (it reads rows in the
 * order of another index until it has a page).
 */
export function containsText(engine: EngineName, target: TextSearchTarget, needle: string): SQL {
  if (engine === 'sqlite' && isIndexable(needle)) {
    const fts = sql.identifier(`${target.table}_fts`);
    // One FTS phrase: inside double quotes only a double quote needs escaping (doubled), so
    // user text stays literal; the trigram tokenizer matches a phrase as a substring.
    const phrase = `"${needle.replaceAll('"', '""')}"`;
    return sql`${sql.identifier(target.table)}.rowid in (select rowid from ${fts} where ${fts} match ${phrase})`;
  }
  // Postgres: pg_trgm's GIN index serves this LIKE directly (and is skipped by the planner when
  // the needle is too short to have a trigram). SQLite, short needle: a residual filter.
  return sql`${target.column} like ${`%${escapeLike(needle)}%`} escape '\\'`;
}

/**
 * `column` as a term no index may serve, on SQLite (the unary plus idiom). An indexed search
 * must be driven by the text index: SQLite, which has no statistics here (the app never runs
 * ANALYZE), otherwise walked every partner of the tenant through a tenant index and probed the
 * FTS matches for each (15 ms at 10,000 partners instead of about 1). Postgres plans by its
 * statistics and keeps the column as is.
 */
export function unindexed(engine: EngineName, column: Column): SQL {
  return engine === 'sqlite' ? sql`+${column}` : sql`${column}`;
}

/** `haystack` contains `needle` (no LIKE, so no metacharacters): for ranking among rows the index already found. */
export function includesSql(engine: EngineName, haystack: SQL, needle: string): SQL {
  return engine === 'sqlite' ? sql`instr(${haystack}, ${needle}) > 0` : sql`strpos(${haystack}, ${needle}) > 0`;
}
