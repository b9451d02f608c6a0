import { createHash, createHmac } from 'node:crypto';
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

/** How a chain is hashed: the audit key, and the first seq it applies to (older rows are plain SHA-256). */
export interface ChainKeying {
  key: Buffer;
  keyedFromSeq: number;
}

/**
 * The hash of one entry: HMAC-SHA-256 under `key`, or plain SHA-256 when `key` is null (only for
 * entries older than the keyed chain; see ChainKeying).
 */
export function activityHash(prevHash: string, row: ChainedContent, key: Buffer | null): string {
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
  const digest = key ? createHmac('sha256', key) : createHash('sha256');
  return digest.update(prevHash).update('\n').update(body ?? '').digest('hex');
}

/** The hash an entry of this seq gets under the chain's keying. */
export function chainHash(prevHash: string, row: ChainedContent, keying: ChainKeying): string {
  return activityHash(prevHash, row, row.seq >= keying.keyedFromSeq ? keying.key : null);
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
  constructor(private readonly keying: ChainKeying) {}
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
    if (chainHash(row.prevHash, row, this.keying) !== row.hash) this.problems.push({ seq: row.seq, problem: 'row content was changed' });
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
