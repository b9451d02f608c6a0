import { eq } from 'drizzle-orm';
import type { PartnerRole } from '../../src-shared/contract/roles';
import type { TestApp } from './engines';
import { call, STRONG_PASSWORD } from './actors';
import { createPartner, unique } from './partners';

/** An active partner (approved without the KYC rule, which portal sign-in does not depend on). */
export async function activePartner(app: TestApp, adminToken: string) {
  await call(app, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: false }, adminToken);
  const partner = await createPartner(app, adminToken);
  await call(app, 'partners.approve', { id: partner.id }, adminToken);
  await call(app, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: true }, adminToken);
  return partner;
}

/**
 * A portal user created by staff through partners.users.create. With `password`, staff typed it,
 * so it must be changed at the first sign-in unless `chosen` (the person chose it themselves,
 * as after an invite): then must_change_password is cleared, as passwordChosen does for staff.
 */
export async function portalUser(
  app: TestApp,
  adminToken: string,
  partnerId: string,
  options: { role?: PartnerRole; email?: string; password?: string | null; chosen?: boolean } = {},
) {
  const email = options.email ?? `pia-${unique()}@partner.test`;
  const password = options.password === undefined ? STRONG_PASSWORD : options.password;
  const created = await call(
    app,
    'partners.users.create',
    { partnerId, name: 'Pia Portal', email, role: options.role ?? 'partner_lead_manager', credential: password === null ? { mode: 'invite' } : { mode: 'password', password } },
    adminToken,
  );
  if (password !== null && options.chosen !== false) {
    const u = app.database.t.partnerUsers;
    await app.database.write((tx) => tx.update(u).set({ mustChangePassword: false }).where(eq(u.id, created.user.id)));
  }
  return { id: created.user.id, email, invite: created.invite };
}
