import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activityHash } from '../../src-main/domain/audit-chain';
import { SUBKEY_INFO } from '../../src-main/security/key-provider';
import { CHECKPOINT_FILE_NAME } from '../../src-main/services/activity/audit-checkpoint';
import { engines, type TestApp } from '../support/engines';
import { openTestAppWithClock, testClock } from '../support/clock';
import { call, setUpWorkspace, STRONG_PASSWORD } from '../support/actors';
import { activityRows } from '../support/db';

type Engine = (typeof engines)[number];

/** Statements run behind the app's back with the append-only and forward-only triggers out of the way. */
async function tamper(engine: Engine, app: TestApp, statements: { sqlite: string; pg: string; params?: unknown[] }[]): Promise<void> {
  if (engine.name === 'sqlite') {
    const conn = new BetterSqlite3(join(app.deps.dataDir, 'partnerdesk.sqlite'));
    try {
      const triggers = conn.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('activity', 'audit_heads')").all() as { name: string; sql: string }[];
      expect(triggers.length).toBeGreaterThanOrEqual(4);
      for (const t of triggers) conn.exec(`DROP TRIGGER ${t.name}`);
      for (const s of statements) conn.prepare(s.sqlite).run(...(s.params ?? []));
      for (const t of triggers) conn.exec(t.sql);
    } finally {
      conn.close();
    }
    return;
  }
  await app.database.raw('ALTER TABLE activity DISABLE TRIGGER USER');
  await app.database.raw('ALTER TABLE audit_heads DISABLE TRIGGER USER');
  try {
    for (const s of statements) await app.database.raw(s.pg, s.params ?? []);
  } finally {
    await app.database.raw('ALTER TABLE activity ENABLE TRIGGER USER');
    await app.database.raw('ALTER TABLE audit_heads ENABLE TRIGGER USER');
  }
}

/** Sets a row's content and links, and (for the last one) the head, as an editor of the database would. */
function rewrite(tenantId: string, row: { seq: number; details: Record<string, unknown>; prevHash: string; hash: string }) {
  return {
    sqlite: 'UPDATE activity SET details = ?, prev_hash = ?, hash = ? WHERE tenant_id = ? AND seq = ?',
    pg: 'UPDATE activity SET details = $1::jsonb, prev_hash = $2, hash = $3 WHERE tenant_id = $4 AND seq = $5',
    params: [JSON.stringify(row.details), row.prevHash, row.hash, tenantId, row.seq],
  };
}
function setHead(tenantId: string, seq: number, hash: string) {
  return { sqlite: 'UPDATE audit_heads SET seq = ?, hash = ? WHERE tenant_id = ?', pg: 'UPDATE audit_heads SET seq = $1, hash = $2 WHERE tenant_id = $3', params: [seq, hash, tenantId] };
}

/**
 * The keyed audit chain (issue 9, point 7) on every engine: an edit re-chained without the key is
 * detected; verify reads one snapshot while writers run; a workspace with data and no trail fails;
 * a cut tail is caught by the checkpoint outside the database.
 */
