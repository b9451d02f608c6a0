import { join } from 'node:path';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { AppDb } from '../../data/database';
import { ChainVerifier, type ChainProblem } from '../../domain/audit-chain';
import { SUBKEY_INFO } from '../../security/key-provider';
import type { AuditVerification } from '../../../src-shared/contract/activity';
import type { ServiceDeps } from '../context';
import { log } from '../../log';
import {
  advanceCheckpoint,
  CHECKPOINT_FILE_NAME,
  CheckpointError,
  checkpointProblems,
  readCheckpointFile,
  writeCheckpointFile,
  type Checkpoint,
  type CheckpointEntry,
} from './audit-checkpoint';

const BATCH = 5000;

/** What one verification saw: the result, and the head it verified (for the next checkpoint). */
export interface TrailCheck {
  result: AuditVerification;
  head: CheckpointEntry | null;
}

/** A saved checkpoint entry to compare against, with the time it was written (for the message). */
export interface SavedEntry {
  entry: CheckpointEntry;
  writtenAt: string;
}

/**
 * Verification of the audit trail: the keyed chain, the head, a workspace with data but no trail,
 * and a checkpoint kept outside the database. Rows and head are read in one snapshot, so writers
 * committing meanwhile never make an intact trail look broken.
 */
export function auditVerification({ database, keys, dataDir, clock }: ServiceDeps) {
  const { activity, auditHeads, tenants, memberships, partners, leads } = database.t;
  const auditKey = () => keys.getSubkey(SUBKEY_INFO.auditChain);
  const checkpointPath = join(dataDir, CHECKPOINT_FILE_NAME);

  /** Whether anything of the workspace exists that its creation (or a later change) must have audited. */
  async function hasData(db: AppDb, tenantId: string): Promise<boolean> {
    const [row] = await db
      .select({
        any: sql<unknown>`(exists (select 1 from ${tenants} where ${tenants.id} = ${tenantId})
          or exists (select 1 from ${memberships} where ${memberships.tenantId} = ${tenantId})
          or exists (select 1 from ${partners} where ${partners.tenantId} = ${tenantId})
          or exists (select 1 from ${leads} where ${leads.tenantId} = ${tenantId}))`,
      })
      .from(sql`(select 1) as one`);
    // SQLite answers 1/0, Postgres true/false.
    return row?.any === true || row?.any === 1;
  }

  async function check(tenantId: string, saved: SavedEntry | null = null): Promise<TrailCheck> {
    const key = await auditKey();
    return database.snapshot(async (db) => {
      const [head] = await db.select().from(auditHeads).where(eq(auditHeads.tenantId, tenantId));
      const verifier = new ChainVerifier({ key, keyedFromSeq: head?.keyedFromSeq ?? 1 });
      let hashAtCheckpointSeq: string | null = null;
      let after = 0;
      for (;;) {
        const batch = await db
          .select()
          .from(activity)
          .where(and(eq(activity.tenantId, tenantId), gt(activity.seq, after)))
          .orderBy(asc(activity.seq))
          .limit(BATCH);
        for (const row of batch) {
          verifier.push(row);
          if (row.seq === saved?.entry.seq) hashAtCheckpointSeq = row.hash;
        }
        const last = batch[batch.length - 1];
        if (!last || batch.length < BATCH) break;
        after = last.seq;
      }
      const problems: ChainProblem[] = [...verifier.finish(head ?? null)];
      if (verifier.checked === 0 && (head?.seq ?? 0) === 0 && (await hasData(db, tenantId))) {
        problems.push({ seq: null, problem: 'the workspace has data but no audit trail: its entries (and head) were removed' });
      }
      const now = head ? { seq: head.seq, hash: head.hash, keyedFromSeq: head.keyedFromSeq } : null;
      if (saved) problems.push(...checkpointProblems(saved.entry, { head: now, hashAtCheckpointSeq }, saved.writtenAt));
      return { result: { ok: problems.length === 0, checked: verifier.checked, problems }, head: now };
    });
  }

  /** The local checkpoint file, or the problem that makes it unusable (an edited file is a finding, not an error). */
  async function localCheckpoint(path = checkpointPath): Promise<{ checkpoint: Checkpoint | null; problem: ChainProblem | null }> {
    try {
      return { checkpoint: await readCheckpointFile(path, await auditKey()), problem: null };
    } catch (error) {
      if (error instanceof CheckpointError) return { checkpoint: null, problem: { seq: null, problem: `${error.message} (${path})` } };
      throw error;
    }
  }

  const savedEntry = (checkpoint: Checkpoint | null, tenantId: string): SavedEntry | null => {
    const entry = checkpoint?.tenants[tenantId];
    return entry && checkpoint ? { entry, writtenAt: checkpoint.writtenAt } : null;
  };

  /** Writes (or moves forward) a checkpoint file from heads just verified; a broken workspace keeps its saved entry. */
  async function saveCheckpoint(path: string, saved: Checkpoint | null, heads: Record<string, CheckpointEntry>, broken: ReadonlySet<string>): Promise<Checkpoint> {
    const next = advanceCheckpoint(saved, heads, broken, clock());
    await writeCheckpointFile(path, next, await auditKey());
    return next;
  }

  /**
   * The app's own verification of one workspace (activity.verify): against the local checkpoint
   * too, which an intact trail then moves forward to its current head.
   */
  async function verify(tenantId: string): Promise<AuditVerification> {
    const local = await localCheckpoint();
    const { result, head } = await check(tenantId, savedEntry(local.checkpoint, tenantId));
    if (local.problem) return { ok: false, checked: result.checked, problems: [...result.problems, local.problem] };
    if (result.ok && head) await saveCheckpoint(checkpointPath, local.checkpoint, { [tenantId]: head }, new Set());
    return result;
  }

  /**
   * At close: the local checkpoint moves to every workspace's current head, without a full
   * verification (that is verify's job), but never over an entry the trail no longer extends.
   */
  async function checkpointHeads(): Promise<void> {
    const local = await localCheckpoint();
    if (local.problem) {
      log.warn(`audit checkpoint not updated: ${local.problem.problem}`);
      return;
    }
    const rows = await database.db.select().from(auditHeads);
    const heads: Record<string, CheckpointEntry> = {};
    const broken = new Set<string>();
    for (const head of rows) {
      heads[head.tenantId] = { seq: head.seq, hash: head.hash, keyedFromSeq: head.keyedFromSeq };
      const saved = local.checkpoint?.tenants[head.tenantId];
      if (!saved || saved.seq === 0) continue;
      const [atSeq] = await database.db
        .select({ hash: activity.hash })
        .from(activity)
        .where(and(eq(activity.tenantId, head.tenantId), eq(activity.seq, saved.seq)));
      if (checkpointProblems(saved, { head: heads[head.tenantId] ?? null, hashAtCheckpointSeq: atSeq?.hash ?? null }, '').length) broken.add(head.tenantId);
    }
    await saveCheckpoint(checkpointPath, local.checkpoint, heads, broken);
  }

  return { check, verify, localCheckpoint, savedEntry, saveCheckpoint, checkpointHeads, checkpointPath };
}

export type AuditVerificationService = ReturnType<typeof auditVerification>;
