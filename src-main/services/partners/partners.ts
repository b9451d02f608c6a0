import canonicalize from 'canonicalize';
import { and, eq, isNull, like } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import type { createPartnerInput, listPartnersInput, Partner, PartnerAction, PartnerPage, PartnerStatus, PartnerType, updatePartnerInput } from '../../../src-shared/contract/partners';
import type { AppDb } from '../../data/database';
import { isUniqueViolation } from '../../data/errors';
import { prepared, slot } from '../../data/prepared';
import { canRolePerform, nextPartnerStatus, reasonForTransition } from '../../domain/partners/partner-status';
import { assertCanApprove } from '../../domain/partners/partner-approval';
import { nextPartnerCode, PARTNER_CODE_PREFIX } from '../../domain/partners/partner-code';
import { normaliseCommercialTerms } from '../../domain/partners/commercial-terms';
import type { AuditService } from '../activity/audit';
import { invalidateSessions } from '../auth/session-cache';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';
import { loadPartner, NO_BANKING, partnerView, refreshKycOf, searchTextOf, toPartner, type KycRefresh, type PartnerRow } from './partner-rows';
import { listPartners } from './partner-list';

type CreateInput = z.output<typeof createPartnerInput>;
type UpdateInput = z.output<typeof updatePartnerInput>;
type ListInput = z.output<typeof listPartnersInput>;

const AUDIT_ACTION: Record<PartnerAction, string> = {
  approve: 'partner.approved',
  reject: 'partner.rejected',
  suspend: 'partner.suspended',
  deactivate: 'partner.deactivated',
  reinstate: 'partner.reinstated',
  reapply: 'partner.reapplied',
};

/** Tries of a partner create whose generated code another writer took first (see create). */
export const CODE_ATTEMPTS = 5;

