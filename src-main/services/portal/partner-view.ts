import type { z } from 'zod';
import type { contract } from '../../../src-shared/contract';
import type { AuditService } from '../activity/audit';
import type { SessionService } from '../auth/sessions';
import type { ActiveSession, ServiceDeps } from '../context';
import { readMoneySettings } from '../payouts/money-settings';
import type { BankingChange } from '../partners/banking';
import { portalBankingService } from './view-banking';
import { portalHomeReader } from './view-home';
import { portalNotificationsService } from './view-notifications';
import { portalPayoutsService } from './view-payouts';
import { partnerSessionOf } from './view-scope';

type PayoutsInput = z.output<(typeof contract)['portal.payouts']['input']>;

/**
 * The portal's read side and the partner's banking (`portal.home`, `portal.notifications`,
 * `portal.markNotificationsSeen`, `portal.payouts`, `portal.payout`, `portal.banking`,
 * `portal.setBanking`), one file per screen (./view-*.ts). Every call is about the session's
 * partner; no input names a partner.
 */
export function partnerViewService(deps: ServiceDeps, audit: AuditService, _sessions: SessionService) {
  const home = portalHomeReader(deps, audit);
  const notes = portalNotificationsService(deps, audit);
  const payouts = portalPayoutsService(deps);
  const banking = portalBankingService(deps, audit);

  // Async throughout, so a refused session is a rejected promise like every other refusal.
  return {
    home: async (session: ActiveSession) => home(partnerSessionOf(session)),
    notifications: async (session: ActiveSession) => {
      const me = partnerSessionOf(session);
      const money = await readMoneySettings(deps.database, deps.database.db, me.tenantId);
      return notes.notifications(me, money.currency);
    },
    markNotificationsSeen: async (session: ActiveSession) => notes.markSeen(partnerSessionOf(session)),
    payouts: async (session: ActiveSession, input: PayoutsInput) => payouts.list(partnerSessionOf(session), input),
    payout: async (session: ActiveSession, id: string) => payouts.get(partnerSessionOf(session), id),
    banking: async (session: ActiveSession) => banking.banking(partnerSessionOf(session)),
    setBanking: async (session: ActiveSession, change: BankingChange) => banking.setBanking(partnerSessionOf(session), change),
  };
}
