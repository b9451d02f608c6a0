import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  advanceCheckpoint,
  CheckpointError,
  checkpointProblems,
  decodeCheckpoint,
  encodeCheckpoint,
  readCheckpointFile,
  writeCheckpointFile,
  type Checkpoint,
} from '../../src-main/services/activity/audit-checkpoint';

const KEY = Buffer.alloc(32, 1);
const h = (c: string) => c.repeat(64);
const checkpoint: Checkpoint = { v: 1, writtenAt: '2031-06-01T09:00:00.000Z', tenants: { a: { seq: 10, hash: h('a'), keyedFromSeq: 1 }, b: { seq: 3, hash: h('b'), keyedFromSeq: 2 } } };

describe('checkpoint file form', () => {
  it('round-trips, signed, and refuses any edit, another key, or another shape', () => {
    const text = encodeCheckpoint(checkpoint, KEY);
    expect(decodeCheckpoint(text, KEY)).toEqual(checkpoint);
    const edited = JSON.parse(text) as { tenants: { a: { seq: number } } };
    edited.tenants.a.seq = 8;
    expect(() => decodeCheckpoint(JSON.stringify(edited), KEY)).toThrow(CheckpointError);
    expect(() => decodeCheckpoint(text, Buffer.alloc(32, 2))).toThrow(/signed with another data key/);
    expect(() => decodeCheckpoint('not json', KEY)).toThrow(/not valid JSON/);
    expect(() => decodeCheckpoint(JSON.stringify({ v: 2, writtenAt: 'x', tenants: {}, mac: 'x' }), KEY)).toThrow(/unknown version/);
    expect(() => decodeCheckpoint(JSON.stringify({ ...JSON.parse(text), tenants: { a: { seq: -1, hash: h('a'), keyedFromSeq: 1 } } }), KEY)).toThrow(/damaged/);
  });

  describe('on disk', () => {
    let dir = '';
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    it('is absent (null) until written; written 0600 and read back; a damaged file is an error', async () => {
      dir = mkdtempSync(join(tmpdir(), 'h3-checkpoint-'));
      const path = join(dir, 'audit-checkpoint.json');
      expect(await readCheckpointFile(path, KEY)).toBeNull();
      await writeCheckpointFile(path, checkpoint, KEY);
      expect(await readCheckpointFile(path, KEY)).toEqual(checkpoint);
      if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
      writeFileSync(path, readFileSync(path, 'utf8').replace(h('a'), h('c')));
      await expect(readCheckpointFile(path, KEY)).rejects.toThrow(CheckpointError);
    });
  });
});

describe('checkpointProblems', () => {
  const saved = { seq: 10, hash: h('a'), keyedFromSeq: 1 };
  const at = '2031-06-01T09:00:00.000Z';
  it('accepts a trail that still holds the entry and grew past it', () => {
    expect(checkpointProblems(saved, { head: { seq: 10, hash: h('a'), keyedFromSeq: 1 }, hashAtCheckpointSeq: h('a') }, at)).toEqual([]);
    expect(checkpointProblems(saved, { head: { seq: 25, hash: h('f'), keyedFromSeq: 1 }, hashAtCheckpointSeq: h('a') }, at)).toEqual([]);
    expect(checkpointProblems({ seq: 0, hash: h('0'), keyedFromSeq: 1 }, { head: null, hashAtCheckpointSeq: null }, at)).toEqual([]);
  });
  it('reports a cut tail, a missing head, a rewritten entry and a moved keyed start', () => {
    expect(checkpointProblems(saved, { head: { seq: 7, hash: h('7'), keyedFromSeq: 1 }, hashAtCheckpointSeq: null }, at)).toEqual([
      { seq: 7, problem: `the trail was cut after seq 7: the checkpoint of ${at} saw 10 entries` },
    ]);
    expect(checkpointProblems(saved, { head: null, hashAtCheckpointSeq: null }, at)).toEqual([{ seq: 0, problem: `the trail was cut after seq 0: the checkpoint of ${at} saw 10 entries` }]);
    expect(checkpointProblems(saved, { head: { seq: 12, hash: h('c'), keyedFromSeq: 1 }, hashAtCheckpointSeq: h('b') }, at)).toEqual([
      { seq: 10, problem: `the entry at seq 10 is not the one the checkpoint of ${at} saw: the trail was rewritten` },
    ]);
    expect(checkpointProblems(saved, { head: { seq: 12, hash: h('c'), keyedFromSeq: 11 }, hashAtCheckpointSeq: h('a') }, at)).toEqual([
      { seq: null, problem: "the chain's keyed start moved from seq 1 to 11" },
    ]);
  });
});

describe('advanceCheckpoint', () => {
  it('moves intact workspaces to their heads, keeps a broken one and one no longer listed', () => {
    const next = advanceCheckpoint(checkpoint, { a: { seq: 12, hash: h('c'), keyedFromSeq: 1 }, b: { seq: 1, hash: h('d'), keyedFromSeq: 2 }, c: { seq: 1, hash: h('e'), keyedFromSeq: 1 } }, new Set(['b']), new Date('2031-06-02T00:00:00.000Z'));
    expect(next).toEqual({
      v: 1,
      writtenAt: '2031-06-02T00:00:00.000Z',
      tenants: { a: { seq: 12, hash: h('c'), keyedFromSeq: 1 }, b: checkpoint.tenants.b, c: { seq: 1, hash: h('e'), keyedFromSeq: 1 } },
    });
    expect(advanceCheckpoint(null, {}, new Set(), new Date(0)).tenants).toEqual({});
    expect(advanceCheckpoint(checkpoint, {}, new Set(), new Date(0)).tenants).toEqual(checkpoint.tenants);
  });
});
