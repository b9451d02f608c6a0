import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { LeadImport } from '@shared/contract/leads';
import { useProcQuery } from '../../../api/hooks';
import { invalidateAfter } from '../../../api/invalidation';

const POLL_MS = 400;

/**
 * A just-started import, polled while it runs. When it ends, the queries the import changed (the queue,
 * the lists, the recent imports) are refreshed as after the mutation itself: the leads were
 * written after `leads.startImport` had already answered.
 */
export function useImportProgress(started: LeadImport) {
  const { id } = started;
  const queryClient = useQueryClient();
  // Starts from what leads.startImport answered, so the progress shows at once, not after the first poll.
  const query = useProcQuery('leads.import', { id }, { initialData: started, refetchInterval: (q) => (q.state.data?.status === 'running' ? POLL_MS : false) });
  const status = query.data?.status;
  // Once per import, also when a small file has finished before the first poll.
  const refreshedFor = useRef<string | null>(null);
  useEffect(() => {
    if (status && status !== 'running' && refreshedFor.current !== id) {
      refreshedFor.current = id;
      void invalidateAfter(queryClient, 'leads.startImport');
    }
  }, [id, status, queryClient]);
  return query;
}
