// A process that opens a SQLite store, writes until a checkpoint has run on the worker thread, closes it, and says so.
// tests/services/sqlite-checkpoint.test.ts runs it: with nothing else to wait for, the close must still finish.
import { join } from 'node:path';
import { openSqlite } from '../../src-main/data/engines/sqlite';

const db = openSqlite(join(process.argv[2] as string, 'partnerdesk.sqlite'), { checkpoint: { idleMs: 10, maxWaitMs: 20 } });
for (let i = 0; i < 200; i++) await db.write((tx) => tx.insert(db.t.activityFacets).values({ tenantId: 't', kind: 'close', value: String(i), label: 'x'.repeat(3000) }));
await new Promise((resolve) => setTimeout(resolve, 200));
await db.close();
process.stdout.write('closed\n');