describe.each(engines)('keyed audit chain on $name', (engine) => {
  let app: TestApp;
  let tenantId = '';
  let adminToken = '';

  beforeEach(async () => {
    app = await openTestAppWithClock(engine, testClock('2031-06-01T09:00:00.000Z'));
    const admin = await setUpWorkspace(app);
    ({ tenantId, token: adminToken } = admin);
    for (const name of ['Max', 'Mia', 'Moe']) {
      await call(app, 'staff.add', { name: `${name} Manager`, email: `${name.toLowerCase()}@acme.test`, role: 'manager', password: STRONG_PASSWORD }, adminToken);
    }
  });
  afterEach(async () => {
    await app?.dispose();
  });

  const verify = () => app.services.activity.verify(tenantId);

  /** Edits row `seq` and recomputes every later hash and the head, with `key` (null: plain SHA-256, as without the key). */
  async function editAndRechain(seq: number, key: Buffer | null): Promise<void> {
    const rows = await activityRows(app.database, tenantId);
    const statements = [];
    let prevHash = rows[seq - 2]?.hash ?? '0'.repeat(64);
    for (const row of rows.filter((r) => r.seq >= seq)) {
      const details = row.seq === seq ? { ...row.details, role: 'admin' } : row.details;
      const hash = activityHash(prevHash, { ...row, details }, key);
      statements.push(rewrite(tenantId, { seq: row.seq, details, prevHash, hash }));
      prevHash = hash;
    }
    statements.push(setHead(tenantId, rows.length, prevHash));
    await tamper(engine, app, statements);
  }

  it('detects an edit whose hashes and head were recomputed with plain SHA-256 (without the key)', async () => {
    const before = await verify();
    expect(before).toMatchObject({ ok: true, problems: [] });
    const total = before.checked;
    const staffAdded = (await activityRows(app.database, tenantId)).find((r) => r.action === 'staff.added' && r.details.role === 'manager');
    if (!staffAdded) throw new Error('no staff.added row');
    await editAndRechain(staffAdded.seq, null);
    const after = await app.services.activity.verification.check(tenantId);
    // The links and the head agree, yet every re-hashed row is refused: its hash is not the keyed one.
    expect(after.result.ok).toBe(false);
    expect(after.result.problems[0]).toEqual({ seq: staffAdded.seq, problem: 'row content was changed' });
    expect(after.result.problems.every((p) => p.problem === 'row content was changed')).toBe(true);
    expect(after.result.problems).toHaveLength(total - staffAdded.seq + 1);

    // The same forgery with the key verifies: the key, kept outside the database, is what the check rests on.
    await editAndRechain(staffAdded.seq, await app.deps.keys.getSubkey(SUBKEY_INFO.auditChain));
    expect((await app.services.activity.verification.check(tenantId)).result).toMatchObject({ ok: true });
  });

  it('verifies from one snapshot: intact every time while another task writes 200 entries', async () => {
    const actor = { type: 'system' as const, id: null, name: null };
    let writing = true;
    const writer = (async () => {
      try {
        for (let i = 0; i < 200; i++) {
          await app.database.write((tx) => app.services.activity.record(tx, { tenantId, actor, action: 'test.concurrent', resourceType: 'test', resourceId: String(i) }));
        }
      } finally {
        writing = false;
      }
    })();
    const results = [];
    while (writing) results.push(await app.services.activity.verification.check(tenantId));
    await writer;
    expect(results.length).toBeGreaterThan(2);
    for (const { result } of results) expect(result).toMatchObject({ ok: true, problems: [] });
    // They saw the trail grow, not one state over and over.
    expect(new Set(results.map((r) => r.result.checked)).size).toBeGreaterThan(1);
    expect(await verify()).toMatchObject({ ok: true, checked: results[0] ? expect.any(Number) : 0 });
  });

  it('fails when the workspace has data but no trail (entries and head removed)', async () => {
    await tamper(engine, app, [
      { sqlite: 'DELETE FROM activity WHERE tenant_id = ?', pg: 'DELETE FROM activity WHERE tenant_id = $1', params: [tenantId] },
      { sqlite: 'DELETE FROM audit_heads WHERE tenant_id = ?', pg: 'DELETE FROM audit_heads WHERE tenant_id = $1', params: [tenantId] },
    ]);
    expect(await app.services.activity.verification.check(tenantId)).toMatchObject({
      result: { ok: false, checked: 0, problems: [{ seq: null, problem: 'the workspace has data but no audit trail: its entries (and head) were removed' }] },
    });
    // A workspace id that holds nothing is not a finding.
    expect((await app.services.activity.verification.check('no-such-workspace')).result).toEqual({ ok: true, checked: 0, problems: [] });
  });

  it('detects a cut tail against the checkpoint, which a failed check never moves back', async () => {
    const intact = await verify();
    expect(intact.ok).toBe(true);
    const n = intact.checked;
    const rows = await activityRows(app.database, tenantId);
    // The newest two entries deleted and the head set back to the one before: a chain that agrees with itself.
    await tamper(engine, app, [
      { sqlite: 'DELETE FROM activity WHERE tenant_id = ? AND seq > ?', pg: 'DELETE FROM activity WHERE tenant_id = $1 AND seq > $2', params: [tenantId, n - 2] },
      setHead(tenantId, n - 2, rows[n - 3]?.hash ?? ''),
    ]);
    expect((await app.services.activity.verification.check(tenantId)).result).toEqual({ ok: true, checked: n - 2, problems: [] });

    const cut = { seq: n - 2, problem: expect.stringMatching(new RegExp(`^the trail was cut after seq ${n - 2}: the checkpoint of .+ saw ${n} entries$`)) };
    expect(await verify()).toEqual({ ok: false, checked: n - 2, problems: [cut] });
    // Neither the failed check nor the checkpoint written at close forgets the cut.
    await app.services.activity.verification.checkpointHeads();
    expect(await call(app, 'activity.verify', {}, adminToken)).toEqual({ ok: false, checked: expect.any(Number), problems: [cut] });
  });

  it('refuses a checkpoint file edited to match a cut trail', async () => {
    expect((await verify()).ok).toBe(true);
    const path = join(app.deps.dataDir, CHECKPOINT_FILE_NAME);
    const file = JSON.parse(readFileSync(path, 'utf8')) as { tenants: Record<string, { seq: number }> };
    const entry = file.tenants[tenantId];
    if (!entry) throw new Error('the workspace is not in the checkpoint');
    entry.seq -= 1;
    writeFileSync(path, JSON.stringify(file));
    expect(await verify()).toMatchObject({
      ok: false,
      problems: [{ seq: null, problem: expect.stringMatching(/^the checkpoint file was altered, or was signed with another data key/) }],
    });
  });
});

