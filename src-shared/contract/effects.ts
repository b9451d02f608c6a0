import { contract, type ProcedureName } from './index';
import { domainOf } from './domains';

/**
 * Whether a cached query may have been changed by a mutation: the query's domain (the first
 * segment of its name) is among the domains the mutation declares it changes. The renderer's
 * cache invalidation uses this, so there is no hand-kept invalidation map to forget.
 */
export function mutationAffects(mutation: ProcedureName, queryName: string): boolean {
  const { effects } = contract[mutation];
  return (effects as readonly string[]).includes(domainOf(queryName));
}
