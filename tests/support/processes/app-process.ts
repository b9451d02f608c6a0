import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createAppOn } from '../../../src-main/app';
import { openPostgres } from '../../../src-main/data/engines/postgres';
import { openSqlite } from '../../../src-main/data/engines/sqlite';
import { gateWrites } from '../write-gate';

/**
 * A second PartnerDesk process on the same store as the test: the Postgres schema the test names
 * (PD_TEST_SCHEMA on DATABASE_URL, with the test's data folder when it passes one), or the SQLite file (PD_TEST_SQLITE) with the test's data
 * folder (PD_TEST_DATA_DIR: the key file lives there). It answers dispatch calls, one JSON line in
 * (`{ id, name, input, token }`), one JSON line out (`{ id, outcome }`); `{ id, control: 'hold-writes' |
 * 'release-writes' }` holds its writes back or lets them go (answered `{ id, done: true }`). Started by
 * tests/support/second-process.ts.
 */
const url = process.env.DATABASE_URL;
const schema = process.env.PD_TEST_SCHEMA;
const sqliteFile = process.env.PD_TEST_SQLITE;
if (!sqliteFile && (!url || !schema)) throw new Error('PD_TEST_SQLITE, or DATABASE_URL and PD_TEST_SCHEMA, are required');
const ownDataDir = process.env.PD_TEST_DATA_DIR ? null : mkdtempSync(join(tmpdir(), 'partnerdesk-second-'));
const dataDir = ownDataDir ?? process.env.PD_TEST_DATA_DIR;
if (!dataDir) throw new Error('PD_TEST_DATA_DIR is required with PD_TEST_SQLITE');
const gate = gateWrites(sqliteFile ? openSqlite(sqliteFile) : await openPostgres(url ?? '', { searchPath: schema ?? '' }));
const app = createAppOn(gate.database, dataDir);

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const { id, name, input, token, control } = JSON.parse(line) as { id: number; name: string; input: unknown; token: string | null; control?: 'hold-writes' | 'release-writes' };
  if (control) {
    if (control === 'hold-writes') gate.hold();
    else gate.release();
    process.stdout.write(`${JSON.stringify({ id, done: true })}\n`);
    return;
  }
  void app.dispatch(name, input, { token, clientKey: 'second-process' }).then((outcome) => process.stdout.write(`${JSON.stringify({ id, outcome })}\n`));
});
lines.on('close', () => {
  void app.close().then(() => ownDataDir && rmSync(ownDataDir, { recursive: true, force: true }));
});
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