export function partnerService(deps: ServiceDeps, audit: AuditService) {
  const { database, clock, newId } = deps;
  const p = database.t.partners;
  /** The caller's view now (workspace rules and today); `db` may be the caller's transaction. */
  const viewNow = (db: AppDb, session: ActiveSession) => partnerView(database, db, session, clock());

  /** Keyset pages, counted totals and indexed search: services/partners/partner-list.ts. */
  async function list(session: ActiveSession, input: ListInput): Promise<PartnerPage> {
    const { today } = await viewNow(database.db, session);
    return listPartners(database, session, input, today);
  }

  async function get(session: ActiveSession, id: string): Promise<Partner> {
    const row = await loadPartner(database, database.db, session.tenantId, id);
    return toPartner(database, database.db, row, await viewNow(database.db, session));
  }

  async function generateCode(tx: AppDb, tenantId: string, type: PartnerType): Promise<string> {
    const prefix = PARTNER_CODE_PREFIX[type];
    // Deleted partners included: a code is never reused.
    const taken = await tx
      .select({ code: p.code })
      .from(p)
      .where(and(eq(p.tenantId, tenantId), like(p.code, `${prefix}-%`)));
    return nextPartnerCode(type, taken.map((r) => r.code));
  }

  async function assertCodeFree(tx: AppDb, tenantId: string, code: string, exceptId?: string): Promise<void> {
    const [row] = await tx.select({ id: p.id }).from(p).where(and(eq(p.tenantId, tenantId), eq(p.code, code)));
    if (row && row.id !== exceptId) throw new AppError('validation', `Code ${code} is already used by another partner (codes are never reused)`, 'code');
  }

  /**
   * A generated code is computed from the codes in use, so two desktops creating a partner of
   * the same type at once can compute the same one; the unique (tenant, code) index lets only
   * one insert through. The other's whole write rolls back and is tried again with a freshly
   * computed code, a bounded number of times. A code the user typed is never changed: taken
   * meanwhile, it is reported as such.
   */
  async function create(session: ActiveSession, input: CreateInput): Promise<Partner> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await insertPartner(session, input);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        if (input.code) throw new AppError('validation', `Code ${input.code} was just taken by another partner (codes are never reused)`, 'code');
        if (attempt >= CODE_ATTEMPTS) throw new AppError('conflict', 'Could not find a free partner code; please save again', 'code');
      }
    }
  }

  /** One attempt: the code (generated or typed), the row and its audit entry, in one write. */
  async function insertPartner(session: ActiveSession, input: CreateInput): Promise<Partner> {
    return database.write(async (tx) => {
      const now = clock();
      const code = input.code ?? (await generateCode(tx, session.tenantId, input.type));
      if (input.code) await assertCodeFree(tx, session.tenantId, code);
      const terms = normaliseCommercialTerms(input.terms);
      const displayName = input.displayName ?? input.legalName;
      const id = newId();
      const row: PartnerRow = {
        id,
        tenantId: session.tenantId,
        code,
        type: input.type,
        legalName: input.legalName,
        displayName,
        contactName: input.contact.name,
        contactEmail: input.contact.email,
        contactPhone: input.contact.phone ?? null,
        address: {
          line1: input.address.line1 ?? null,
          line2: input.address.line2 ?? null,
          city: input.address.city ?? null,
          postalCode: input.address.postalCode ?? null,
          region: input.address.region ?? null,
        },
        country: input.country,
        taxId: input.taxId ?? null,
        commissionModel: terms.commissionModel,
        rateBp: terms.rateBp,
        fixedPriceMinor: terms.fixedPriceMinor,
        tier: terms.tier,
        monthlyLeadQuota: terms.monthlyLeadQuota,
        payoutMethod: input.payoutMethod,
        status: 'pending',
        statusReason: null,
        statusChangedAt: now,
        approvedBy: null,
        approvedAt: null,
        kycStatus: 'not_started',
        kycDecision: null,
        kycDecidedAt: null,
        kycDecidedBy: null,
        kycExpiresOn: null,
        ...NO_BANKING,
        searchText: searchTextOf({ code, legalName: input.legalName, displayName, contactName: input.contact.name, contactEmail: input.contact.email, taxId: input.taxId ?? null }),
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      await tx.insert(p).values(row);
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'partner.created',
        resourceType: 'partner',
        resourceId: id,
        details: { code, type: input.type, legalName: input.legalName, terms },
      });
      return toPartner(database, tx, row, await partnerView(database, tx, session, now));
    });
  }

  async function update(session: ActiveSession, input: UpdateInput): Promise<Partner> {
    return database.write(async (tx) => {
      const before = await loadPartner(database, tx, session.tenantId, input.id, true);
      if (input.code && input.code !== before.code) await assertCodeFree(tx, session.tenantId, input.code, before.id);
      const terms = input.terms ? normaliseCommercialTerms(input.terms) : null;
      const next = {
        code: input.code ?? before.code,
        type: input.type ?? before.type,
        legalName: input.legalName ?? before.legalName,
        displayName: input.displayName ?? before.displayName,
        contactName: input.contact?.name ?? before.contactName,
        contactEmail: input.contact?.email ?? before.contactEmail,
        contactPhone: input.contact ? (input.contact.phone ?? null) : before.contactPhone,
        address: input.address
          ? {
              line1: input.address.line1 ?? null,
              line2: input.address.line2 ?? null,
              city: input.address.city ?? null,
              postalCode: input.address.postalCode ?? null,
              region: input.address.region ?? null,
            }
          : before.address,
        country: input.country ?? before.country,
        taxId: input.taxId ?? before.taxId,
        commissionModel: terms?.commissionModel ?? before.commissionModel,
        rateBp: terms?.rateBp ?? before.rateBp,
        fixedPriceMinor: terms?.fixedPriceMinor ?? before.fixedPriceMinor,
        tier: terms?.tier ?? before.tier,
        monthlyLeadQuota: terms?.monthlyLeadQuota ?? before.monthlyLeadQuota,
        payoutMethod: input.payoutMethod ?? before.payoutMethod,
      };
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [key, value] of Object.entries(next)) {
        const old = before[key as keyof typeof next];
        // Canonical JSON: Postgres jsonb returns the address with its keys reordered, which is no change.
        if (canonicalize(old) !== canonicalize(value)) changes[key] = { from: old, to: value };
      }
      if (Object.keys(changes).length === 0) return toPartner(database, tx, before, await viewNow(tx, session));
      const now = clock();
      const [row] = await tx
        .update(p)
        .set({ ...next, searchText: searchTextOf(next), updatedAt: now })
        .where(eq(p.id, before.id))
        .returning();
      if (!row) throw new Error('partner vanished');
      await audit.record(tx, { tenantId: session.tenantId, actor: actorOf(session), action: 'partner.updated', resourceType: 'partner', resourceId: row.id, details: { code: row.code, changes } });
      return toPartner(database, tx, row, await partnerView(database, tx, session, now));
    });
  }

  /** A status change's update, built once (data/prepared.ts); an approval also records who approved. */
  const statusSet = {
    status: slot('status', p.status),
    statusReason: slot('statusReason', p.statusReason),
    statusChangedAt: slot('statusChangedAt', p.statusChangedAt),
    updatedAt: slot('updatedAt', p.updatedAt),
  };
  const statusStatement = prepared(database, 'partner_status_set', (db) => db.update(p).set(statusSet).where(eq(p.id, slot('id'))));
  const approveStatement = prepared(database, 'partner_status_approve', (db) =>
    db
      .update(p)
      .set({ ...statusSet, approvedBy: slot('approvedBy', p.approvedBy), approvedAt: slot('approvedAt', p.approvedAt) })
      .where(eq(p.id, slot('id'))),
  );

  /** Every status change goes through the domain's transition table; nothing else writes `status`. */
  async function transition(session: ActiveSession, id: string, action: PartnerAction, text: string | undefined): Promise<Partner> {
    if (session.userKind !== 'staff' || !canRolePerform(session.role, action)) throw new AppError('forbidden', 'Your role does not allow this');
    const reason = reasonForTransition(action, text);
    return database.write(async (tx) => {
      const before = await loadPartner(database, tx, session.tenantId, id, true);
      const view = await viewNow(tx, session);
      // An approval reads the documents (and refreshes the stored KYC) first; the answer reuses them.
      let refreshed: KycRefresh | null = null;
      if (action === 'approve') {
        refreshed = await refreshKycOf(database, tx, before, view.today);
        assertCanApprove({ status: before.status as PartnerStatus, kycStatus: refreshed.kyc.status }, { approvalRequiresVerifiedKyc: view.settings.approvalNeedsVerifiedKyc });
      }
      const status = nextPartnerStatus(before.status as PartnerStatus, action);
      const now = clock();
      const change = { status, statusReason: reason, statusChangedAt: now, updatedAt: now, ...(action === 'approve' ? { approvedBy: session.userId, approvedAt: now } : {}) };
      await (action === 'approve' ? approveStatement : statusStatement).run(tx, { id: before.id, ...change });
      // The row is locked (Postgres) or the writer exclusive (SQLite), so the new row is the loaded
      // one with these changes: the update needs no RETURNING.
      const row: PartnerRow = { ...before, ...refreshed?.stored, ...change };
      // Its portal users may act only while it is active.
      await invalidateSessions(database, tx, { partner: row.id });
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: AUDIT_ACTION[action],
        resourceType: 'partner',
        resourceId: row.id,
        details: { code: row.code, from: before.status, to: status, ...(reason ? { reason } : {}) },
      });
      return toPartner(database, tx, row, view, refreshed?.documents);
    });
  }

  async function softDelete(session: ActiveSession, id: string, reason: string | undefined): Promise<{ deleted: true }> {
    return database.write(async (tx) => {
      const before = await loadPartner(database, tx, session.tenantId, id, true);
      const now = clock();
      await tx.update(p).set({ deletedAt: now, updatedAt: now }).where(eq(p.id, before.id));
      const u = database.t.partnerUsers;
      await tx.update(u).set({ deactivatedAt: now }).where(and(eq(u.partnerId, before.id), isNull(u.deactivatedAt)));
      await tx.update(u).set({ deletedAt: now }).where(and(eq(u.partnerId, before.id), isNull(u.deletedAt)));
      await invalidateSessions(database, tx, { partner: before.id });
      await audit.record(tx, { tenantId: session.tenantId, actor: actorOf(session), action: 'partner.deleted', resourceType: 'partner', resourceId: before.id, details: { code: before.code, legalName: before.legalName, ...(reason ? { reason } : {}) } });
      return { deleted: true as const };
    });
  }

  return { list, get, create, update, transition, softDelete };
}

export type PartnerService = ReturnType<typeof partnerService>;
