import { resolve } from 'node:path';
import { createApp } from '../app';
import { configFromEnv } from '../config';
import type { CheckpointEntry } from '../services/activity/audit-checkpoint';

/**
 * `npm run verify-audit`: recomputes every workspace's keyed audit chain and compares each head
 * with the signed checkpoint (<dataDir>/audit-checkpoint.json, or `--checkpoint <file>`, e.g. one
 * exported on another machine of a team). Exits 1 on any break. When all is intact the local
 * checkpoint moves forward to the heads just verified, and `--export-checkpoint <file>` writes
 * them to a file to keep elsewhere.
 */
function option(name: string): string | null {
  const i = process.argv.indexOf(name);
  if (i < 0) return null;
  const value = process.argv[i + 1];
  if (!value || value.startsWith('--')) {
    console.error(`${name} needs a file name`);
    process.exit(2);
  }
  return resolve(value);
}

const checkpointFrom = option('--checkpoint');
const exportTo = option('--export-checkpoint');

const app = await createApp(configFromEnv());
let broken = 0;
try {
  const { database } = app;
  const v = app.services.activity.verification;
  const local = await v.localCheckpoint(checkpointFrom ?? v.checkpointPath);
  if (local.problem) {
    console.log(`BROKEN checkpoint: ${local.problem.problem}`);
    broken++;
  } else if (local.checkpoint) {
    console.log(`Comparing with the checkpoint of ${local.checkpoint.writtenAt} (${checkpointFrom ?? v.checkpointPath})`);
  }
  const rows = await database.db.select({ id: database.t.tenants.id, name: database.t.tenants.name }).from(database.t.tenants);
  const tenants = [...rows, { id: '_system', name: '(no workspace: sign-ins of unknown e-mails)' }];
  // A workspace the checkpoint knows but the database no longer has was removed with its trail.
  for (const id of Object.keys(local.checkpoint?.tenants ?? {})) if (!tenants.some((t) => t.id === id)) tenants.push({ id, name: `(workspace ${id}, in the checkpoint only)` });
  const heads: Record<string, CheckpointEntry> = {};
  const brokenTenants = new Set<string>();
  for (const tenant of tenants) {
    const { result, head } = await v.check(tenant.id, v.savedEntry(local.checkpoint, tenant.id));
    console.log(`${result.ok ? 'OK    ' : 'BROKEN'} ${tenant.name}: ${result.checked} entries`);
    for (const p of result.problems) console.log(`         seq ${p.seq ?? '-'}: ${p.problem}`);
    if (head) heads[tenant.id] = head;
    if (!result.ok) {
      broken++;
      brokenTenants.add(tenant.id);
    }
  }
  if (!local.problem) {
    // The local checkpoint keeps what it saw for a broken workspace, so the break stays visible.
    const saved = checkpointFrom ? await v.localCheckpoint() : local;
    if (!saved.problem) await v.saveCheckpoint(v.checkpointPath, saved.checkpoint, heads, brokenTenants);
  }
  if (exportTo) {
    if (broken) {
      console.log('No checkpoint exported: the trail is broken.');
    } else {
      await v.saveCheckpoint(exportTo, null, heads, new Set());
      console.log(`Checkpoint exported to ${exportTo}`);
    }
  }
} finally {
  await app.close();
}
process.exit(broken ? 1 : 0);
