import { join } from 'node:path';
import { createApp } from '../app';
import { configFromEnv } from '../config';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, seedDemo } from '../demo/seed';

/** `npm run demo`: loads the demo workspace into the same data folder `npm start` uses. */
const config = configFromEnv();
const app = await createApp(config);
try {
  console.log(`Loading demo data into ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : join(config.dataDir, 'partnerdesk.sqlite')}…`);
  const { created } = await seedDemo(app, (m) => console.log(`  ${m}`));
  console.log(created ? 'Demo workspace created.' : 'Demo workspace already present; filled in anything missing.');
  console.log(`Sign in with ${DEMO_ADMIN_EMAIL} / "${DEMO_PASSWORD}" (also manager@, finance@, viewer@demo.partnerdesk.test, same password).`);
} finally {
  await app.close();
}
