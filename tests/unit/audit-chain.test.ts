import { describe, expect, it } from 'vitest';
import { createKeyProvider, deriveSubkey, SUBKEY_INFO } from '../../src-main/security/key-provider';
import { dataKeyFrom } from '../../src-main/security/secret-box';
import { activityHash, chainHash, ChainVerifier, GENESIS_HASH, type ChainedContent, type ChainKeying, type StoredLink } from '../../src-main/domain/audit-chain';

const KEY = Buffer.alloc(32, 7);
const KEYING: ChainKeying = { key: KEY, keyedFromSeq: 1 };

const base: ChainedContent = {
  tenantId: 'tenant-1',
  seq: 1,
  at: new Date('2031-01-02T03:04:05.678Z'),
  actorType: 'staff',
  actorId: 'user-1',
  actorName: 'Ada Admin',
  action: 'staff.added',
  resourceType: 'staff_user',
  resourceId: 'user-2',
  details: { email: 'max@acme.test', role: 'manager', nested: { a: 1, b: [1, 2, { c: 'd' }] } },
};

/** A well-formed chain of n rows, linked the way the audit service writes them. */
function chain(n: number, tenantId = 'tenant-1', keying: ChainKeying = KEYING): StoredLink[] {
  const rows: StoredLink[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content: ChainedContent = { ...base, tenantId, seq, at: new Date(base.at.getTime() + seq * 1000), details: { step: seq } };
    const hash = chainHash(prevHash, content, keying);
    rows.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

function verify(
  rows: StoredLink[],
  head: { seq: number; hash: string } | null = rows.length ? { seq: rows.length, hash: rows[rows.length - 1]?.hash ?? '' } : null,
  keying: ChainKeying = KEYING,
) {
  const v = new ChainVerifier(keying);
  for (const r of rows) v.push(r);
  return { problems: v.finish(head), checked: v.checked };
}

describe('activityHash', () => {
  it('is an HMAC-SHA-256 hex digest, stable for the same content', () => {
    const h = activityHash(GENESIS_HASH, base, KEY);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(activityHash(GENESIS_HASH, { ...base, details: structuredClone(base.details), at: new Date(base.at) }, KEY)).toBe(h);
  });

  it('does not depend on key order, at any depth (Postgres jsonb reorders keys)', () => {
    const reordered: ChainedContent = {
      details: { nested: { b: [1, 2, { c: 'd' }], a: 1 }, role: 'manager', email: 'max@acme.test' },
      resourceId: base.resourceId,
      resourceType: base.resourceType,
      action: base.action,
      actorName: base.actorName,
      actorId: base.actorId,
      actorType: base.actorType,
      at: base.at,
      seq: base.seq,
      tenantId: base.tenantId,
    };
    expect(activityHash(GENESIS_HASH, reordered, KEY)).toBe(activityHash(GENESIS_HASH, base, KEY));
  });

  it('changes when any part of the row or the previous hash changes', () => {
    const h = activityHash(GENESIS_HASH, base, KEY);
    const variants: ChainedContent[] = [
      { ...base, tenantId: 'tenant-2' },
      { ...base, seq: 2 },
      { ...base, at: new Date(base.at.getTime() + 1) },
      { ...base, actorType: 'system' },
      { ...base, actorId: null },
      { ...base, actorName: 'Ada  Admin' },
      { ...base, action: 'staff.removed' },
      { ...base, resourceType: 'workspace' },
      { ...base, resourceId: null },
      { ...base, details: { ...base.details, role: 'admin' } },
      { ...base, details: { ...base.details, extra: true } },
      { ...base, details: { ...base.details, nested: { a: 1, b: [2, 1, { c: 'd' }] } } }, // array order matters
    ];
    const hashes = variants.map((v) => activityHash(GENESIS_HASH, v, KEY));
    for (const [i, x] of hashes.entries()) expect(x, `variant ${i}`).not.toBe(h);
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(activityHash('f'.repeat(64), base, KEY)).not.toBe(h);
  });

  it('keeps field boundaries: moving text between fields changes the hash', () => {
    const a = activityHash(GENESIS_HASH, { ...base, action: 'staff.add', resourceType: 'edstaff_user' }, KEY);
    const b = activityHash(GENESIS_HASH, { ...base, action: 'staff.added', resourceType: 'staff_user' }, KEY);
    expect(a).not.toBe(b);
  });
});

describe('ChainVerifier', () => {
  it('accepts an intact chain, an empty one, and one checked in batches', () => {
    const rows = chain(6);
    expect(verify(rows)).toEqual({ problems: [], checked: 6 });
    expect(verify([], null)).toEqual({ problems: [], checked: 0 });
    expect(verify([], { seq: 0, hash: GENESIS_HASH })).toEqual({ problems: [], checked: 0 });
    const v = new ChainVerifier(KEYING);
    for (const r of rows.slice(0, 3)) v.push(r);
    for (const r of rows.slice(3)) v.push(r);
    expect(v.finish({ seq: 6, hash: rows[5]?.hash ?? '' })).toEqual([]);
  });

  it('detects a changed row, and names only that row', () => {
    const rows = chain(5);
    rows[2] = { ...(rows[2] as StoredLink), details: { step: 3, amount: 1_000_000 } };
    expect(verify(rows).problems).toEqual([{ seq: 3, problem: 'row content was changed' }]);
  });

  it('detects a changed row whose hash was recomputed: the next link breaks', () => {
    const rows = chain(5);
    const forged = { ...(rows[2] as StoredLink), actorName: 'Someone Else' };
    forged.hash = activityHash(forged.prevHash, forged, KEY);
    rows[2] = forged;
    expect(verify(rows, { seq: 5, hash: rows[4]?.hash ?? '' }).problems).toEqual([{ seq: 4, problem: 'link to the previous row is broken' }]);
  });

  it('detects a missing row in the middle', () => {
    const rows = chain(5);
    rows.splice(2, 1);
    expect(verify(rows, { seq: 5, hash: rows[3]?.hash ?? '' }).problems).toEqual([
      { seq: 4, problem: 'rows 3–3 are missing' },
      { seq: 4, problem: 'link to the previous row is broken' },
    ]);
  });

  it('detects several missing rows, and missing first rows', () => {
    const rows = chain(6);
    expect(verify([rows[0], rows[4], rows[5]] as StoredLink[], { seq: 6, hash: rows[5]?.hash ?? '' }).problems).toEqual([
      { seq: 5, problem: 'rows 2–4 are missing' },
      { seq: 5, problem: 'link to the previous row is broken' },
    ]);
    expect(verify(rows.slice(2), { seq: 6, hash: rows[5]?.hash ?? '' }).problems).toEqual([
      { seq: 3, problem: 'rows 1–2 are missing' },
      { seq: 3, problem: 'link to the previous row is broken' },
    ]);
  });

  it('detects a repeated row', () => {
    const rows = chain(4);
    const withRepeat = [rows[0], rows[1], rows[2], rows[2], rows[3]] as StoredLink[];
    expect(verify(withRepeat, { seq: 4, hash: rows[3]?.hash ?? '' }).problems).toEqual([
      { seq: 3, problem: 'sequence 3 is repeated' },
      { seq: 3, problem: 'link to the previous row is broken' },
    ]);
  });

  it('detects a truncated head (newest rows deleted) against the recorded head', () => {
    const rows = chain(6);
    expect(verify(rows.slice(0, 4), { seq: 6, hash: rows[5]?.hash ?? '' }).problems).toEqual([{ seq: 6, problem: 'the chain ends at 4 but 6 rows were written' }]);
    expect(verify([], { seq: 6, hash: rows[5]?.hash ?? '' }).problems).toEqual([{ seq: 6, problem: 'the chain ends at 0 but 6 rows were written' }]);
  });

  it('detects a newest row replaced wholesale (same seq, different hash than the head)', () => {
    const rows = chain(4);
    const replaced = { ...(rows[3] as StoredLink), action: 'nothing.happened' };
    replaced.hash = activityHash(replaced.prevHash, replaced, KEY);
    expect(verify([...rows.slice(0, 3), replaced], { seq: 4, hash: rows[3]?.hash ?? '' }).problems).toEqual([{ seq: 4, problem: 'the chain ends at 4 but 4 rows were written' }]);
  });

  it('detects a row moved in from another tenant', () => {
    const mine = chain(3);
    const theirs = chain(3, 'tenant-2');
    expect(verify([mine[0], theirs[1], mine[2]] as StoredLink[], { seq: 3, hash: mine[2]?.hash ?? '' }).problems).toEqual([
      { seq: 2, problem: 'link to the previous row is broken' },
      { seq: 3, problem: 'link to the previous row is broken' },
    ]);
  });

  it('detects a first row that does not start from the genesis hash', () => {
    const rows = chain(2);
    const first = { ...(rows[0] as StoredLink), prevHash: 'a'.repeat(64) };
    first.hash = activityHash(first.prevHash, first, KEY);
    expect(verify([first], { seq: 1, hash: first.hash }).problems).toEqual([{ seq: 1, problem: 'link to the previous row is broken' }]);
  });

  it('detects an edit whose whole chain and head were recomputed without the key (plain SHA-256)', () => {
    const rows = chain(5);
    // Someone with the database but not the key edits row 3 and re-chains from there on, head included.
    const forged: StoredLink[] = rows.slice(0, 2);
    let prevHash = rows[1]?.hash ?? '';
    for (const r of rows.slice(2)) {
      const content = r.seq === 3 ? { ...r, details: { step: 3, amount: 1_000_000 } } : r;
      const hash = activityHash(prevHash, content, null);
      forged.push({ ...content, prevHash, hash });
      prevHash = hash;
    }
    expect(verify(forged, { seq: 5, hash: prevHash }).problems).toEqual([3, 4, 5].map((seq) => ({ seq, problem: 'row content was changed' })));
    // Under another key it fails the same way: the key, not the formula, is what makes a hash valid.
    expect(verify(chain(3, 'tenant-1', { key: Buffer.alloc(32, 8), keyedFromSeq: 1 })).problems).toHaveLength(3);
  });

  it('verifies rows before keyed_from_seq as plain SHA-256 and every later one as keyed', () => {
    const mixed = chain(5, 'tenant-1', { key: KEY, keyedFromSeq: 4 });
    expect(verify(mixed, undefined, { key: KEY, keyedFromSeq: 4 }).problems).toEqual([]);
    expect(activityHash(mixed[0]?.prevHash ?? '', mixed[0] as StoredLink, null)).toBe(mixed[0]?.hash);
    // The same rows read as all keyed: the three plain ones are reported.
    expect(verify(mixed).problems).toEqual([1, 2, 3].map((seq) => ({ seq, problem: 'row content was changed' })));
    // A plain hash from keyed_from_seq on is refused even when the links agree.
    const downgraded = chain(5, 'tenant-1', { key: KEY, keyedFromSeq: 6 });
    expect(verify(downgraded, undefined, { key: KEY, keyedFromSeq: 4 }).problems).toEqual([4, 5].map((seq) => ({ seq, problem: 'row content was changed' })));
  });
});

describe('the audit key', () => {
  it('is derived from the data key, one per purpose, the same on every machine with that key', async () => {
    const dataKey = dataKeyFrom(Buffer.alloc(32, 9));
    const audit = deriveSubkey(dataKey, SUBKEY_INFO.auditChain);
    expect(audit).toHaveLength(32);
    expect(deriveSubkey(dataKeyFrom(Buffer.alloc(32, 9)), SUBKEY_INFO.auditChain).equals(audit)).toBe(true);
    expect(audit.equals(dataKey.key)).toBe(false);
    expect(deriveSubkey(dataKey, SUBKEY_INFO.bankingFingerprint).equals(audit)).toBe(false);
    expect(deriveSubkey(dataKeyFrom(Buffer.alloc(32, 8)), SUBKEY_INFO.auditChain).equals(audit)).toBe(false);
    // The provider hands out the same derivation (cached) for the key it holds.
    const provider = createKeyProvider({ dataDir: '/nonexistent', wrapper: null, env: { PARTNERDESK_DATA_KEY: Buffer.alloc(32, 9).toString('base64') } });
    expect((await provider.getSubkey(SUBKEY_INFO.auditChain)).equals(audit)).toBe(true);
  });
});
