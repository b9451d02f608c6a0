import { createApp } from '../app';
import { configFromEnv } from '../config';

/** `npm run verify-audit`: recomputes every workspace's audit hash chain; exits 1 on any break. */
const app = await createApp(configFromEnv());
let broken = 0;
try {
  const { database } = app;
  const tenants = await database.db.select({ id: database.t.tenants.id, name: database.t.tenants.name }).from(database.t.tenants);
  for (const tenant of [...tenants, { id: '_system', name: '(no workspace: sign-ins of unknown e-mails)' }]) {
    const result = await app.services.activity.verify(tenant.id);
    console.log(`${result.ok ? 'OK    ' : 'BROKEN'} ${tenant.name}: ${result.checked} entries`);
    for (const p of result.problems) console.log(`         seq ${p.seq ?? '-'}: ${p.problem}`);
    if (!result.ok) broken++;
  }
} finally {
  await app.close();
}
process.exit(broken ? 1 : 0);
