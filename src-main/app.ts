import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import type { Database } from './data/database';
import { openSqlite } from './data/engines/sqlite';
import { openPostgres } from './data/engines/postgres';
import { secureDataFolder } from './data/data-folder';
import { createServices, type Services } from './services';
import { createHandlers } from './handlers';
import { createDispatch, type Dispatch } from './dispatch';
import type { AppConfig } from './config';
import type { ServiceDeps } from './services/context';
import { createKeyProvider, type SecretWrapper } from './security/key-provider';
import { checkDataKeyIdentity } from './security/key-identity';
import { createFsDocumentStore } from './files/document-store';
import { createTableDocumentStore } from './files/document-store-table';
import { log } from './log';
import { createChangeFeed, idsNamed, partnerNamed, type ChangeFeed } from './live/change-feed';
import { contract } from '../src-shared/contract';

export interface App {
  database: Database;
  services: Services;
  dispatch: Dispatch;
  deps: ServiceDeps;
  /** Live updates: what committed mutations changed, for SSE streams and desktop windows. */
  changes: ChangeFeed;
  /** The one-time first-run code of this process (meaningful while the instance needs set-up). */
  setupCode: string;
  close(): Promise<void>;
}

export async function openDatabase(config: AppConfig): Promise<Database> {
  if (config.databaseUrl) {
    if (!process.env.PARTNERDESK_DATA_KEY) {
      log.warn('team mode without PARTNERDESK_DATA_KEY: banking details sealed here can only be opened by this machine; set the same key on every desktop and server');
    }
    return openPostgres(config.databaseUrl, config.migrateUrl ? { migrateUrl: config.migrateUrl } : {});
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return openSqlite(join(config.dataDir, 'partnerdesk.sqlite'));
}

/** Builds the whole main-process core on a database: services, handlers, dispatch. */
export interface AppOptions extends Partial<Pick<ServiceDeps, 'clock' | 'newId'>> {
  /** Electron's safeStorage, adapted; null in server mode and tests (the key file is then protected by permissions only). */
  secretWrapper?: SecretWrapper | null;
  /** Opens a key file that safeStorage's basic_text backend wrapped before it stopped counting as a secret store. */
  legacySecretUnwrapper?: Pick<SecretWrapper, 'decrypt'> | null;
}

export function createAppOn(database: Database, dataDir: string, options: AppOptions = {}): App {
  const { secretWrapper = null, legacySecretUnwrapper = null, ...overrides } = options;
  const deps: ServiceDeps = {
    database,
    dataDir,
    clock: () => new Date(),
    newId: uuidv7,
    keys: createKeyProvider({ dataDir, wrapper: secretWrapper, legacyUnwrapper: legacySecretUnwrapper, logger: log }),
    blobs: database.engine === 'sqlite' ? createFsDocumentStore(dataDir) : createTableDocumentStore(database),
    ...overrides,
  };
  const services = createServices(deps);
  const changes = createChangeFeed(database);
  const dispatch = createDispatch(services, createHandlers(services), {
    committed: (procedure, session, input, result) => {
      const domains = [...contract[procedure].effects];
      if (domains.length === 0) return;
      changes.publish({ tenantId: session.tenantId, partnerId: partnerNamed(procedure, session.partnerId, input, result), domains, ids: idsNamed(input, result) });
    },
  });
  // An import still writing when the app closes would find its database gone: let it finish first.
  const close = async () => {
    await services.leads.whenImportSettled();
    // A payout run stops after its current chunk and resumes at the next start (a tenant-month need not delay the close).
    await services.payouts.stopRuns();
    // The audit heads as this process leaves them, outside the database: a later cut of the tail shows against it.
    await services.activity.verification.checkpointHeads().catch((error: unknown) => log.warn(`audit checkpoint not written: ${error instanceof Error ? error.name : 'error'}`));
    changes.close();
    await database.close();
  };
  return { database, services, dispatch, deps, changes, setupCode: services.auth.setupCode(), close };
}

export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<App> {
  secureDataFolder(config.dataDir);
  const app = createAppOn(await openDatabase(config), config.dataDir, options);
  // Before anything writes an audit row or seals: a key other than the database's must stop the start here.
  await checkDataKeyIdentity(app.database, app.deps.keys, app.deps.clock).catch(async (error: unknown) => {
    await app.database.close();
    throw error;
  });
  const interrupted = await app.services.leads.failInterruptedImports();
  if (interrupted > 0) log.warn(`${interrupted} lead import(s) interrupted by the last stop were marked failed (none of their rows had been written)`);
  const resumed = await app.services.payouts.resumeInterruptedRuns();
  if (resumed > 0) log.warn(`${resumed} payout run(s) interrupted by the last stop are resuming where their last chunk left them`);
  return app;
}
