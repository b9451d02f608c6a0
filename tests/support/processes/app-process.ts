import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createAppOn } from '../../../src-main/app';
import { openPostgres } from '../../../src-main/data/engines/postgres';

/**
 * A second PartnerDesk process on the same Postgres store as the test: it opens the schema the
 * test names (PD_TEST_SCHEMA on DATABASE_URL) and answers dispatch calls, one JSON line in
 * (`{ id, name, input, token }`), one JSON line out (`{ id, outcome }`). Started by
 * tests/support/second-process.ts.
 */
const url = process.env.DATABASE_URL;
const schema = process.env.PD_TEST_SCHEMA;
if (!url || !schema) throw new Error('DATABASE_URL and PD_TEST_SCHEMA are required');
const dataDir = mkdtempSync(join(tmpdir(), 'partnerdesk-second-'));
const app = createAppOn(await openPostgres(url, { searchPath: schema }), dataDir);

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const { id, name, input, token } = JSON.parse(line) as { id: number; name: string; input: unknown; token: string | null };
  void app.dispatch(name, input, { token, clientKey: 'second-process' }).then((outcome) => process.stdout.write(`${JSON.stringify({ id, outcome })}\n`));
});
lines.on('close', () => {
  void app.close().then(() => rmSync(dataDir, { recursive: true, force: true }));
});
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
