import { and, desc, eq, inArray, isNotNull, isNull, or, sql, type Column } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { PortalNotification, PortalNotifications } from '../../../src-shared/contract/portal';
import { formatMoney } from '../../../src-shared/money/money-text';
import { prepared, slot } from '../../data/prepared';
import type { AuditService } from '../activity/audit';
import { actorOf, type PartnerSession, type ServiceDeps } from '../context';

/*
 * `portal.notifications` and `portal.markNotificationsSeen`. The decisions are read from the
 * entity tables' own decision columns (the audit trail has no partner index, and its rows name
 * staff): each source is one read bounded to the partner by an index prefix and cut at the 50
 * newest, then merged, so the answer never grows with the partner's history beyond a sort of
 * its own decided rows.
 *
 * - leads: leads_partner_status_idx (tenant, partner, status): approved and rejected at
 *   decided_at (a converted lead was approved first: it gives both), converted at converted_at;
 * - credits: credits_partner_idx (tenant, partner, status, …): approved (and later paid: it was
 *   approved), rejected and reversed at decided_at. A reversal overwrites decided_at, so an
 *   approved-then-reversed credit shows its latest decision only;
 * - payouts: payouts_partner_idx (tenant, partner, …): approved or partially approved at
 *   approved_at, rejected at rejected_at, paid at paid_at;
 * - declined payout requests: payout_requests_partner_idx (tenant, partner, decided_at).
 *
 * Nothing here names a reviewer or another partner: only the partner's own rows, the decision
 * and the reason given with it (DOMAIN.md: reasons are visible to the partner).
 */

export const MAX_NOTIFICATIONS = 50;

interface Event extends Omit<PortalNotification, 'isNew' | 'at'> {
  at: Date;
}

const leadLabel = (contact: string | null, company: string | null) => `Lead ${contact ?? 'Unknown lead'}${company ? ` (${company})` : ''}`;

