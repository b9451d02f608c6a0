import { z } from 'zod';
import { ALL_STAFF, PARTNER_ROLES, type Role } from '../roles';
import { mutation, query } from '../procedure';
import { id } from '../fields';
import {
  approvePayoutInput,
  declineRequestInput,
  decideLineInput,
  generatePayoutsInput,
  listPayoutsInput,
  listRequestsInput,
  rejectPayoutInput,
  requestPayoutInput,
  updateMoneySettingsInput,
} from './fields';
import { PAYOUT_TRANSITIONS } from './transitions';
import type { MoneySettings } from './settings-types';
import type { PayoutDetail, PayoutPage, PayoutRequest, PayoutRun, PayoutRunSummary } from './types';

/**
 * Generation, review and partner requests (services/payouts/payouts.ts and the files it uses),
 * and the money settings. Deciders are the payout table's (admin, manager); the per-person
 * four-eyes rules are the service's.
 */

const DECIDERS = PAYOUT_TRANSITIONS.approve.roles;
const REQUESTERS: readonly Role[] = ['partner_admin', 'partner_lead_manager'];
const REQUEST_READERS: readonly Role[] = [...ALL_STAFF, ...PARTNER_ROLES];

export const payoutProcedures = {
  'payouts.generate': mutation(generatePayoutsInput)
    .effects('payouts', 'credits', 'activity')
    .returns<PayoutRun>(
      DECIDERS,
      'Generates payouts for a period (default the previous calendar month): one partner answers with the finished run; all partners return the run at once and go on in the background (progress in payouts.run). The same idempotency key returns the same run.',
    ),
  'payouts.run': query(z.object({ id }).strict()).returns<PayoutRun>(ALL_STAFF, "A generation run's progress, and its report once done: payouts made and every partner skipped with its reason."),
  'payouts.runs': query(z.object({}).strict()).returns<PayoutRunSummary[]>(ALL_STAFF, 'The recent generation runs, newest first (their reports stay viewable).'),
  'payouts.list': query(listPayoutsInput).returns<PayoutPage>(ALL_STAFF, 'Payouts, newest first, filtered by status and partner, in keyset pages, with the totals of the filter.'),
  'payouts.get': query(z.object({ id }).strict()).returns<PayoutDetail>(ALL_STAFF, 'One payout with its lines, the approvals so far, what the caller may do and what stands in the way.'),
  'payouts.decideLine': mutation(decideLineInput)
    .effects('payouts', 'credits', 'activity')
    .returns<PayoutDetail>(DECIDERS, "Approves or rejects one line of a pending payout (a note is required to reject; the line's credit returns to the pool)."),
  'payouts.approve': mutation(approvePayoutInput)
    .effects('payouts', 'credits', 'activity')
    .returns<PayoutDetail>(DECIDERS, 'Approves a pending payout (remaining lines approved); not by its generator; above the threshold a second, different manager completes it.'),
  'payouts.reject': mutation(rejectPayoutInput)
    .effects('payouts', 'credits', 'activity')
    .returns<PayoutDetail>(DECIDERS, 'Rejects a pending payout with notes: every credit returns to the pool for a later payout.'),
  'payouts.request': mutation(requestPayoutInput)
    .effects('payouts', 'activity')
    .returns<PayoutRequest>(REQUESTERS, "A partner user asks for a payout of its available balance (at least the workspace minimum; one open request at a time)."),
  'payouts.requests': query(listRequestsInput).returns<PayoutRequest[]>(REQUEST_READERS, 'Payout requests, newest first (partner users see their own partner only).'),
  'payouts.declineRequest': mutation(declineRequestInput).effects('payouts', 'activity').returns<PayoutRequest>(DECIDERS, 'Declines an open payout request with a reason the partner sees.'),
  'payouts.settings': query(z.object({}).strict()).returns<MoneySettings>(ALL_STAFF, "The workspace's money settings: minimum payout, second-approval threshold, debtor account, journal account codes."),
  'payouts.updateSettings': mutation(updateMoneySettingsInput)
    .effects('payouts', 'workspaces', 'activity')
    .returns<MoneySettings>(['admin'], 'Changes money settings (each alone); audited with before and after.'),
} as const;
