import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import canonicalize from 'canonicalize';
import type { ChainProblem } from '../../domain/audit-chain';

/*
 * The head checkpoint kept outside the database. The chain proves that the rows agree with the
 * head, but someone who deletes the newest rows and sets the head back (triggers dropped) leaves
 * a shorter chain that agrees with itself. A checkpoint remembers, per workspace, a head the app
 * saw earlier (seq, hash, keyed_from_seq); a trail now behind it, or with another entry at its
 * seq, was cut or rewritten. The file is signed with an HMAC under the audit key, so it cannot be
 * edited to match a cut trail without the key. This module is plain: no database, only the file.
 */

export const CHECKPOINT_FILE_NAME = 'audit-checkpoint.json';

export interface CheckpointEntry {
  seq: number;
  hash: string;
  keyedFromSeq: number;
}

export interface Checkpoint {
  v: 1;
  writtenAt: string;
  tenants: Record<string, CheckpointEntry>;
}

/** A checkpoint file that cannot be trusted: unreadable, of an unknown form, or not signed by this key. */
export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

/** Domain separation: a MAC over a checkpoint can never be mistaken for a chain hash under the same key. */
const MAC_LABEL = 'partnerdesk audit checkpoint v1\n';

function macOf(checkpoint: Checkpoint, key: Buffer): string {
  const body = canonicalize({ v: checkpoint.v, writtenAt: checkpoint.writtenAt, tenants: checkpoint.tenants }) ?? '';
  return createHmac('sha256', key).update(MAC_LABEL).update(body).digest('hex');
}

export function encodeCheckpoint(checkpoint: Checkpoint, key: Buffer): string {
  return `${JSON.stringify({ ...checkpoint, mac: macOf(checkpoint, key) }, null, 2)}\n`;
}

function isEntry(value: unknown): value is CheckpointEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return Number.isSafeInteger(e.seq) && (e.seq as number) >= 0 && typeof e.hash === 'string' && /^[0-9a-f]{64}$/.test(e.hash) && Number.isSafeInteger(e.keyedFromSeq);
}

/** The checkpoint a file's text holds, once its form and signature are checked. */
export function decodeCheckpoint(text: string, key: Buffer): Checkpoint {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CheckpointError('the checkpoint file is not valid JSON');
  }
  const p = parsed as Record<string, unknown> | null;
  const tenants = p?.tenants as Record<string, unknown> | undefined;
  if (!p || p.v !== 1 || typeof p.writtenAt !== 'string' || typeof p.mac !== 'string' || typeof tenants !== 'object' || tenants === null || !Object.values(tenants).every(isEntry)) {
    throw new CheckpointError('the checkpoint file is damaged or of an unknown version');
  }
  const checkpoint: Checkpoint = { v: 1, writtenAt: p.writtenAt, tenants: tenants as Record<string, CheckpointEntry> };
  const expected = Buffer.from(macOf(checkpoint, key), 'hex');
  const given = Buffer.from(p.mac, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new CheckpointError('the checkpoint file was altered, or was signed with another data key');
  }
  return checkpoint;
}

/** The checkpoint at `path`; null when there is none yet. */
export async function readCheckpointFile(path: string, key: Buffer): Promise<Checkpoint | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null;
    throw new CheckpointError(`the checkpoint file ${path} cannot be read`);
  }
  return decodeCheckpoint(text, key);
}

/** Written beside and renamed into place, so a crash never leaves half a checkpoint. */
export async function writeCheckpointFile(path: string, checkpoint: Checkpoint, key: Buffer): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, encodeCheckpoint(checkpoint, key), { mode: 0o600, flag: 'wx', flush: true });
    await rename(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
}

/** What the trail holds now, read in one snapshot with the chain. */
export interface TrailNow {
  head: CheckpointEntry | null;
  /** The stored hash of the entry at the checkpoint's seq; null when there is no such entry. */
  hashAtCheckpointSeq: string | null;
}

/** The breaks a checkpoint reveals in a trail (an empty list: the trail still extends it). */
export function checkpointProblems(saved: CheckpointEntry, now: TrailNow, writtenAt: string): ChainProblem[] {
  if (saved.seq === 0) return [];
  const when = `the checkpoint of ${writtenAt}`;
  const problems: ChainProblem[] = [];
  const headSeq = now.head?.seq ?? 0;
  if (headSeq < saved.seq) {
    problems.push({ seq: headSeq, problem: `the trail was cut after seq ${headSeq}: ${when} saw ${saved.seq} entries` });
  } else if (now.hashAtCheckpointSeq !== saved.hash) {
    problems.push({ seq: saved.seq, problem: `the entry at seq ${saved.seq} is not the one ${when} saw: the trail was rewritten` });
  }
  if (now.head && now.head.keyedFromSeq !== saved.keyedFromSeq) {
    problems.push({ seq: null, problem: `the chain's keyed start moved from seq ${saved.keyedFromSeq} to ${now.head.keyedFromSeq}` });
  }
  return problems;
}

/**
 * The next checkpoint: each workspace at the head seen now, except one whose trail no longer
 * extends its saved entry (`broken`), which keeps the saved entry, so a cut is never forgotten by
 * writing over it. Workspaces only in the saved checkpoint stay in it for the same reason.
 */
export function advanceCheckpoint(saved: Checkpoint | null, heads: Record<string, CheckpointEntry>, broken: ReadonlySet<string>, at: Date): Checkpoint {
  const tenants: Record<string, CheckpointEntry> = { ...(saved?.tenants ?? {}) };
  for (const [tenantId, head] of Object.entries(heads)) {
    if (!broken.has(tenantId)) tenants[tenantId] = head;
  }
  return { v: 1, writtenAt: at.toISOString(), tenants };
}
