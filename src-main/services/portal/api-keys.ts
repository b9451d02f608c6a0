import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import { API_KEY_SCOPES, type ApiKey, type ApiKeyCreated, type ApiKeyScope } from '../../../src-shared/contract/portal';
import type { Database } from '../../data/database';
import { prepared, slot } from '../../data/prepared';
import { log } from '../../log';
import type { AuditService } from '../activity/audit';
import { hashToken } from '../auth/sessions';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';
import { partnerOf } from './team-rows';

type KeyRow = Database['t']['apiKeys']['$inferSelect'];

/** `pdk_` + 32 random bytes in base64url (43 characters). */
const SECRET = /^pdk_[A-Za-z0-9_-]{43}$/;
const PREFIX_LENGTH = 12;
/** last_used_at moves at most once a minute per key: not a write per call. */
const TOUCH_EVERY_MS = 60_000;
/** How long a call waits for that write (behind a long import) before going on without it. */
const TOUCH_WAIT_MS = 100;

/** Who a valid key acts for: its partner, in its workspace, within its scopes. */
export interface ApiKeyIdentity {
  keyId: string;
  name: string;
  tenantId: string;
  partnerId: string;
  scopes: ApiKeyScope[];
  lastUsedAt: Date | null;
}

const scopesOf = (stored: string[]): ApiKeyScope[] => API_KEY_SCOPES.filter((s) => stored.includes(s));

/**
 * A partner's API keys (portal.apiKeys.*) and their check on every integration call. The secret
 * is returned once by create; only its SHA-256 is stored (a key is 256 random bits: no slow hash
 * needed), and `prefix` lets the list name a key without holding it.
 */
