import { contract } from '../../../src-shared/contract';
import type { MaskedBanking, PayoutMethod } from '../../../src-shared/contract/partners';
import type { PortalBanking } from '../../../src-shared/contract/portal';
import type { AuditService } from '../activity/audit';
import type { PartnerSession, ServiceDeps } from '../context';
import { bankingChanger, type BankingChange } from '../partners/banking';
import { loadPartner, type PartnerRow } from '../partners/partner-rows';

/*
 * `portal.banking` and `portal.setBanking`: the partner's own payout method and masked banking.
 * A change goes through the same core as staff's `partners.banking.set` (partners/banking.ts):
 * sealed at rest, unpaid payouts on hold until a staff admin re-verifies, audited with the
 * partner user as the actor. The details are never returned unmasked, not even to their author.
 */

/** Whether the caller may change them: read from the contract's access, not a second role list. */
const mayChange = (session: PartnerSession) => (contract['portal.setBanking'].access as readonly string[]).includes(session.role);

function toBanking(row: PartnerRow, session: PartnerSession): PortalBanking {
  return {
    payoutMethod: row.payoutMethod as PayoutMethod,
    banking: (row.bankingMasked as MaskedBanking | null) ?? null,
    onHold: row.bankingOnHold,
    verifiedAt: row.bankingVerifiedAt?.toISOString() ?? null,
    canChange: mayChange(session),
  };
}

export function portalBankingService(deps: ServiceDeps, audit: AuditService) {
  const { database } = deps;
  const changeBanking = bankingChanger(deps, audit);

  async function banking(session: PartnerSession): Promise<PortalBanking> {
    return toBanking(await loadPartner(database, database.db, session.tenantId, session.partnerId), session);
  }

  async function setBanking(session: PartnerSession, change: BankingChange): Promise<PortalBanking> {
    return changeBanking(session, session.partnerId, change, async (_tx, row) => toBanking(row, session));
  }

  return { banking, setBanking };
}
