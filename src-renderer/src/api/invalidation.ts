import type { QueryClient } from '@tanstack/react-query';
import { contract, type ProcedureName } from '@shared/contract';
import { domainsAffect } from '@shared/contract/effects';

/**
 * Refetches every cached query that a successful mutation may have changed, as the mutation's
 * declared effects say (src-shared/contract: `mutation(input).effects(...)`).
 */
export function invalidateAfter(queryClient: QueryClient, mutation: ProcedureName): Promise<void> {
  return invalidateDomains(queryClient, contract[mutation].effects);
}

/** The same for a live-update event: someone else's mutation changed these domains. */
export function invalidateDomains(queryClient: QueryClient, domains: readonly string[]): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (query) => {
      const head = query.queryKey[0];
      return typeof head === 'string' && domainsAffect(domains, head);
    },
  });
}
