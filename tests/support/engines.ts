import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Database } from '../../src-main/data/database';
import { openSqlite } from '../../src-main/data/engines/sqlite';
import { openPglite } from '../../src-main/data/engines/pglite';
import { openPostgres } from '../../src-main/data/engines/postgres';
import { createAppOn, type App } from '../../src-main/app';

/**
 * Every engine the service suite runs on: a real SQLite file, PGlite, and a real PostgreSQL
 * server when DATABASE_URL is set (each test app gets its own schema, dropped afterwards).
 */
export interface EngineUnderTest {
  name: 'sqlite' | 'pglite' | 'postgres';
  open(): Promise<{ database: Database; dataDir: string; dispose(): Promise<void> }>;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'partnerdesk-test-'));
}

export const engines: EngineUnderTest[] = [
  {
    name: 'sqlite',
    async open() {
      const dataDir = tempDir();
      const database = openSqlite(join(dataDir, 'partnerdesk.sqlite'));
      return { database, dataDir, dispose: async () => { await database.close(); rmSync(dataDir, { recursive: true, force: true }); } };
    },
  },
  {
    name: 'pglite',
    async open() {
      const dataDir = tempDir();
      const database = await openPglite();
      return { database, dataDir, dispose: async () => { await database.close(); rmSync(dataDir, { recursive: true, force: true }); } };
    },
  },
  ...(process.env.DATABASE_URL
    ? [
        {
          name: 'postgres' as const,
          async open() {
            const url = process.env.DATABASE_URL as string;
            const schema = `pd_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
            const admin = new pg.Client({ connectionString: url });
            await admin.connect();
            await admin.query(`CREATE SCHEMA ${schema}`);
            await admin.end();
            const dataDir = tempDir();
            const database = await openPostgres(url, { searchPath: schema });
            return {
              database,
              dataDir,
              dispose: async () => {
                await database.close();
                const c = new pg.Client({ connectionString: url });
                await c.connect();
                await c.query(`DROP SCHEMA ${schema} CASCADE`);
                await c.end();
                rmSync(dataDir, { recursive: true, force: true });
              },
            };
          },
        },
      ]
    : []),
];

export interface TestApp extends App {
  dispose(): Promise<void>;
}

export async function openTestApp(engine: EngineUnderTest): Promise<TestApp> {
  const { database, dataDir, dispose } = await engine.open();
  const app = createAppOn(database, dataDir);
  return { ...app, dispose };
}
