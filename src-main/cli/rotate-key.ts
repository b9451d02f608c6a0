import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, asc, eq, gt, isNotNull } from 'drizzle-orm';
import type { BankingDetails } from '../../src-shared/contract/partners';
import { createApp } from '../app';
import { configFromEnv } from '../config';
import type { AppDb, Database } from '../data/database';
import type { AuditService } from '../services/activity/audit';
import { sealBanking, unsealBanking } from '../services/partners/banking';
import { DATA_KEY_ENV } from '../security/key-provider';
import { CARRIED_SUBKEYS_SETTING, DATA_KEY_ID_SETTING, readSetting, sealCarriedSubkeys, subkeysToCarry, writeSetting } from '../security/key-identity';
import { dataKeyFrom, SecretBoxError, type DataKey } from '../security/secret-box';

/*
 * `npm run rotate-key`: re-seals every partner's banking details from the data key in
 * PARTNERDESK_DATA_KEY to the one in PARTNERDESK_NEW_DATA_KEY, then records the new key's id, so
 * servers start with the new key only. Stop every server first: one still running with the old
 * key could seal a change under it after its record was re-sealed (a second run finds and
 * re-seals it, but only once the servers are down is the second run the last).
 *
 * Batches of partners, each re-sealed in one transaction with one audit row per workspace it
 * touched: a crash loses at most the batch in flight, and a new run resumes, because a record
 * that opens with the new key is left as it is. The old key's subkeys (audit chain, banking
 * fingerprints) are carried over, not replaced: see security/key-identity.ts.
 */

export const NEW_DATA_KEY_ENV = 'PARTNERDESK_NEW_DATA_KEY';
const DEFAULT_BATCH = 200;

export interface RotationDeps {
  database: Database;
  audit: Pick<AuditService, 'record'>;
  clock: () => Date;
}

export interface RotationOptions {
  batchSize?: number;
  progress?: (message: string) => void;
}

export interface RotationResult {
  /** Records moved from the old key to the new one by this run. */
  resealed: number;
  /** Records under the new key already (an earlier, interrupted run's). */
  alreadyNew: number;
  /** Records neither key opens, by partner id; while there are any, the new key's id is not recorded. */
  unopenable: { partnerId: string; tenantId: string; reason: string }[];
  /** Whether the database now names the new key (servers must start with it). */
  switched: boolean;
}

export class RotationRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RotationRefused';
  }
}

const SYSTEM_ACTOR = { type: 'system' as const, id: null, name: 'rotate-key' };

export async function rotateDataKey(deps: RotationDeps, oldKey: DataKey, newKey: DataKey, options: RotationOptions = {}): Promise<RotationResult> {
  const { database, audit, clock } = deps;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const progress = options.progress ?? (() => undefined);
  if (oldKey.id === newKey.id) throw new RotationRefused(`${NEW_DATA_KEY_ENV} is the same key as ${DATA_KEY_ENV}`);

  const recorded = await readSetting(database.db, database, DATA_KEY_ID_SETTING);
  if (recorded === newKey.id) {
    progress(`The database already names key ${newKey.id}; checking that every record is under it.`);
  } else if (recorded !== null && recorded !== oldKey.id) {
    throw new RotationRefused(`${DATA_KEY_ENV} (key id ${oldKey.id}) is not this database's key (${recorded}); nothing was changed`);
  }
  // Read before any batch: after a completed run they are sealed under the new key, which is then the "old" one.
  const carriedNow = await readSetting(database.db, database, CARRIED_SUBKEYS_SETTING);
  const carried = subkeysToCarry(recorded === newKey.id ? newKey : oldKey, carriedNow);

  const p = database.t.partners;
  const result: RotationResult = { resealed: 0, alreadyNew: 0, unopenable: [], switched: false };
  let after = '';
  for (let batch = 1; ; batch++) {
    const done = await database.write(async (tx) => {
      const query = tx
        .select({ id: p.id, tenantId: p.tenantId, sealed: p.bankingSealed })
        .from(p)
        .where(and(isNotNull(p.bankingSealed), gt(p.id, after)))
        .orderBy(asc(p.id))
        .limit(batchSize);
      // Locked: a banking change committing between our read and our update would be overwritten.
      const rows = database.dialect.lockForUpdate ? await query.for('update') : await query;
      const perTenant = new Map<string, number>();
      for (const row of rows) {
        if (row.sealed === null) continue;
        const outcome = reseal(row.sealed, row.id, oldKey, newKey);
        if (outcome.kind === 'new') result.alreadyNew++;
        else if (outcome.kind === 'failed') result.unopenable.push({ partnerId: row.id, tenantId: row.tenantId, reason: outcome.reason });
        else {
          await tx.update(p).set({ bankingSealed: outcome.sealed }).where(eq(p.id, row.id));
          perTenant.set(row.tenantId, (perTenant.get(row.tenantId) ?? 0) + 1);
        }
      }
      await auditBatch(tx, audit, perTenant, oldKey, newKey);
      const moved = [...perTenant.values()].reduce((a, b) => a + b, 0);
      result.resealed += moved;
      const last = rows[rows.length - 1];
      if (last) after = last.id;
      return { seen: rows.length, moved };
    });
    if (done.seen > 0) progress(`batch ${batch}: ${done.seen} record(s), ${done.moved} re-sealed (${result.resealed} so far, ${result.alreadyNew} already under the new key)`);
    if (done.seen < batchSize) break;
  }

  if (result.unopenable.length > 0) {
    progress(`${result.unopenable.length} record(s) open with neither key; the database keeps naming the old key.`);
    return result;
  }
  await database.write(async (tx) => {
    const now = clock();
    await writeSetting(tx, database, CARRIED_SUBKEYS_SETTING, sealCarriedSubkeys(carried, newKey), now);
    await writeSetting(tx, database, DATA_KEY_ID_SETTING, newKey.id, now);
  });
  result.switched = true;
  progress(`The database now names key ${newKey.id}: start every server with the new key.`);
  return result;
}

