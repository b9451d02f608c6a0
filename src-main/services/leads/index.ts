import type { AuditService } from '../activity/audit';
import type { ServiceDeps } from '../context';
import { leadDashboardService } from './dashboard';
import { leadImportService } from './imports';
import { leadService } from './leads';
import { leadRescoringService } from './rescoring';
import { leadSettingsService } from './settings';

/**
 * The leads domain, shaped like its procedure names: `leads.<verb>` is ./leads.ts, `leads.dashboard` ./dashboard.ts,
 * `leads.settings` and `leads.updateSettings` ./settings.ts, `leads.previewWeights` and `leads.rescore` ./rescoring.ts,
 * the CSV import (`leads.previewImport`, `leads.startImport`, `leads.import`, `leads.imports`, `leads.importReport`) ./imports.ts.
 */
export function createLeadServices(deps: ServiceDeps, audit: AuditService) {
  return { ...leadService(deps, audit), ...leadDashboardService(deps), ...leadSettingsService(deps, audit), ...leadRescoringService(deps, audit), ...leadImportService(deps, audit) };
}

export type LeadServices = ReturnType<typeof createLeadServices>;
