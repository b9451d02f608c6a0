import { and, desc, eq, gt } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { BankingDetails, Partner, PayoutMethod } from '../../../src-shared/contract/partners';
import { bankingFingerprint, bankingVerifierTooNew, bankingVerifyBlocker, maskBanking, REVEAL_BEFORE_VERIFY } from '../../domain/partners/banking';
import type { AppDb } from '../../data/database';
import { SUBKEY_INFO } from '../../security/key-provider';
import { decryptJson, encryptJson, keyringOf } from '../../security/secret-box';
import type { AuditService } from '../activity/audit';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';
import { loadPartner, partnerView, toPartner, type PartnerRow } from './partner-rows';

/** Binds a sealed envelope to its partner: a ciphertext copied onto another row will not open. */
const sealContext = (partnerId: string) => `partner:${partnerId}:banking`;

/** A partner's sealed banking details opened, for the services that pay it (finance's payment files). */
export function unsealBanking(sealed: string, partnerId: string, key: Parameters<typeof keyringOf>[0]): BankingDetails {
  return decryptJson<BankingDetails>(sealed, keyringOf(key), sealContext(partnerId));
}

/** Banking details sealed for a partner as `set` stores them (test builders write rows directly with it). */
export function sealBanking(details: BankingDetails, partnerId: string, key: Parameters<typeof encryptJson>[1]): string {
  return encryptJson(details, key, sealContext(partnerId));
}

export interface BankingChange {
  details: BankingDetails;
  /** Set with the details when given (the partner's own form chooses both); else unchanged. */
  payoutMethod?: PayoutMethod | undefined;
}

/**
 * The change of a partner's banking details, shared by staff (`partners.banking.set`) and the
 * partner's own admin (`portal.setBanking`), so the hold rule is written once: sealed for its
 * partner, masked, unpaid payouts on hold until a different admin re-verifies, the verification
 * cleared, one `partner.banking_changed` row naming the caller (staff or partner user) by the
 * masked forms and the keyed fingerprint. `then` shapes the answer inside the same write.
 */
export function bankingChanger(deps: ServiceDeps, audit: AuditService) {
  const { database, clock, keys } = deps;
  const p = database.t.partners;
  return async function changeBanking<T>(session: ActiveSession, partnerId: string, change: BankingChange, then: (tx: AppDb, row: PartnerRow, now: Date) => Promise<T>): Promise<T> {
    const { details } = change;
    const key = await keys.getDataKey();
    const fingerprint = bankingFingerprint(details, await keys.getSubkey(SUBKEY_INFO.bankingFingerprint));
    return database.write(async (tx) => {
      const before = await loadPartner(database, tx, session.tenantId, partnerId, true);
      const masked = maskBanking(details);
      const now = clock();
      const methodChange = change.payoutMethod !== undefined && change.payoutMethod !== before.payoutMethod ? { from: before.payoutMethod, to: change.payoutMethod } : null;
      const [row] = await tx
        .update(p)
        .set({
          bankingSealed: encryptJson(details, key, sealContext(before.id)),
          bankingMasked: { ...masked },
          bankingOnHold: true,
          bankingChangedBy: session.userId,
          bankingChangedAt: now,
          bankingVerifiedAt: null,
          bankingVerifiedBy: null,
          ...(methodChange ? { payoutMethod: methodChange.to } : {}),
          updatedAt: now,
        })
        .where(eq(p.id, before.id))
        .returning();
      if (!row) throw new Error('partner vanished');
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'partner.banking_changed',
        resourceType: 'partner',
        resourceId: row.id,
        // Only the masked forms and the keyed fingerprint reach the audit trail.
        details: {
          code: row.code,
          from: (before.bankingMasked as { display?: string } | null)?.display ?? null,
          to: masked.display,
          fingerprint,
          payoutsOnHold: true,
          ...(methodChange ? { payoutMethod: methodChange } : {}),
        },
      });
      return then(tx, row, now);
    });
  };
}

/**
 * Banking details: sealed with AES-256-GCM at rest, masked everywhere, revealed only to admin
 * and finance with an audit row. A change puts unpaid payouts on hold until a *different*
 * admin re-verifies: changing a partner's bank account is the classic fraud path, so the
 * person who changed it cannot also clear it, nor can an admin who arrived (or became admin)
 * after the change, nor one who has not looked at the new details (an audited reveal). The
 * trail names the details by a keyed fingerprint, so it shows which account was set, verified
 * and revealed without holding the account itself.
 */