type Resealed = { kind: 'new' } | { kind: 'moved'; sealed: string } | { kind: 'failed'; reason: string };

/** The new key first: what it opens is done already (a resumed run), whatever the old key says. */
function reseal(sealed: string, partnerId: string, oldKey: DataKey, newKey: DataKey): Resealed {
  try {
    unsealBanking(sealed, partnerId, newKey);
    return { kind: 'new' };
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
  }
  let details: BankingDetails;
  try {
    details = unsealBanking(sealed, partnerId, oldKey);
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    return { kind: 'failed', reason: error.reason };
  }
  return { kind: 'moved', sealed: sealBanking(details, partnerId, newKey) };
}

async function auditBatch(tx: AppDb, audit: Pick<AuditService, 'record'>, perTenant: ReadonlyMap<string, number>, oldKey: DataKey, newKey: DataKey): Promise<void> {
  for (const [tenantId, resealed] of perTenant) {
    await audit.record(tx, {
      tenantId,
      actor: SYSTEM_ACTOR,
      action: 'workspace.banking_resealed',
      resourceType: 'workspace',
      resourceId: tenantId,
      // Key ids only: they name the keys without revealing anything about them.
      details: { resealed, fromKeyId: oldKey.id, toKeyId: newKey.id },
    });
  }
}

function keyFromEnv(name: string, env: NodeJS.ProcessEnv): DataKey {
  const value = env[name]?.trim() ?? '';
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : Buffer.alloc(0);
  if (key.length !== 32) throw new RotationRefused(`${name} must be the base64 encoding of exactly 32 random bytes (e.g. openssl rand -base64 32)`);
  return dataKeyFrom(key);
}

async function main(): Promise<number> {
  const oldKey = keyFromEnv(DATA_KEY_ENV, process.env);
  const newKey = keyFromEnv(NEW_DATA_KEY_ENV, process.env);
  const config = configFromEnv();
  // Started with the old key: the identity check then also refuses a wrong old key, and the
  // audit writer uses the chain key this database's trail is keyed with.
  const app = await createApp(config);
  try {
    console.log(`Re-sealing banking details from key ${oldKey.id} to key ${newKey.id}…`);
    const result = await rotateDataKey({ database: app.database, audit: app.services.activity, clock: app.deps.clock }, oldKey, newKey, { progress: (m) => console.log(`  ${m}`) });
    console.log(`${result.resealed} re-sealed, ${result.alreadyNew} already under the new key.`);
    for (const u of result.unopenable) console.log(`  cannot open partner ${u.partnerId} (workspace ${u.tenantId}): ${u.reason}`);
    if (!result.switched) {
      console.log('Not switched: restore or re-enter those banking details, then run again.');
      return 1;
    }
    console.log(`Done. Set ${DATA_KEY_ENV} to the new key on every server and keep the old one until a backup made after now is verified.`);
    return 0;
  } finally {
    await app.close();
  }
}

const invokedDirectly = (() => {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      // Only our own messages: a driver's error could quote SQL parameters.
      console.error(error instanceof RotationRefused || (error instanceof Error && error.name === 'DataKeyMismatchError') ? error.message : `rotate-key failed: ${error instanceof Error ? error.name : 'error'}`);
      process.exit(1);
    },
  );
}
