import { eq } from 'drizzle-orm';
import type { AppConfig } from '../config';
import type { AppDb, Database } from '../data/database';
import { DATA_KEY_ENV, deriveSubkey, SUBKEY_INFO, type CarriedSubkeys, type KeyProvider, type SubkeyInfo } from './key-provider';
import { decryptJson, encryptJson, keyIdOf, keyringOf, SecretBoxError, type DataKey } from './secret-box';

/*
 * Which data key the database belongs to. Banking details are sealed with the data key, and the
 * audit chain and banking fingerprints are keyed with subkeys of it; a server started with
 * another key would seal new details that its colleagues cannot open and write a trail that
 * reads as broken. So the database records the key's id (never the key) at the first start, and
 * every later start compares.
 *
 * A rotation (cli/rotate-key.ts) re-seals banking details under the new key but carries the old
 * key's subkeys over, sealed under the new key: re-keying the audit chain would mean rewriting
 * every hash of a tamper-evident trail (and invalidating every checkpoint kept outside), and new
 * fingerprints would stop matching the ones already in the trail for the same account.
 */

export const DATA_KEY_ID_SETTING = 'data_key_id';
export const CARRIED_SUBKEYS_SETTING = 'carried_subkeys';
/** Binds the sealed subkeys to their setting: no other sealed value can stand in for them. */
const CARRIED_CONTEXT = 'instance:carried_subkeys';

/** The key's non-reversible id: HMAC-SHA-256 of a fixed label under the key, 16 hex (the id envelopes carry). */
export function keyId(key: Buffer): string {
  return keyIdOf(key);
}

export class DataKeyMismatchError extends Error {
  constructor(expected: string, given: string) {
    super(
      `this server's ${DATA_KEY_ENV} is not the key this database's banking details are sealed with ` +
        `(key id ${expected} expected, ${given} given); start it with the right key`,
    );
    this.name = 'DataKeyMismatchError';
  }
}

export async function readSetting(db: AppDb, database: Database, name: string): Promise<string | null> {
  const s = database.t.instanceSettings;
  const [row] = await db.select({ value: s.value }).from(s).where(eq(s.name, name));
  return row?.value ?? null;
}

export async function writeSetting(tx: AppDb, database: Database, name: string, value: string, now: Date): Promise<void> {
  const s = database.t.instanceSettings;
  await tx.insert(s).values({ name, value, updatedAt: now }).onConflictDoUpdate({ target: s.name, set: { value, updatedAt: now } });
}

/**
 * Refuses a data key other than the database's (DataKeyMismatchError), records the key's id on
 * the first start, and hands the key provider the subkeys carried over from before a rotation.
 * Run it before anything asks for a subkey (createApp does, first thing).
 */
export async function checkDataKeyIdentity(database: Database, keys: KeyProvider, clock: () => Date = () => new Date()): Promise<void> {
  const key = await keys.getDataKey();
  const given = keyId(key.key);
  const s = database.t.instanceSettings;
  let expected = await readSetting(database.db, database, DATA_KEY_ID_SETTING);
  if (expected === null) {
    // Two first starts at once: one insert wins, and the loser compares with the winner's key.
    await database.write((tx) => tx.insert(s).values({ name: DATA_KEY_ID_SETTING, value: given, updatedAt: clock() }).onConflictDoNothing());
    expected = await readSetting(database.db, database, DATA_KEY_ID_SETTING);
  }
  if (expected !== given) throw new DataKeyMismatchError(expected ?? '(none)', given);
  const carried = await readSetting(database.db, database, CARRIED_SUBKEYS_SETTING);
  if (carried !== null) keys.carrySubkeys(openCarriedSubkeys(carried, key));
}

/**
 * Server mode on PostgreSQL needs the key from the environment: a key file would be this
 * machine's own, and every other server of the team would seal with a different one.
 */
export function requireTeamDataKey(config: Pick<AppConfig, 'databaseUrl'>, env: Readonly<Record<string, string | undefined>> = process.env): void {
  if (!config.databaseUrl || env[DATA_KEY_ENV]?.trim()) return;
  throw new Error(
    `A server on PostgreSQL needs ${DATA_KEY_ENV}: the key that seals banking details, the base64 of 32 random bytes. ` +
      `Generate one once with \`openssl rand -base64 32\`, keep it in your secret store (it is not part of the database backup), ` +
      'and start every server instance of this database with the same key.',
  );
}

/** The subkeys a rotation carries: those already carried (an earlier rotation's), else those of the old key. */
export function subkeysToCarry(oldKey: DataKey, sealedCarried: string | null): Required<CarriedSubkeys> {
  const carried = sealedCarried === null ? {} : openCarriedSubkeys(sealedCarried, oldKey);
  const all = {} as Required<CarriedSubkeys>;
  for (const info of Object.values(SUBKEY_INFO)) all[info] = carried[info] ?? deriveSubkey(oldKey, info);
  return all;
}

export function sealCarriedSubkeys(subkeys: CarriedSubkeys, key: DataKey): string {
  const encoded: Record<string, string> = {};
  for (const [info, subkey] of Object.entries(subkeys)) encoded[info] = subkey.toString('base64');
  return encryptJson(encoded, key, CARRIED_CONTEXT);
}

export function openCarriedSubkeys(sealed: string, key: DataKey): CarriedSubkeys {
  const encoded = decryptJson<Record<string, unknown>>(sealed, keyringOf(key), CARRIED_CONTEXT);
  const known = new Set<string>(Object.values(SUBKEY_INFO));
  const subkeys: CarriedSubkeys = {};
  for (const [info, value] of Object.entries(encoded)) {
    if (!known.has(info) || typeof value !== 'string') throw new SecretBoxError(`the carried subkeys name an unknown purpose`);
    subkeys[info as SubkeyInfo] = Buffer.from(value, 'base64');
  }
  return subkeys;
}