export function bankingService(deps: ServiceDeps, audit: AuditService) {
  const { database, clock, keys } = deps;
  const p = database.t.partners;
  const { activity, staffUsers, memberships } = database.t;
  const fingerprintKey = () => keys.getSubkey(SUBKEY_INFO.bankingFingerprint);
  const changeBanking = bankingChanger(deps, audit);

  /** Whether `userId` revealed the partner's banking after its latest change (both are audit rows; seq orders them). */
  async function revealedSinceChange(tx: AppDb, tenantId: string, partnerId: string, userId: string): Promise<boolean> {
    const about = and(eq(activity.tenantId, tenantId), eq(activity.resourceType, 'partner'), eq(activity.resourceId, partnerId));
    const [change] = await tx
      .select({ seq: activity.seq })
      .from(activity)
      .where(and(about, eq(activity.action, 'partner.banking_changed')))
      .orderBy(desc(activity.seq))
      .limit(1);
    const [reveal] = await tx
      .select({ seq: activity.seq })
      .from(activity)
      .where(and(about, eq(activity.action, 'partner.banking_revealed'), eq(activity.actorId, userId), gt(activity.seq, change?.seq ?? 0)))
      .limit(1);
    return reveal !== undefined;
  }

  /** The verifier's account and admin role must predate the change (see bankingVerifierTooNew). */
  async function verifierTooNew(tx: AppDb, session: ActiveSession, changedAt: Date): Promise<string | null> {
    const [me] = await tx
      .select({ accountCreatedAt: staffUsers.createdAt, roleSince: memberships.roleSince, membershipCreatedAt: memberships.createdAt })
      .from(memberships)
      .innerJoin(staffUsers, eq(staffUsers.id, memberships.userId))
      .where(and(eq(memberships.tenantId, session.tenantId), eq(memberships.userId, session.userId)));
    if (!me) throw new AppError('forbidden', 'You are not a member of this workspace');
    return bankingVerifierTooNew(changedAt, me);
  }

  async function set(session: ActiveSession, id: string, details: BankingDetails): Promise<Partner> {
    return changeBanking(session, id, { details }, async (tx, row, now) => toPartner(database, tx, row, await partnerView(database, tx, session, now)));
  }

  async function verify(session: ActiveSession, id: string): Promise<Partner> {
    const key = await keys.getDataKey();
    const fpKey = await fingerprintKey();
    return database.write(async (tx) => {
      const before = await loadPartner(database, tx, session.tenantId, id, true);
      if (!before.bankingSealed) throw new AppError('invalid_transition', 'This partner has no banking details to verify');
      if (!before.bankingOnHold) throw new AppError('invalid_transition', 'These banking details are already verified');
      const fourEyes = bankingVerifyBlocker(before.bankingChangedBy, session.userId);
      if (fourEyes) throw new AppError('forbidden', fourEyes);
      // A change from before bankingChangedAt existed counts as made at the epoch: any admin then predates it.
      const tooNew = await verifierTooNew(tx, session, before.bankingChangedAt ?? new Date(0));
      if (tooNew) throw new AppError('forbidden', tooNew);
      if (!(await revealedSinceChange(tx, session.tenantId, before.id, session.userId))) throw new AppError('conflict', REVEAL_BEFORE_VERIFY);
      const fingerprint = bankingFingerprint(unsealBanking(before.bankingSealed, before.id, key), fpKey);
      const now = clock();
      const [row] = await tx
        .update(p)
        .set({ bankingOnHold: false, bankingVerifiedAt: now, bankingVerifiedBy: session.userId, updatedAt: now })
        .where(eq(p.id, before.id))
        .returning();
      if (!row) throw new Error('partner vanished');
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'partner.banking_verified',
        resourceType: 'partner',
        resourceId: row.id,
        details: { code: row.code, banking: (row.bankingMasked as { display?: string } | null)?.display ?? null, fingerprint, payoutsOnHold: false },
      });
      return toPartner(database, tx, row, await partnerView(database, tx, session, now));
    });
  }

  /** A mutation, not a query: every reveal writes its audit row before the details leave. */
  async function reveal(session: ActiveSession, id: string, reason: string | undefined): Promise<BankingDetails> {
    const key = await keys.getDataKey();
    const fpKey = await fingerprintKey();
    return database.write(async (tx) => {
      const row = await loadPartner(database, tx, session.tenantId, id);
      if (!row.bankingSealed) throw new AppError('not_found', 'This partner has no banking details');
      const details = decryptJson<BankingDetails>(row.bankingSealed, keyringOf(key), sealContext(row.id));
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'partner.banking_revealed',
        resourceType: 'partner',
        resourceId: row.id,
        // The fingerprint says which details were seen: verify relies on a reveal of the current ones.
        details: { code: row.code, fingerprint: bankingFingerprint(details, fpKey), ...(reason ? { reason } : {}) },
      });
      return details;
    });
  }

  return { set, verify, reveal };
}
