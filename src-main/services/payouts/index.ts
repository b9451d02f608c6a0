import type { AuditService } from '../activity/audit';
import type { ServiceDeps } from '../context';
import { payoutService } from './payouts';
import { financeService } from './finance';
import { payoutExportService } from './exports';
import { statisticsService } from './statistics';

/**
 * The payouts domain: generation, review and requests (./payouts.ts and the files it uses),
 * finance's payment (./finance.ts), its files and statements (./exports.ts), balances and statistics
 * (./statistics.ts); partner_months upkeep for every writer is ./partner-months.ts.
 */
export function createPayoutServices(deps: ServiceDeps, audit: AuditService) {
  return { ...payoutService(deps, audit), ...financeService(deps, audit), ...payoutExportService(deps, audit), ...statisticsService(deps, audit) };
}

export type PayoutServices = ReturnType<typeof createPayoutServices>;
