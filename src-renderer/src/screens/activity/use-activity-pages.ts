import { useInfiniteQuery } from '@tanstack/react-query';
import type { ActivityPage, Input } from '@shared/contract';
import { call } from '../../api/client';

export type ActivityFilters = Omit<Input<'activity.list'>, 'beforeSeq' | 'limit'>;

const PAGE_SIZE = 50;

/**
 * The audit trail, newest first, a page at a time: each page's `nextBeforeSeq` becomes the next
 * call's `beforeSeq` ("Load older"). The key starts with the procedure name so mutations
 * invalidate it like any other `activity.` query.
 */
export function useActivityPages(filters: ActivityFilters, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['activity.list', filters, 'pages'] as const,
    queryFn: ({ pageParam }) =>
      call('activity.list', { ...filters, limit: PAGE_SIZE, ...(pageParam === undefined ? {} : { beforeSeq: pageParam }) }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last: ActivityPage) => last.nextBeforeSeq ?? undefined,
    enabled,
  });
}
