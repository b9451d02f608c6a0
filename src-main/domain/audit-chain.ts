import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The per-tenant hash chain of the audit trail. Each row's hash covers its own content and the
 * previous row's hash, so editing, inserting or deleting any row outside the app breaks the
 * chain from that point on. Canonical JSON (RFC 8785) makes the hash independent of key order,
 * which Postgres jsonb does not preserve.
 */

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedContent {
  tenantId: string;
  seq: number;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  details: Record<string, unknown>;
}

export function activityHash(prevHash: string, row: ChainedContent): string {
  const body = canonicalize({
    tenantId: row.tenantId,
    seq: row.seq,
    at: row.at.getTime(),
    actorType: row.actorType,
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    details: row.details,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body ?? '').digest('hex');
}

export interface StoredLink extends ChainedContent {
  prevHash: string;
  hash: string;
}

export interface ChainProblem {
  seq: number | null;
  problem: string;
}

/**
 * Walks rows in seq order (possibly in batches: pass the state back in) and reports every break.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  readonly problems: ChainProblem[] = [];
  checked = 0;

  push(row: StoredLink): void {
    this.checked++;
    if (row.seq !== this.expectedSeq) {
      this.problems.push({
        seq: row.seq,
        problem: row.seq > this.expectedSeq ? `rows ${this.expectedSeq}–${row.seq - 1} are missing` : `sequence ${row.seq} is repeated`,
      });
    }
    if (row.prevHash !== this.prevHash) this.problems.push({ seq: row.seq, problem: 'link to the previous row is broken' });
    if (activityHash(row.prevHash, row) !== row.hash) this.problems.push({ seq: row.seq, problem: 'row content was changed' });
    this.expectedSeq = row.seq + 1;
    this.prevHash = row.hash;
  }

  /** Compares the end of the walk with the recorded head, which catches deletion of the newest rows. */
  finish(head: { seq: number; hash: string } | null): ChainProblem[] {
    const lastSeq = this.expectedSeq - 1;
    if (!head && lastSeq > 0) {
      this.problems.push({ seq: null, problem: 'the chain head record is missing' });
    } else if (head && (head.seq !== lastSeq || (lastSeq > 0 && head.hash !== this.prevHash))) {
      this.problems.push({ seq: head.seq, problem: `the chain ends at ${lastSeq} but ${head.seq} rows were written` });
    }
    return this.problems;
  }
}
