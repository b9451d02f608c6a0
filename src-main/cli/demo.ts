import { join } from 'node:path';
import { createApp } from '../app';
import { configFromEnv } from '../config';
import { DemoLoadRefused, demoSignInText, loadDemo } from '../demo/load-guard';

/** `npm run demo [-- --force]`: loads the demo workspace into the same data folder `npm start` uses. */
const force = process.argv.slice(2).includes('--force');
const config = configFromEnv();
const app = await createApp(config);
try {
  console.log(`Loading demo data into ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : join(config.dataDir, 'partnerdesk.sqlite')}…`);
  const { created } = await loadDemo(app, { teamMode: Boolean(config.databaseUrl), force, progress: (m) => console.log(`  ${m}`) });
  console.log(created ? 'Demo workspace created.' : 'Demo workspace already present; filled in anything missing.');
  console.log(demoSignInText());
} catch (error) {
  if (!(error instanceof DemoLoadRefused)) throw error;
  console.error(error.message);
  process.exitCode = 2;
} finally {
  await app.close();
}
