import { and, eq } from 'drizzle-orm';
import type { PartnerRole } from '../../src-shared/contract/roles';
import { DEMO_PASSWORD, type DemoContext } from './seed';

/** The demo's portal sign-ins (README, console), on the active partner whose payout finance paid. */
export const DEMO_PORTAL_USERS: readonly { name: string; email: string; role: PartnerRole }[] = [
  { name: 'Paula Partner', email: 'partner@demo.partnerdesk.test', role: 'partner_admin' },
  { name: 'Leo Leads', email: 'leads@demo.partnerdesk.test', role: 'partner_lead_manager' },
];

/**
 * Portal users for `npm run demo` on a partner with leads and money: the one whose payout was
 * paid (so the portal shows a paid payout and its statement), else the first active partner.
 * Made through partners.users.create like any portal user; their password is the published demo
 * one, so nobody is asked to replace it (as for the demo staff).
 */
export async function seedPortalUsers(ctx: DemoContext): Promise<void> {
  const paid = await ctx.call('payouts.list', { status: 'paid', limit: 1 });
  const active = paid.rows[0] ? null : (await ctx.call('partners.list', { status: 'active', limit: 1 })).rows[0];
  const partnerId = paid.rows[0]?.partner.id ?? active?.id;
  if (!partnerId) return;
  const { partnerUsers } = ctx.app.database.t;
  // A second run adds nothing: they exist already.
  const existing = new Set((await ctx.call('partners.users.list', { partnerId })).map((u) => u.email));
  for (const user of DEMO_PORTAL_USERS) {
    if (existing.has(user.email)) continue;
    const created = await ctx.call('partners.users.create', { partnerId, ...user, credential: { mode: 'password', password: DEMO_PASSWORD } });
    await ctx.app.database.write((tx) => tx.update(partnerUsers).set({ mustChangePassword: false }).where(and(eq(partnerUsers.id, created.user.id), eq(partnerUsers.email, user.email))));
    ctx.progress(`portal user: ${user.email} (${user.role})`);
  }
}
