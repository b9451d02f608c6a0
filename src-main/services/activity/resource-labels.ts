import { eq } from 'drizzle-orm';
import type { AppDb, Database, Tables } from '../../data/database';
import { inListSlot, prepared, statementsFor, type Preparable } from '../../data/prepared';
import { formatMoney } from '../../../src-shared/money';

/** The part of an activity row that names what it is about. */
export interface LabelledRow {
  resourceType: string;
  resourceId: string | null;
  details: Record<string, unknown>;
}

const idsOf = (values: unknown[]): string[] => [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length > 0))];

/**
 * One statement per kind of resource, each taking its ids as one list parameter (fixed shape,
 * prepared once). By id alone, the tenant checked on the rows: ids are unique across tenants,
 * and "tenant_id = ? and id in (…)" let SQLite (no statistics) walk the tenant's rows through a
 * tenant index instead of probing the primary key.
 */
const lookups = statementsFor((database) => {
  const byIds = <R extends { id: string; tenantId?: string }>(name: string, build: (db: AppDb, t: Tables) => Preparable<R[]>) => prepared<{ ids: string[] }, R[]>(database, name, build);
  const t = database.t;
  return {
    partners: byIds('labels_partners', (db) => db.select({ id: t.partners.id, tenantId: t.partners.tenantId, code: t.partners.code, displayName: t.partners.displayName }).from(t.partners).where(inListSlot(database, t.partners.id, 'ids'))),
    documents: byIds('labels_documents', (db) =>
      db.select({ id: t.partnerDocuments.id, tenantId: t.partnerDocuments.tenantId, fileName: t.partnerDocuments.fileName }).from(t.partnerDocuments).where(inListSlot(database, t.partnerDocuments.id, 'ids')),
    ),
    partnerUsers: byIds('labels_partner_users', (db) =>
      db.select({ id: t.partnerUsers.id, tenantId: t.partnerUsers.tenantId, name: t.partnerUsers.name }).from(t.partnerUsers).where(inListSlot(database, t.partnerUsers.id, 'ids')),
    ),
    // Through this workspace's membership: until accepted it knows the invited name only, and a declined invitation nothing.
    staff: byIds('labels_staff', (db) =>
      db
        .select({ id: t.staffUsers.id, tenantId: t.memberships.tenantId, name: t.staffUsers.name, invitedName: t.memberships.invitedName, acceptedAt: t.memberships.acceptedAt })
        .from(t.staffUsers)
        .innerJoin(t.memberships, eq(t.memberships.userId, t.staffUsers.id))
        .where(inListSlot(database, t.staffUsers.id, 'ids')),
    ),
    workspaces: byIds('labels_workspaces', (db) => db.select({ id: t.tenants.id, name: t.tenants.name }).from(t.tenants).where(inListSlot(database, t.tenants.id, 'ids'))),
    leads: byIds('labels_leads', (db) =>
      db.select({ id: t.leads.id, tenantId: t.leads.tenantId, contactName: t.leads.contactName, company: t.leads.company }).from(t.leads).where(inListSlot(database, t.leads.id, 'ids')),
    ),
    credits: byIds('labels_credits', (db) =>
      db
        .select({ id: t.credits.id, tenantId: t.credits.tenantId, leadId: t.credits.leadId, kind: t.credits.kind, amountMinor: t.credits.amountMinor, currency: t.credits.currency })
        .from(t.credits)
        .where(inListSlot(database, t.credits.id, 'ids')),
    ),
    payouts: byIds('labels_payouts', (db) =>
      db.select({ id: t.payouts.id, tenantId: t.payouts.tenantId, number: t.payouts.number, partnerId: t.payouts.partnerId }).from(t.payouts).where(inListSlot(database, t.payouts.id, 'ids')),
    ),
    payoutRuns: byIds('labels_payout_runs', (db) =>
      db
        .select({ id: t.payoutRuns.id, tenantId: t.payoutRuns.tenantId, periodStart: t.payoutRuns.periodStart, periodEnd: t.payoutRuns.periodEnd })
        .from(t.payoutRuns)
        .where(inListSlot(database, t.payoutRuns.id, 'ids')),
    ),
    payoutRequests: byIds('labels_payout_requests', (db) =>
      db.select({ id: t.payoutRequests.id, tenantId: t.payoutRequests.tenantId, partnerId: t.payoutRequests.partnerId }).from(t.payoutRequests).where(inListSlot(database, t.payoutRequests.id, 'ids')),
    ),
    imports: byIds('labels_imports', (db) =>
      db.select({ id: t.leadImports.id, tenantId: t.leadImports.tenantId, fileName: t.leadImports.fileName }).from(t.leadImports).where(inListSlot(database, t.leadImports.id, 'ids')),
    ),
  };
});

/**
 * A human label per activity row ("CP-0001 · Globex", "CP-0001 · Globex · passport.pdf", a staff
 * member's or workspace's name) instead of a bare id: one query per kind of resource on the page
 * (partners, their documents, their portal users, staff, workspaces, leads, lead imports, payouts, runs, requests), never one per row. Names are
 * today's (a renamed partner shows its new name); the row's details keep what it was called then.
 * Deleted partners are soft-deleted, so they still resolve. Unknown kinds, and rows about no
 * resource (a failed sign-in), get null. Another tenant's resource is never named.
 */
