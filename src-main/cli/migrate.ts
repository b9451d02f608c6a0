import { migratePostgresAt } from '../data/engines/postgres';

/**
 * `npm run migrate`: applies the pending Postgres migrations as the schema's owner
 * (PARTNERDESK_MIGRATE_URL, else DATABASE_URL) and exits, so the app itself can run as a role
 * that only reads and writes rows (docs/postgres-roles.md). Grants are the administrator's SQL,
 * not this command's: a migrator that grants would need to know every runtime role.
 * A schema other than the role's default goes in the URL: `?options=-c%20search_path%3Dmy_schema`.
 */
const url = process.env.PARTNERDESK_MIGRATE_URL?.trim() || process.env.DATABASE_URL?.trim();
if (!url) {
  console.error('Set PARTNERDESK_MIGRATE_URL (or DATABASE_URL) to the Postgres URL of the schema owner.');
  process.exit(2);
}

try {
  const applied = await migratePostgresAt(url);
  if (applied.length === 0) console.log('The database is up to date: no migration to apply.');
  else for (const tag of applied) console.log(`applied ${tag}`);
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
