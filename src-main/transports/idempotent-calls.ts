import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { CallResult } from '../../src-shared/contract/errors';
import { contract, isProcedureName } from '../../src-shared/contract';
import type { Database } from '../data/database';
import type { DispatchOutcome } from '../dispatch';

/**
 * `Idempotency-Key` on a mutation: the first call runs, a retry with the same key (same user,
 * same procedure) gets the first call's answer instead of running again. This is what lets a
 * connected desktop retry after a dropped connection without creating something twice.
 *
 * The claim is an INSERT on call_idempotency's primary key, so two racing retries (on one server
 * or two servers on one Postgres) cannot both run: the loser sees `running` and is told to wait.
 * A call that failed (ok:false) releases its key: nothing was changed, so trying again for real
 * is right. Outcomes are kept for a day.
 */

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Set on an answer replayed from the first call. */
export const REPLAY_HEADER = 'idempotent-replay';
/** Set when the first call with this key is still running: the caller may ask again shortly. */
export const PENDING_HEADER = 'idempotent-pending';
const KEEP_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

export interface IdempotentCallsOptions {
  database: Database;
  /** The session behind a token (the user the key belongs to), or null. */
  resolve(token: string | null): Promise<{ userId: string; userKind: string } | null>;
  now?: () => Date;
}

const SECRET_FIELD = /token|secret|password|key$|link/i;

/** A one-time secret (an API key, an invite link) is shown once and never stored for a replay. */
function carriesSecret(value: unknown, depth = 0): boolean {
  if (depth > 6 || typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([field, inner]) => (SECRET_FIELD.test(field) && typeof inner === 'string') || carriesSecret(inner, depth + 1));
}

export type IdempotentAnswer = { outcome: DispatchOutcome; replayed: boolean; pending?: boolean };

export function createIdempotentCalls(options: IdempotentCallsOptions) {
  const { database } = options;
  const now = options.now ?? (() => new Date());
  const table = database.t.callIdempotency;
  let lastPrune = 0;

  async function prune(at: Date) {
    if (at.getTime() - lastPrune < 60 * 60 * 1000) return;
    lastPrune = at.getTime();
    await database.write((tx) => tx.delete(table).where(lt(table.createdAt, new Date(at.getTime() - KEEP_MS))));
  }

  return {
    /** Whether this call takes part: a mutation, a well-formed key. A malformed key is refused by `run`. */
    applies(procedure: string, key: string | undefined): key is string {
      return key !== undefined && isProcedureName(procedure) && contract[procedure].kind === 'mutation';
    },

    async run(procedure: string, token: string | null, key: string, call: () => Promise<DispatchOutcome>): Promise<IdempotentAnswer> {
      if (!KEY_PATTERN.test(key)) {
        return { outcome: { response: { ok: false, error: { code: 'validation', message: 'Idempotency-Key must be 8 to 128 letters, digits or . _ : -' } } }, replayed: false };
      }
      const session = await options.resolve(token);
      // Signed out: nothing to key it to; the call answers for itself (unauthenticated, or a public procedure).
      if (!session) return { outcome: await call(), replayed: false };
      const at = now();
      const id = createHash('sha256').update(`${session.userKind}:${session.userId}:${procedure}:${key}`).digest('hex');
      const claimed = await database.write((tx) =>
        tx.insert(table).values({ id, userId: session.userId, procedure, status: 'running', response: null, createdAt: at }).onConflictDoNothing().returning({ id: table.id }),
      );
      if (claimed.length === 0) {
        const [earlier] = await database.db.select().from(table).where(eq(table.id, id));
        if (earlier?.status === 'done') {
          const response: CallResult<unknown> = earlier.response
            ? (JSON.parse(earlier.response) as CallResult<unknown>)
            : { ok: false, error: { code: 'conflict', message: 'This change was already made; refresh to see it' } };
          return { outcome: { response }, replayed: true };
        }
        return { outcome: { response: { ok: false, error: { code: 'conflict', message: 'This change is still being processed; refresh in a moment to see its outcome' } } }, replayed: false, pending: true };
      }
      let outcome: DispatchOutcome;
      try {
        outcome = await call();
      } catch (error) {
        await database.write((tx) => tx.delete(table).where(eq(table.id, id)));
        throw error;
      }
      await database.write((tx) =>
        outcome.response.ok
          ? tx.update(table).set({ status: 'done', response: carriesSecret(outcome.response) ? null : JSON.stringify(outcome.response), finishedAt: now() }).where(and(eq(table.id, id), eq(table.status, 'running')))
          : tx.delete(table).where(eq(table.id, id)),
      );
      void prune(at).catch(() => undefined);
      return { outcome, replayed: false };
    },
  };
}

export type IdempotentCalls = ReturnType<typeof createIdempotentCalls>;
