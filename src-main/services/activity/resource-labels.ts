import { and, eq, inArray } from 'drizzle-orm';
import type { AppDb, Tables } from '../../data/database';

/** The part of an activity row that names what it is about. */
export interface LabelledRow {
  resourceType: string;
  resourceId: string | null;
  details: Record<string, unknown>;
}

const idsOf = (values: unknown[]): string[] => [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length > 0))];

async function lookup<R extends { id: string }>(ids: string[], query: (ids: string[]) => Promise<R[]>): Promise<Map<string, R>> {
  if (ids.length === 0) return new Map();
  return new Map((await query(ids)).map((r) => [r.id, r]));
}

/**
 * A human label per activity row ("CP-0001 · Globex", "CP-0001 · Globex · passport.pdf", a staff
 * member's or workspace's name) instead of a bare id: one query per kind of resource on the page
 * (partners, their documents, their portal users, staff, workspaces, leads, lead imports), never one per row. Names are
 * today's (a renamed partner shows its new name); the row's details keep what it was called then.
 * Deleted partners are soft-deleted, so they still resolve. Unknown kinds, and rows about no
 * resource (a failed sign-in), get null.
 */
export async function resourceLabels(db: AppDb, t: Tables, tenantId: string, rows: LabelledRow[]): Promise<(string | null)[]> {
  const of = (type: string) => rows.filter((r) => r.resourceType === type);
  const partnerRows = of('partner');
  const [partners, documents, partnerUsers, staff, workspaces, leads, imports] = await Promise.all([
    lookup(idsOf(partnerRows.map((r) => r.resourceId)), (ids) =>
      db.select({ id: t.partners.id, code: t.partners.code, displayName: t.partners.displayName }).from(t.partners).where(and(eq(t.partners.tenantId, tenantId), inArray(t.partners.id, ids))),
    ),
    lookup(idsOf([...partnerRows.map((r) => r.details.documentId), ...of('document').map((r) => r.resourceId)]), (ids) =>
      db
        .select({ id: t.partnerDocuments.id, fileName: t.partnerDocuments.fileName })
        .from(t.partnerDocuments)
        .where(and(eq(t.partnerDocuments.tenantId, tenantId), inArray(t.partnerDocuments.id, ids))),
    ),
    lookup(idsOf([...partnerRows.map((r) => r.details.userId), ...of('partner_user').map((r) => r.resourceId)]), (ids) =>
      db.select({ id: t.partnerUsers.id, name: t.partnerUsers.name }).from(t.partnerUsers).where(and(eq(t.partnerUsers.tenantId, tenantId), inArray(t.partnerUsers.id, ids))),
    ),
    lookup(idsOf(of('staff_user').map((r) => r.resourceId)), (ids) => db.select({ id: t.staffUsers.id, name: t.staffUsers.name }).from(t.staffUsers).where(inArray(t.staffUsers.id, ids))),
    lookup(idsOf(of('workspace').map((r) => r.resourceId)), (ids) => db.select({ id: t.tenants.id, name: t.tenants.name }).from(t.tenants).where(inArray(t.tenants.id, ids))),
    lookup(idsOf(of('lead').map((r) => r.resourceId)), (ids) =>
      db
        .select({ id: t.leads.id, contactName: t.leads.contactName, company: t.leads.company })
        .from(t.leads)
        .where(and(eq(t.leads.tenantId, tenantId), inArray(t.leads.id, ids))),
    ),
    lookup(idsOf(of('lead_import').map((r) => r.resourceId)), (ids) =>
      db
        .select({ id: t.leadImports.id, fileName: t.leadImports.fileName })
        .from(t.leadImports)
        .where(and(eq(t.leadImports.tenantId, tenantId), inArray(t.leadImports.id, ids))),
    ),
  ]);

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
      case 'staff_user':
        return staff.get(resourceId)?.name ?? null;
      case 'workspace':
        return workspaces.get(resourceId)?.name ?? null;
      case 'lead': {
        const lead = leads.get(resourceId);
        if (!lead) return null;
        return lead.company ? `${lead.contactName} · ${lead.company}` : lead.contactName;
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
