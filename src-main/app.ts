import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import type { Database } from './data/database';
import { openSqlite } from './data/engines/sqlite';
import { openPostgres } from './data/engines/postgres';
import { createServices, type Services } from './services';
import { createHandlers } from './handlers';
import { createDispatch, type Dispatch } from './dispatch';
import type { AppConfig } from './config';
import type { ServiceDeps } from './services/context';

export interface App {
  database: Database;
  services: Services;
  dispatch: Dispatch;
  deps: ServiceDeps;
  close(): Promise<void>;
}

export async function openDatabase(config: AppConfig): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return openSqlite(join(config.dataDir, 'partnerdesk.sqlite'));
}

/** Builds the whole main-process core on a database: services, handlers, dispatch. */
export function createAppOn(database: Database, dataDir: string, overrides: Partial<Pick<ServiceDeps, 'clock' | 'newId'>> = {}): App {
  const deps: ServiceDeps = { database, dataDir, clock: () => new Date(), newId: uuidv7, ...overrides };
  const services = createServices(deps);
  const dispatch = createDispatch(services, createHandlers(services));
  return { database, services, dispatch, deps, close: () => database.close() };
}

export async function createApp(config: AppConfig): Promise<App> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return createAppOn(await openDatabase(config), config.dataDir);
}