/**
 * `npm run verify-audit` on a desktop's data folder (SQLite; in team mode the same command runs
 * against DATABASE_URL with --checkpoint): it writes the checkpoint when all is intact, exports
 * one on request, and exits 1 on a cut tail, against the local or the exported checkpoint.
 */
describe('npm run verify-audit and its checkpoint', () => {
  const sqlite = engines.find((e) => e.name === 'sqlite') as Engine;
  let app: TestApp;
  let tenantId = '';
  beforeEach(async () => {
    app = await openTestAppWithClock(sqlite, testClock('2031-06-01T09:00:00.000Z'));
    ({ tenantId } = await setUpWorkspace(app));
  });
  afterEach(async () => {
    await app?.dispose();
  });

  function verifyAudit(...args: string[]): { status: number | null; out: string } {
    const { DATABASE_URL: _teamMode, ...env } = process.env;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/verify-audit.ts', ...args], {
      env: { ...env, PARTNERDESK_DATA_DIR: app.deps.dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: run.status, out: `${run.stdout}${run.stderr}` };
  }

  it('checkpoints an intact trail and exports the checkpoint', () => {
    const exported = join(app.deps.dataDir, 'exported-checkpoint.json');
    const first = verifyAudit('--export-checkpoint', exported);
    expect(first.out).toMatch(/OK {5}Acme Partners: 3 entries/);
    expect(first.out).toContain(`Checkpoint exported to ${exported}`);
    expect(first.status).toBe(0);
    const local = JSON.parse(readFileSync(join(app.deps.dataDir, CHECKPOINT_FILE_NAME), 'utf8')) as { tenants: Record<string, { seq: number }> };
    expect(local.tenants[tenantId]?.seq).toBe(3);
    expect(JSON.parse(readFileSync(exported, 'utf8'))).toMatchObject({ v: 1, tenants: { [tenantId]: { seq: 3 } }, mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('exits 1 when the newest entries were cut, naming the seq', async () => {
    const exported = join(app.deps.dataDir, 'exported-checkpoint.json');
    expect(verifyAudit('--export-checkpoint', exported).status).toBe(0);
    const rows = await activityRows(app.database, tenantId);
    await tamper(sqlite, app, [
      { sqlite: 'DELETE FROM activity WHERE tenant_id = ? AND seq > 1', pg: '', params: [tenantId] },
      setHead(tenantId, 1, rows[0]?.hash ?? ''),
    ]);
    const local = verifyAudit();
    expect(local.status).toBe(1);
    expect(local.out).toMatch(/BROKEN Acme Partners: 1 entries\n\s+seq 1: the trail was cut after seq 1: the checkpoint of \S+ saw 3 entries/);
    // The failed run kept the local checkpoint where it was: the next run still fails.
    expect(verifyAudit().status).toBe(1);
    // The exported checkpoint (kept elsewhere, e.g. by another machine of a team) tells the same.
    const fromExport = verifyAudit('--checkpoint', exported);
    expect(fromExport.status).toBe(1);
    expect(fromExport.out).toContain('the trail was cut after seq 1');
  });
});
