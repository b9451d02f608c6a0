import type { AuditService } from '../activity/audit';
import type { ServiceDeps } from '../context';
import { payoutGenerationService } from './generation';
import { payoutRequestService } from './requests';
import { payoutReviewService } from './review';
import { moneySettingsService } from './settings';

/**
 * Generation (./generation.ts: `payouts.generate`, `payouts.run`, `payouts.runs`), review
 * (./review.ts: list, get, decideLine, approve, reject), partner requests (./requests.ts) and the
 * money settings (./settings.ts).
 */
export function payoutService(deps: ServiceDeps, audit: AuditService) {
  return { ...payoutGenerationService(deps, audit), ...payoutReviewService(deps, audit), ...payoutRequestService(deps, audit), ...moneySettingsService(deps, audit) };
}