export function portalNotificationsService(deps: ServiceDeps, audit: AuditService) {
  const { database, clock } = deps;
  const { leads: l, credits: c, payouts: p, payoutRequests: r, partnerUsers: u } = database.t;
  /** The session's partner: every read starts with (tenant_id, partner_id), its index's prefix. */
  const partnerOf = (t: { tenantId: Column; partnerId: Column }) => [eq(t.tenantId, slot('tenantId')), eq(t.partnerId, slot('partnerId'))];

  const decidedLeads = prepared(database, 'portal_notes_leads', (db) =>
    db
      .select({ id: l.id, status: l.status, contactName: l.contactName, company: l.company, at: l.decidedAt, reason: l.rejectionReason })
      .from(l)
      .where(and(...partnerOf(l), inArray(l.status, ['approved', 'rejected', 'converted']), isNull(l.deletedAt), isNotNull(l.decidedAt)))
      .orderBy(desc(l.decidedAt))
      .limit(MAX_NOTIFICATIONS),
  );
  const convertedLeads = prepared(database, 'portal_notes_conversions', (db) =>
    db
      .select({ id: l.id, contactName: l.contactName, company: l.company, at: l.convertedAt })
      .from(l)
      .where(and(...partnerOf(l), eq(l.status, 'converted'), isNull(l.deletedAt), isNotNull(l.convertedAt)))
      .orderBy(desc(l.convertedAt))
      .limit(MAX_NOTIFICATIONS),
  );
  const decidedCredits = prepared(database, 'portal_notes_credits', (db) =>
    db
      .select({ id: c.id, status: c.status, kind: c.kind, amountMinor: c.amountMinor, currency: c.currency, at: c.decidedAt, reason: c.reason, contactName: l.contactName })
      .from(c)
      .leftJoin(l, and(eq(l.tenantId, c.tenantId), eq(l.id, c.leadId)))
      .where(and(...partnerOf(c), inArray(c.status, ['approved', 'rejected', 'reversed', 'paid']), isNotNull(c.decidedAt)))
      .orderBy(desc(c.decidedAt))
      .limit(MAX_NOTIFICATIONS),
  );
  const lastDecision = sql`coalesce(${p.paidAt}, ${p.rejectedAt}, ${p.approvedAt})`;
  const decidedPayouts = prepared(database, 'portal_notes_payouts', (db) =>
    db
      .select({
        id: p.id,
        number: p.number,
        status: p.status,
        totalMinor: p.totalMinor,
        approvedMinor: p.approvedMinor,
        approvedAt: p.approvedAt,
        rejectedAt: p.rejectedAt,
        paidAt: p.paidAt,
        notes: p.notes,
      })
      .from(p)
      .where(and(...partnerOf(p), or(isNotNull(p.approvedAt), isNotNull(p.rejectedAt))))
      .orderBy(desc(lastDecision))
      .limit(MAX_NOTIFICATIONS),
  );
  const declinedRequests = prepared(database, 'portal_notes_requests', (db) =>
    db
      .select({ id: r.id, amountMinor: r.amountMinor, at: r.decidedAt, reason: r.reason })
      .from(r)
      .where(and(...partnerOf(r), eq(r.status, 'declined'), isNotNull(r.decidedAt)))
      .orderBy(desc(r.decidedAt))
      .limit(MAX_NOTIFICATIONS),
  );
  const seenAtOf = prepared(database, 'portal_notes_seen_at', (db) =>
    db
      .select({ seenAt: u.notificationsSeenAt })
      .from(u)
      .where(and(...partnerOf(u), eq(u.id, slot('userId')))),
  );

  async function events(session: PartnerSession, currency: string): Promise<Event[]> {
    const scope = { tenantId: session.tenantId, partnerId: session.partnerId };
    const [leads, conversions, credits, payouts, requests] = await Promise.all([
      decidedLeads.run(database.db, scope),
      convertedLeads.run(database.db, scope),
      decidedCredits.run(database.db, scope),
      decidedPayouts.run(database.db, scope),
      declinedRequests.run(database.db, scope),
    ]);
    const out: Event[] = [];
    for (const x of leads) {
      const rejected = x.status === 'rejected';
      out.push({ kind: 'lead', id: x.id, label: leadLabel(x.contactName, x.company), decision: rejected ? 'rejected' : 'approved', reason: rejected ? x.reason : null, at: x.at! });
    }
    for (const x of conversions) out.push({ kind: 'lead', id: x.id, label: leadLabel(x.contactName, x.company), decision: 'converted', reason: null, at: x.at! });
    for (const x of credits) {
      const what = x.kind === 'clawback' ? 'Clawback' : 'Credit';
      const decision = x.status === 'paid' ? 'approved' : x.status;
      out.push({
        kind: 'credit',
        id: x.id,
        label: `${what} of ${formatMoney(Number(x.amountMinor), x.currency)} for lead ${x.contactName ?? 'Unknown lead'}`,
        decision,
        reason: decision === 'rejected' || decision === 'reversed' ? x.reason : null,
        at: x.at!,
      });
    }
    for (const x of payouts) {
      const label = `Payout ${x.number}`;
      if (x.rejectedAt) out.push({ kind: 'payout', id: x.id, label, decision: 'rejected', reason: x.notes, at: x.rejectedAt });
      if (x.approvedAt) {
        // A paid payout no longer says whether it was partially approved; its amounts still do.
        const partial = x.status === 'partially_approved' || (x.approvedMinor !== null && Number(x.approvedMinor) !== Number(x.totalMinor));
        out.push({ kind: 'payout', id: x.id, label, decision: partial ? 'partially_approved' : 'approved', reason: null, at: x.approvedAt });
      }
      if (x.paidAt) out.push({ kind: 'payout', id: x.id, label, decision: 'paid', reason: null, at: x.paidAt });
    }
    for (const x of requests) out.push({ kind: 'payout_request', id: x.id, label: `Payout request of ${formatMoney(Number(x.amountMinor), currency)}`, decision: 'declined', reason: x.reason, at: x.at! });
    // Newest first; ties (one write deciding several things) in a fixed order.
    out.sort((a, b) => b.at.getTime() - a.at.getTime() || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id) || a.decision.localeCompare(b.decision));
    return out.slice(0, MAX_NOTIFICATIONS);
  }

  async function notifications(session: PartnerSession, currency: string): Promise<PortalNotifications> {
    const [[me], list] = await Promise.all([seenAtOf.run(database.db, { tenantId: session.tenantId, partnerId: session.partnerId, userId: session.userId }), events(session, currency)]);
    if (!me) throw new AppError('not_found', 'Portal user not found');
    const seenAt = me.seenAt;
    const items = list.map((e) => ({ ...e, at: e.at.toISOString(), isNew: seenAt === null || e.at.getTime() > seenAt.getTime() }));
    return { seenAt: seenAt?.toISOString() ?? null, newCount: items.filter((i) => i.isNew).length, items };
  }

  /** One audit row per visit: the mark is the user's own, and the trail needs no more than when. */
  async function markSeen(session: PartnerSession): Promise<{ seenAt: string }> {
    return database.write(async (tx) => {
      const now = clock();
      const [row] = await tx
        .update(u)
        .set({ notificationsSeenAt: now })
        .where(and(eq(u.tenantId, session.tenantId), eq(u.partnerId, session.partnerId), eq(u.id, session.userId)))
        .returning({ id: u.id });
      if (!row) throw new AppError('not_found', 'Portal user not found');
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'portal.notifications_seen',
        resourceType: 'partner_user',
        resourceId: row.id,
        details: { partnerId: session.partnerId },
      });
      return { seenAt: now.toISOString() };
    });
  }

  return { notifications, markSeen };
}
