import { eq } from 'drizzle-orm';
import type { App } from '../app';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, DEMO_STAFF, DEMO_WORKSPACE, seedDemo } from './seed';
import { DEMO_PORTAL_USERS } from './seed-portal';

/**
 * `npm run demo` writes published passwords and made-up partners and money: into a real
 * instance (a team's shared database, or a desktop already holding someone's workspace) that
 * is a back door and a mess to clean up, so it asks for `--force` there.
 */

export interface DemoLoadSituation {
  /** Names of the workspaces that are not the demo one. */
  otherWorkspaces: readonly string[];
  /** DATABASE_URL is set: the database is shared by a team. */
  teamMode: boolean;
  force: boolean;
}

/** Why the demo must not be loaded here, or null when it may. */
export function demoLoadRefusal({ otherWorkspaces, teamMode, force }: DemoLoadSituation): string | null {
  if (force) return null;
  const reasons: string[] = [];
  if (teamMode) reasons.push('DATABASE_URL is set (team mode): the demo would go into the database your team shares');
  if (otherWorkspaces.length > 0) {
    const names = otherWorkspaces.map((n) => `"${n}"`).join(', ');
    reasons.push(`this instance already holds ${otherWorkspaces.length === 1 ? 'the workspace' : 'the workspaces'} ${names}`);
  }
  if (reasons.length === 0) return null;
  return (
    `Not loading the demo: ${reasons.join('; and ')}. ` +
    'The demo adds users whose password is published, and sample partners, leads and payouts. ' +
    'Use a fresh data folder (PARTNERDESK_DATA_DIR=/some/empty/folder npm run demo), ' +
    'or run `npm run demo -- --force` to load it here anyway.'
  );
}

/** The workspaces the demo admin is not an admin of: everything the demo did not make. */
export async function workspacesBesideDemo(app: App): Promise<string[]> {
  const { db, t } = app.database;
  const tenants = await db.select({ id: t.tenants.id, name: t.tenants.name }).from(t.tenants);
  const demo = await db
    .select({ tenantId: t.memberships.tenantId, role: t.memberships.role })
    .from(t.memberships)
    .innerJoin(t.staffUsers, eq(t.staffUsers.id, t.memberships.userId))
    .where(eq(t.staffUsers.email, DEMO_ADMIN_EMAIL));
  const demoTenants = new Set(demo.filter((m) => m.role === 'admin').map((m) => m.tenantId));
  return tenants.filter((w) => !demoTenants.has(w.id)).map((w) => w.name);
}

export class DemoLoadRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoLoadRefused';
  }
}

/** seedDemo behind the guard: throws DemoLoadRefused (nothing written) unless the instance is the demo's or forced. */
export async function loadDemo(
  app: App,
  options: { teamMode: boolean; force: boolean; progress?: (m: string) => void },
): Promise<{ created: boolean }> {
  const refusal = demoLoadRefusal({ otherWorkspaces: await workspacesBesideDemo(app), teamMode: options.teamMode, force: options.force });
  if (refusal) throw new DemoLoadRefused(refusal);
  return seedDemo(app, options.progress);
}

/** What `npm run demo` prints when done: every demo user, and the one password they share. */
export function demoSignInText(): string {
  const users = [{ name: 'Ada Admin', email: DEMO_ADMIN_EMAIL, role: 'admin' }, ...DEMO_STAFF];
  const width = Math.max(...[...users, ...DEMO_PORTAL_USERS].map((u) => u.email.length));
  return [
    `Sign in to "${DEMO_WORKSPACE}" as any of:`,
    ...users.map((u) => `  ${u.email.padEnd(width)}  ${u.role} (${u.name})`),
    `Partner portal (/portal), on the partner with the paid payout:`,
    ...DEMO_PORTAL_USERS.map((u) => `  ${u.email.padEnd(width)}  ${u.role} (${u.name})`),
    `Password (every demo user): ${DEMO_PASSWORD}`,
  ].join('\n');
}
