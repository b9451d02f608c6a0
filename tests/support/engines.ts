import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppOn, type App } from '../../src-main/app';
import { appRoot } from '../../src-main/app-root';
import type { Database, EngineName } from '../../src-main/data/database';
import { openPglite } from './pglite';
import { adminQuery } from './pg-admin';
import { openPostgres } from '../../src-main/data/engines/postgres';
import { openSqlite } from '../../src-main/data/engines/sqlite';

/*
 * The one way tests AND the bench (bench/engines.ts) get a fresh, empty, migrated store on each
 * engine, opened exactly as the app opens it, and removed afterwards:
 *  - sqlite: a real file in a new temp dir;
 *  - pglite: a copy of a migrated template data folder (see below), in the temp dir;
 *  - postgres: a new schema `pd_<label>_…` on DATABASE_URL (search_path), dropped afterwards.
 */

export interface ScratchStore {
  engine: EngineName;
  database: Database;
  /** A new temp dir: the app's data folder (document files, key file; the SQLite file too). */
  dataDir: string;
  /** Postgres only: the schema the store lives in, for a second process to open the same store. */
  schema?: string;
  dispose(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Names the temp dir (`partnerdesk-<label>-…`) and the Postgres schema (`pd_<label>_…`). Default `test`. */
  label?: string;
  /** SQLite only: runs on the new file before the app opens it (the bench's bulk load uses its own connection). */
  prepareSqliteFile?: (file: string) => Promise<void>;
}

export async function openStore(engine: EngineName, options: OpenStoreOptions = {}): Promise<ScratchStore> {
  const label = options.label ?? 'test';
  const dataDir = mkdtempSync(join(tmpdir(), `partnerdesk-${label}-`));
  let database: Database | undefined;
  let schema: string | undefined;
  const url = process.env.DATABASE_URL;
  const dispose = async () => {
    await database?.close();
    if (schema && url) await adminQuery(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    switch (engine) {
      case 'sqlite': {
        const file = join(dataDir, 'partnerdesk.sqlite');
        await options.prepareSqliteFile?.(file);
        database = openSqlite(file);
        break;
      }
      case 'pglite':
        database = await openPgliteCopy(dataDir);
        break;
      case 'postgres': {
        if (!url) throw new Error('the postgres engine needs DATABASE_URL');
        schema = `pd_${label}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
        await adminQuery(url, `CREATE SCHEMA ${schema}`);
        database = await openPostgres(url, { searchPath: schema });
        break;
      }
    }
    return { engine, database, dataDir, dispose, ...(schema ? { schema } : {}) };
  } catch (error) {
    await dispose();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The engines a suite runs on, and test apps on them

export interface EngineUnderTest {
  name: EngineName;
  open(): Promise<ScratchStore>;
}

/** SQLite and PGlite always; a real PostgreSQL server too when DATABASE_URL is set. */
export const engines: EngineUnderTest[] = (['sqlite', 'pglite', ...(process.env.DATABASE_URL ? (['postgres'] as const) : [])] as const).map((name) => ({
  name,
  open: () => openStore(name),
}));

export interface TestApp extends App {
  dispose(): Promise<void>;
}

export async function openTestApp(engine: EngineUnderTest): Promise<TestApp> {
  const { database, dataDir, dispose } = await engine.open();
  const app = createAppOn(database, dataDir);
  return { ...app, dispose };
}

// ---------------------------------------------------------------------------------------------
// PGlite from a template

/**
 * A fresh PGlite costs 2–5 s (initdb inside WebAssembly); copying an already initialised and
 * migrated data folder and opening the copy costs ~0.3 s. The template is built once per
 * machine, keyed by the PGlite version and the content of drizzle/pg, so a changed or added
 * migration builds a new one. Opening the copy still runs the real migrator (which finds its
 * history up to date), so nothing about the engine is faked.
 */

function templateKey(): string {
  const root = appRoot();
  const h = createHash('sha256');
  h.update(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json')));
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else h.update(entry.name).update(readFileSync(path));
    }
  };
  walk(join(root, 'drizzle', 'pg'));
  return h.digest('hex').slice(0, 16);
}

let templateDir: Promise<string> | undefined;

const isReady = (dir: string) => existsSync(join(dir, 'PG_VERSION'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Templates of older migration sets, left by earlier runs: 40 MB each. */
function removeStaleTemplates(current: string): void {
  const hourAgo = Date.now() - 3600_000;
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!name.startsWith('partnerdesk-pglite-template-') || path === current || name.endsWith('.lock')) continue;
    try {
      if (statSync(path).mtimeMs < hourAgo) rmSync(path, { recursive: true, force: true });
    } catch {
      // another run removed it first
    }
  }
}

async function buildTemplate(): Promise<string> {
  const dir = join(tmpdir(), `partnerdesk-pglite-template-${templateKey()}`);
  if (isReady(dir)) return dir;
  // Test workers start together: one builds (initdb takes seconds), the others wait for it.
  const lock = `${dir}.lock`;
  const giveUpAt = Date.now() + 120_000; // a builder that crashed leaves its lock behind
  while (!isReady(dir) && Date.now() < giveUpAt) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      await sleep(200);
    }
  }
  try {
    if (isReady(dir)) return dir;
    // Built aside and renamed into place: nobody ever copies a half-built folder.
    const building = mkdtempSync(join(tmpdir(), 'partnerdesk-pglite-building-'));
    const database = await openPglite(building);
    await database.close();
    try {
      renameSync(building, dir);
    } catch {
      rmSync(building, { recursive: true, force: true }); // published meanwhile by a builder that lost its lock
    }
    removeStaleTemplates(dir);
    return dir;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A new, migrated PGlite database in `dataDir` (a copy of the template). */
export async function openPgliteCopy(dataDir: string): Promise<Database> {
  templateDir ??= buildTemplate();
  const template = await templateDir;
  const target = join(dataDir, 'pglite');
  cpSync(template, target, { recursive: true });
  return openPglite(target);
}
