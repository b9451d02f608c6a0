import { eq } from 'drizzle-orm';
import type { Input, Output, PartnerRole } from '../../src-shared/contract';
import { call, STRONG_PASSWORD } from './actors';
import { createPartner, unique, type CreatePartnerInput, type PartnerSuite } from './partners';
import { partnerUserSession } from './sessions';

/*
 * Helpers for the lead service tests: active partners (approved with the workspace's KYC rule
 * switched off, which is not what these tests are about), portal users with a session, and
 * valid submissions.
 */

export type SubmitInput = Input<'leads.submit'>;

/** An active partner of the suite's workspace (or of the workspace behind `token`). */
export async function activePartner(s: PartnerSuite, overrides: Partial<CreatePartnerInput> = {}, token = s.admin.token): Promise<Output<'partners.create'>> {
  await call(s.app, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: false }, token);
  const partner = await createPartner(s.app, token, overrides);
  return call(s.app, 'partners.approve', { id: partner.id }, token);
}

/** A portal user of the partner with a session (portal sign-in comes with the portal). */
export async function portalUser(s: PartnerSuite, partnerId: string, role: PartnerRole = 'partner_lead_manager', tenantId = s.tenantId, token = s.admin.token) {
  const { user } = await call(
    s.app,
    'partners.users.create',
    { partnerId, name: `Portal ${role}`, email: `portal-${unique()}@partner.test`, role, credential: { mode: 'password', password: STRONG_PASSWORD } },
    token,
  );
  return { userId: user.id, token: await partnerUserSession(s.app, user.id, tenantId) };
}

let phones = 0;
/** A complete, valid lead with a corporate email; each call a new contact (email, phone and company domain of its own). */
export function leadInput(overrides: Partial<SubmitInput> = {}): SubmitInput {
  const n = unique();
  const phone = `+49 30 ${String(20_000_000 + ((process.pid * 7919 + ++phones) % 70_000_000))}`;
  return {
    type: 'new_lead',
    idempotencyKey: `key-${n}`,
    contactName: `Lena Lead ${n}`,
    company: `Company ${n}`,
    email: `lena.${n}@company-${n}.example`,
    phone,
    country: 'DE',
    jobTitle: 'Head of IT',
    productInterest: 'Platform',
    estimatedValueMinor: 500_000,
    ...overrides,
  };
}

export async function submitLead(s: PartnerSuite, token: string, input: SubmitInput) {
  return (await call(s.app, 'leads.submit', input, token)).lead;
}

/** The raw row of a lead. */
export async function leadRow(s: PartnerSuite, id: string) {
  const l = s.app.database.t.leads;
  const [row] = await s.app.database.db.select().from(l).where(eq(l.id, id));
  if (!row) throw new Error(`no lead row ${id}`);
  return row;
}