export function apiKeyService(deps: ServiceDeps, audit: AuditService) {
  const { database, clock, newId } = deps;
  const k = database.t.apiKeys;
  const u = database.t.partnerUsers;

  const toKey = (r: KeyRow, creatorName: string | null): ApiKey => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: scopesOf(r.scopes),
    createdAt: r.createdAt.toISOString(),
    createdBy: creatorName === null ? null : { id: r.createdBy, name: creatorName },
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  });

  async function list(session: ActiveSession): Promise<ApiKey[]> {
    const me = partnerOf(session);
    const rows = await database.db
      .select({ key: k, creatorName: u.name })
      .from(k)
      .leftJoin(u, and(eq(u.id, k.createdBy), eq(u.tenantId, k.tenantId)))
      .where(and(eq(k.tenantId, me.tenantId), eq(k.partnerId, me.partnerId)))
      .orderBy(desc(k.createdAt), desc(k.id));
    return rows.map((r) => toKey(r.key, r.creatorName));
  }

  async function create(session: ActiveSession, input: { name: string; scopes: ApiKeyScope[] }): Promise<ApiKeyCreated> {
    const me = partnerOf(session);
    const secret = `pdk_${randomBytes(32).toString('base64url')}`;
    const row: KeyRow = {
      id: newId(),
      tenantId: me.tenantId,
      partnerId: me.partnerId,
      name: input.name,
      prefix: secret.slice(0, PREFIX_LENGTH),
      keyHash: hashToken(secret),
      // In the contract's order, whatever order they were chosen in.
      scopes: scopesOf(input.scopes),
      createdBy: me.userId,
      createdAt: clock(),
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    };
    await database.write(async (tx) => {
      await tx.insert(k).values(row);
      // The prefix identifies the key in the trail; the secret and its hash never enter it.
      await audit.record(tx, {
        tenantId: me.tenantId,
        actor: actorOf(me),
        action: 'api_key.created',
        resourceType: 'partner',
        resourceId: me.partnerId,
        details: { keyId: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes },
      });
    });
    return { key: toKey(row, me.userName), secret };
  }

  async function revoke(session: ActiveSession, id: string): Promise<ApiKey> {
    const me = partnerOf(session);
    return database.write(async (tx) => {
      const [before] = await tx
        .select({ key: k, creatorName: u.name })
        .from(k)
        .leftJoin(u, and(eq(u.id, k.createdBy), eq(u.tenantId, k.tenantId)))
        .where(and(eq(k.tenantId, me.tenantId), eq(k.partnerId, me.partnerId), eq(k.id, id)));
      if (!before) throw new AppError('not_found', 'API key not found', 'id');
      // Revoking twice changes nothing and writes nothing: the first revocation stands.
      if (before.key.revokedAt) return toKey(before.key, before.creatorName);
      const [row] = await tx
        .update(k)
        .set({ revokedAt: clock(), revokedBy: me.userId })
        .where(and(eq(k.id, id), isNull(k.revokedAt)))
        .returning();
      if (!row) throw new Error('api key vanished');
      await audit.record(tx, {
        tenantId: me.tenantId,
        actor: actorOf(me),
        action: 'api_key.revoked',
        resourceType: 'partner',
        resourceId: me.partnerId,
        details: { keyId: row.id, name: row.name, prefix: row.prefix },
      });
      return toKey(row, before.creatorName);
    });
  }

  /** The hot path of every integration call: one indexed read by hash, with the partner's state. */
  const byHash = prepared(database, 'api_key_by_hash', (db, t) =>
    db
      .select({ key: t.apiKeys, partnerStatus: t.partners.status, partnerDeletedAt: t.partners.deletedAt })
      .from(t.apiKeys)
      .innerJoin(t.partners, and(eq(t.partners.id, t.apiKeys.partnerId), eq(t.partners.tenantId, t.apiKeys.tenantId)))
      .where(eq(t.apiKeys.keyHash, slot('hash'))),
  );

  /**
   * The key's identity, or null: unknown, malformed, revoked, or its partner no longer active
   * (a suspended partner's keys stop as its users' sessions do). Reads only: the caller marks
   * the key used (markUsed) once the call is accepted, so a refused call writes nothing.
   */
  async function authenticate(secret: string | null | undefined): Promise<ApiKeyIdentity | null> {
    if (!secret || !SECRET.test(secret)) return null;
    const [row] = await byHash.run(database.db, { hash: hashToken(secret) });
    if (!row || row.key.revokedAt || row.partnerDeletedAt || row.partnerStatus !== 'active') return null;
    return { keyId: row.key.id, name: row.key.name, tenantId: row.key.tenantId, partnerId: row.key.partnerId, scopes: scopesOf(row.key.scopes), lastUsedAt: row.key.lastUsedAt };
  }

  /** Records the key's use for its list, at most once a minute per key (not a write per call). */
  async function markUsed(identity: ApiKeyIdentity): Promise<void> {
    const now = clock();
    if (identity.lastUsedAt && now.getTime() - identity.lastUsedAt.getTime() < TOUCH_EVERY_MS) return;
    await touch(identity.keyId, now);
  }

  async function touch(id: string, now: Date): Promise<void> {
    const written = database.write((tx) => tx.update(k).set({ lastUsedAt: now }).where(eq(k.id, id))).then(
      () => undefined,
      (error: unknown) => log.warn(`could not record API key use: ${error instanceof Error ? error.name : 'unknown error'}`),
    );
    await Promise.race([written, new Promise<void>((resolve) => setTimeout(resolve, TOUCH_WAIT_MS).unref())]);
  }

  /** The rejection reasons of some of the key's partner's leads (a lead page's summaries carry none): one read for a page. */
  async function rejectionReasons(identity: ApiKeyIdentity, leadIds: string[]): Promise<Map<string, string | null>> {
    if (leadIds.length === 0) return new Map();
    const l = database.t.leads;
    const rows = await database.db
      .select({ id: l.id, reason: l.rejectionReason })
      .from(l)
      .where(and(eq(l.tenantId, identity.tenantId), eq(l.partnerId, identity.partnerId), inArray(l.id, leadIds)));
    return new Map(rows.map((r) => [r.id, r.reason]));
  }

  return { list, create, revoke, authenticate, markUsed, rejectionReasons };
}

export type ApiKeyService = ReturnType<typeof apiKeyService>;
