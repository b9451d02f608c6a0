import type { QueryClient } from '@tanstack/react-query';
import type { ProcedureName } from '@shared/contract';
import { mutationAffects } from '@shared/contract/effects';

/**
 * Refetches every cached query that a successful mutation may have changed, as the mutation's
 * declared effects say (src-shared/contract: `mutation(input).effects(...)`).
 */
export function invalidateAfter(queryClient: QueryClient, mutation: ProcedureName): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (query) => {
      const head = query.queryKey[0];
      return typeof head === 'string' && mutationAffects(mutation, head);
    },
  });
}
