import { and, eq } from 'drizzle-orm';
import type { Input } from '../../src-shared/contract';
import { call } from './actors';
import { activePartner, leadInput, submitLead } from './leads';
import type { PartnerSuite } from './partners';

/*
 * Helpers for the credit service tests: partners on a commission model, leads approved or
 * converted through the real procedures (which create the system's credits), and the raw rows.
 */

export type Terms = Input<'partners.create'>['terms'];

/** An active partner on the terms, and a submitted lead of it. */
export async function leadOf(s: PartnerSuite, terms: Terms, token = s.admin.token) {
  const partner = await activePartner(s, { terms }, token);
  const lead = await submitLead(s, token, leadInput({ partnerId: partner.id }));
  return { partner, lead };
}

/** A lead of a partner on the terms, approved (by the manager unless told): the approval's credits exist. */
export async function approvedLead(s: PartnerSuite, terms: Terms, token = s.staff.manager.token) {
  const { partner, lead } = await leadOf(s, terms);
  const approved = await call(s.app, 'leads.approve', { id: lead.id, version: lead.version }, token);
  return { partner, lead: approved };
}

/** A lead approved and then converted with the deal value. */
export async function convertedLead(s: PartnerSuite, terms: Terms, dealValueMinor: number, token = s.staff.manager.token) {
  const { partner, lead } = await approvedLead(s, terms, token);
  const today = s.app.clock().toISOString().slice(0, 10);
  const converted = await call(s.app, 'leads.convert', { id: lead.id, version: lead.version, dealValueMinor, convertedOn: today }, token);
  return { partner, lead: converted };
}

/** The raw credit rows of a lead, oldest first. */
export async function creditRowsOf(s: PartnerSuite, leadId: string) {
  const c = s.app.database.t.credits;
  const rows = await s.app.database.db.select().from(c).where(eq(c.leadId, leadId));
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}

/** A pending fixed-price credit (its lead approved): the credit as credits.get returns it. */
export async function pendingCredit(s: PartnerSuite, fixedPriceMinor = 5000, token = s.admin.token) {
  const { lead, partner } = await approvedLead(s, { commissionModel: 'fixed', fixedPriceMinor });
  const [row] = await creditRowsOf(s, lead.id);
  if (!row) throw new Error('the approval made no credit');
  return { partner, lead, credit: await call(s.app, 'credits.get', { id: row.id }, token) };
}

/**
 * Puts a credit where a payout would: paid (status, paid_at, kept payout id) or held in a live payout
 * (payout id and stage). The payouts service does this for real; these tests are about credits.
 */
export async function setCreditState(s: PartnerSuite, id: string, state: { status?: string; payoutId?: string | null; payoutStage?: string | null }) {
  const c = s.app.database.t.credits;
  const changes: Record<string, unknown> = { ...state };
  if (state.status === 'paid') changes.paidAt = s.app.clock();
  const [row] = await s.app.database.write((tx) => tx.update(c).set(changes).where(and(eq(c.id, id))).returning());
  if (!row) throw new Error(`no credit ${id}`);
  return row;
}

/** The partner_months row of a partner and month (zeros when none). */
export async function partnerMonth(s: PartnerSuite, partnerId: string, month: string) {
  const m = s.app.database.t.partnerMonths;
  const [row] = await s.app.database.db
    .select()
    .from(m)
    .where(and(eq(m.partnerId, partnerId), eq(m.month, month)));
  return row ?? { leadsSubmitted: 0, leadsApproved: 0, leadsRejected: 0, leadsConverted: 0, scoreSum: 0, earnedMinor: 0, paidMinor: 0 };
}
