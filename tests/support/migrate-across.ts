import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import BetterSqlite3 from 'better-sqlite3';
import { readMigrations } from '../../src-main/data/migrate';

/*
 * How a migration meets data an earlier version wrote: a fresh in-memory store migrated up to
 * (not including) `tag`, seeded by the test as that version would have left it, then migrated
 * the rest of the way. The test then checks what the migration did to the seed.
 */

function split(engine: 'sqlite' | 'pg', tag: string) {
  const files = readMigrations(engine);
  const at = files.findIndex((f) => f.tag === tag);
  if (at <= 0) throw new Error(`no migration ${tag} after the first (${engine})`);
  return { before: files.slice(0, at), from: files.slice(at) };
}

export function sqliteAcross(tag: string, seed: (conn: BetterSqlite3.Database) => void): BetterSqlite3.Database {
  const { before, from } = split('sqlite', tag);
  const conn = new BetterSqlite3(':memory:');
  for (const f of before) for (const st of f.statements) conn.exec(st);
  seed(conn);
  for (const f of from) for (const st of f.statements) conn.exec(st);
  return conn;
}

/** PGlite with pg_trgm (a migration creates trigram indexes); close it when done. */
export async function pgliteAcross(tag: string, seed: (client: PGlite) => Promise<void>): Promise<PGlite> {
  const { before, from } = split('pg', tag);
  const client = new PGlite({ extensions: { pg_trgm } });
  try {
    for (const f of before) for (const st of f.statements) await client.exec(st);
    await seed(client);
    for (const f of from) for (const st of f.statements) await client.exec(st);
    return client;
  } catch (error) {
    await client.close();
    throw error;
  }
}
