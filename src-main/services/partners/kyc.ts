import { eq } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { Partner } from '../../../src-shared/contract/partners';
import type { AuditService } from '../activity/audit';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';
import { kycSignOffBlocker } from '../../domain/partners/kyc-status';
import { loadPartner, partnerView, refreshKyc, toPartner } from './partner-rows';

/**
 * The reviewer's overall KYC decision on a partner (`partners.kyc.*`). The documents it rests on
 * are ./documents.ts; the status itself is derived by the domain (domain/partners/kyc-status.ts).
 */
export function kycService(deps: ServiceDeps, audit: AuditService) {
  const { database, clock } = deps;
  const p = database.t.partners;

  /** The reviewer's overall KYC decision; a sign-off needs every required document verified and current. */
  async function decideKyc(session: ActiveSession, partnerId: string, decision: 'verified' | 'rejected', text: string | undefined): Promise<Partner> {
    return database.write(async (tx) => {
      const before = await loadPartner(database, tx, session.tenantId, partnerId, true);
      const now = clock();
      const view = await partnerView(database, tx, session, now);
      const [row] = await tx
        .update(p)
        .set({ kycDecision: decision, kycDecidedAt: now, kycDecidedBy: session.userId, updatedAt: now })
        .where(eq(p.id, before.id))
        .returning();
      if (!row) throw new Error('partner vanished');
      const kyc = await refreshKyc(database, tx, row, view.today);
      const blocker = decision === 'verified' ? kycSignOffBlocker(kyc) : null;
      // Throwing rolls the decision back: nothing is half-written.
      if (blocker) throw new AppError('invalid_transition', blocker);
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: decision === 'verified' ? 'partner.kyc_verified' : 'partner.kyc_rejected',
        resourceType: 'partner',
        resourceId: row.id,
        details: { code: row.code, kycStatus: kyc.status, ...(text ? { [decision === 'verified' ? 'note' : 'reason']: text } : {}) },
      });
      const [fresh] = await tx.select().from(p).where(eq(p.id, row.id));
      return toPartner(database, tx, fresh ?? row, view);
    });
  }

  return {
    verify: (s: ActiveSession, partnerId: string, note?: string) => decideKyc(s, partnerId, 'verified', note),
    reject: (s: ActiveSession, partnerId: string, reason: string) => decideKyc(s, partnerId, 'rejected', reason),
  };
}
