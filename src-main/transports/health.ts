import type { Hono } from 'hono';
import type { HealthReport } from '../data/store-health';

export type { HealthReport } from '../data/store-health';

export const HEALTH_PATH = '/healthz';

/**
 * GET /healthz: 200 when this process can serve (the store answers and its migrations are this
 * build's), else 503, with which part failed and never why (the reason is in the log).
 *
 * Mounted ahead of the Host check on purpose: an orchestrator's or load balancer's probe names
 * the process by its IP address (Kubernetes sends `Host: <pod IP>:<port>`), which no public
 * origin lists. The answer holds nothing a rebinding page could use: three words of status.
 */
export function mountHealth(app: Hono, check: () => Promise<HealthReport>): void {
  app.get(HEALTH_PATH, async (c) => {
    let report: HealthReport;
    try {
      report = await check();
    } catch {
      report = { ok: false, database: 'unreachable', migrations: 'unknown' };
    }
    c.header('Cache-Control', 'no-store');
    return c.json(report, report.ok ? 200 : 503);
  });
}
