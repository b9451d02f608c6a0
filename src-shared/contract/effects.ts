import { contract, type ProcedureName } from './index';
import { domainOf, type Domain } from './domains';

/**
 * Queries that show more than their own domain's data: the portal's home, notifications and
 * payouts summarise the partner's leads, credits and payouts, so a change there refetches them.
 */
const ALSO_READS: Partial<Record<string, readonly Domain[]>> = { portal: ['partners', 'leads', 'credits', 'payouts'] };

/**
 * Whether a cached query may have been changed by a mutation: the query's domain (the first
 * segment of its name, plus ALSO_READS) is among the domains the mutation declares it changes. The renderer's
 * cache invalidation uses this, so there is no hand-kept invalidation map to forget.
 */
export function mutationAffects(mutation: ProcedureName, queryName: string): boolean {
  return domainsAffect(contract[mutation].effects, queryName);
}

/** The same rule for a live-update event, which names the changed domains (another user's mutation). */
export function domainsAffect(changed: readonly string[], queryName: string): boolean {
  const domain = domainOf(queryName);
  const reads = [domain, ...(ALSO_READS[domain] ?? [])];
  return reads.some((d) => changed.includes(d));
}