export async function resourceLabels(database: Database, db: AppDb, tenantId: string, rows: LabelledRow[]): Promise<(string | null)[]> {
  const of = (type: string) => rows.filter((r) => r.resourceType === type);
  const partnerRows = of('partner');
  const q = lookups(database);
  // One after the other: on SQLite each is synchronous anyway, and on Postgres a page needs two or three of them.
  async function lookup<R extends { id: string; tenantId?: string }>(ids: string[], statement: { run(db: AppDb, values: { ids: string[] }): Promise<R[]> }): Promise<Map<string, R>> {
    if (ids.length === 0) return new Map();
    const found = await statement.run(db, { ids });
    return new Map(found.filter((r) => r.tenantId === undefined || r.tenantId === tenantId).map((r) => [r.id, r]));
  }
  const payouts = await lookup(idsOf(of('payout').map((r) => r.resourceId)), q.payouts);
  const payoutRuns = await lookup(idsOf(of('payout_run').map((r) => r.resourceId)), q.payoutRuns);
  const payoutRequests = await lookup(idsOf(of('payout_request').map((r) => r.resourceId)), q.payoutRequests);
  // Payouts and requests are named with their partner: its name comes with the partners' lookup.
  const partners = await lookup(idsOf([...partnerRows.map((r) => r.resourceId), ...[...payouts.values(), ...payoutRequests.values()].map((p) => p.partnerId)]), q.partners);
  const documents = await lookup(idsOf([...partnerRows.map((r) => r.details.documentId), ...of('document').map((r) => r.resourceId)]), q.documents);
  const partnerUsers = await lookup(idsOf([...partnerRows.map((r) => r.details.userId), ...of('partner_user').map((r) => r.resourceId)]), q.partnerUsers);
  const staff = await lookup(idsOf(of('staff_user').map((r) => r.resourceId)), q.staff);
  const workspaces = await lookup(idsOf(of('workspace').map((r) => r.resourceId)), q.workspaces);
  const credits = await lookup(idsOf(of('credit').map((r) => r.resourceId)), q.credits);
  // A credit is named by its amount and its lead: the lead's name comes with the leads' lookup.
  const leads = await lookup(idsOf([...of('lead').map((r) => r.resourceId), ...[...credits.values()].map((c) => c.leadId)]), q.leads);
  const imports = await lookup(idsOf(of('lead_import').map((r) => r.resourceId)), q.imports);

  return rows.map(({ resourceType, resourceId, details }) => {
    if (!resourceId) return null;
    switch (resourceType) {
      case 'partner': {
        const partner = partners.get(resourceId);
        if (!partner) return null;
        const base = `${partner.code} · ${partner.displayName}`;
        // Documents and portal users are audited on their partner; name the one the row is about too.
        const document = typeof details.documentId === 'string' ? documents.get(details.documentId) : undefined;
        const user = typeof details.userId === 'string' ? partnerUsers.get(details.userId) : undefined;
        const part = document?.fileName ?? user?.name;
        return part ? `${base} · ${part}` : base;
      }
      case 'document':
        return documents.get(resourceId)?.fileName ?? null;
      case 'partner_user':
        return partnerUsers.get(resourceId)?.name ?? null;
      case 'staff_user': {
        const member = staff.get(resourceId);
        if (!member) return null;
        return member.acceptedAt === null ? (member.invitedName ?? member.name) : member.name;
      }
      case 'workspace':
        return workspaces.get(resourceId)?.name ?? null;
      case 'lead': {
        const lead = leads.get(resourceId);
        if (!lead) return null;
        return lead.company ? `${lead.contactName} · ${lead.company}` : lead.contactName;
      }
      case 'credit': {
        const credit = credits.get(resourceId);
        if (!credit) return null;
        const amount = formatMoney(credit.amountMinor, credit.currency, 'en');
        const lead = leads.get(credit.leadId);
        const what = credit.kind === 'clawback' ? `Clawback ${amount}` : amount;
        return lead ? `${what} · ${lead.contactName}` : what;
      }
      case 'payout': {
        const payout = payouts.get(resourceId);
        if (!payout) return null;
        const partner = partners.get(payout.partnerId);
        return partner ? `${payout.number} · ${partner.displayName}` : payout.number;
      }
      case 'payout_run': {
        const run = payoutRuns.get(resourceId);
        return run ? `Payout run ${run.periodStart} – ${run.periodEnd}` : null;
      }
      case 'payout_request': {
        const request = payoutRequests.get(resourceId);
        const partner = request ? partners.get(request.partnerId) : undefined;
        return partner ? `Payout request · ${partner.code} · ${partner.displayName}` : null;
      }
      case 'lead_import': {
        const file = imports.get(resourceId)?.fileName;
        if (!file) return null;
        return typeof details.partnerCode === 'string' ? `${details.partnerCode} · ${file}` : file;
      }
      default:
        return null;
    }
  });
}
