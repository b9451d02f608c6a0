import { eq } from 'drizzle-orm';
import type { App } from '../app';
import type { Input, Output, ProcedureName } from '../../src-shared/contract';
import { seedPartners } from './seed-partners';
import { seedLeads } from './seed-leads';
import { seedMoney } from './seed-money';
import { seedPortalUsers } from './seed-portal';

/** Demo sign-in, printed by `npm run demo` and in the README. */
export const DEMO_PASSWORD = 'harbour violet kettle 2026';
export const DEMO_ADMIN_EMAIL = 'admin@demo.partnerdesk.test';
export const DEMO_WORKSPACE = 'Northwind Partner Program (demo)';

export const DEMO_STAFF = [
  { name: 'Maya Manager', email: 'manager@demo.partnerdesk.test', role: 'manager' },
  { name: 'Felix Finance', email: 'finance@demo.partnerdesk.test', role: 'finance' },
  { name: 'Vera Viewer', email: 'viewer@demo.partnerdesk.test', role: 'viewer' },
  { name: 'Mateo Manager', email: 'mateo@demo.partnerdesk.test', role: 'manager' },
  { name: 'Omar Admin', email: 'omar@demo.partnerdesk.test', role: 'admin' },
] as const;

export type DemoCall = <N extends ProcedureName>(name: N, input: Input<N>) => Promise<Output<N>>;

export interface DemoContext {
  app: App;
  token: string;
  /** Calls as the demo admin. */
  call: DemoCall;
  /** Calls as another demo staff user (signs in once), for four-eyes steps. */
  as(email: string): Promise<DemoCall>;
  progress(message: string): void;
}

/** Later slices append their own seeders (partners, leads, payouts…). */
export type DemoSeeder = (ctx: DemoContext) => Promise<void>;

async function seedStaff(ctx: DemoContext): Promise<void> {
  const existing = new Set((await ctx.call('staff.list', {})).map((m) => m.email));
  for (const member of DEMO_STAFF) {
    if (existing.has(member.email)) continue;
    await ctx.call('staff.add', { ...member, password: DEMO_PASSWORD });
    // The demo's passwords are published (README, console): nobody is asked to replace them, unlike an admin-set one.
    const { staffUsers } = ctx.app.database.t;
    await ctx.app.database.write((tx) => tx.update(staffUsers).set({ mustChangePassword: false }).where(eq(staffUsers.email, member.email)));
    ctx.progress(`staff: ${member.name} (${member.role})`);
  }
}

export const demoSeeders: DemoSeeder[] = [seedStaff, seedPartners, seedLeads, seedMoney, seedPortalUsers];

/**
 * Fills the demo workspace through the real procedures (so everything is validated and
 * audited like a person's work). On a fresh instance the demo admin is its first admin; on an
 * instance already set up, the demo workspace and admin are added beside the existing ones.
 */
export async function seedDemo(app: App, progress: (m: string) => void = () => undefined): Promise<{ created: boolean }> {
  const dispatch = async (name: string, input: unknown, token: string | null) => app.dispatch(name, input, { token, clientKey: 'demo', setupCode: app.setupCode });
  let created = false;
  if (await app.services.auth.needsSetup()) {
    const out = await dispatch('auth.setup', { workspaceName: DEMO_WORKSPACE, currency: 'EUR', adminName: 'Ada Admin', adminEmail: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD }, null);
    if (!out.response.ok) throw new Error(out.response.error.message);
    created = true;
  } else {
    const { database } = app;
    const [admin] = await database.db.select().from(database.t.staffUsers).where(eq(database.t.staffUsers.email, DEMO_ADMIN_EMAIL));
    if (!admin) {
      await app.services.auth.addWorkspaceWithAdmin(
        { workspaceName: DEMO_WORKSPACE, currency: 'EUR', adminName: 'Ada Admin', adminEmail: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD },
        'demo loader',
      );
      created = true;
    }
  }
  const signIn = await dispatch('auth.signIn', { email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD }, null);
  if (!signIn.response.ok || typeof signIn.token !== 'string') throw new Error('demo admin cannot sign in: was its password changed?');
  const token = signIn.token;
  const caller =
    (bearer: string): DemoCall =>
    async (name, input) => {
      const out = await dispatch(name, input, bearer);
      if (!out.response.ok) throw new Error(`${name}: ${out.response.error.message}`);
      return out.response.result as never;
    };
  const ctx: DemoContext = {
    app,
    token,
    progress,
    call: caller(token),
    async as(email) {
      const out = await dispatch('auth.signIn', { email, password: DEMO_PASSWORD }, null);
      if (!out.response.ok || typeof out.token !== 'string') throw new Error(`demo user ${email} cannot sign in`);
      return caller(out.token);
    },
  };
  for (const seeder of demoSeeders) await seeder(ctx);
  return { created };
}
