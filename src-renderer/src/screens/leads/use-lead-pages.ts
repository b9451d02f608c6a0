import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { Input } from '@shared/contract';
import type { LeadPage } from '@shared/contract/leads';
import { call } from '../../api/client';

export type QueueFilters = Omit<Input<'leads.queue'>, 'cursor' | 'limit'>;
export type ListFilters = Omit<Input<'leads.list'>, 'cursor' | 'limit'>;

const PAGE_SIZE = 100;

/**
 * A lead procedure's keyset pages: each page's `nextCursor` is the next call's `cursor` (never an
 * offset, so page 1,000 costs what page 1 does). The key starts with the procedure name, so the
 * lead mutations' declared effects invalidate it like any other `leads.` query.
 */
export function useQueuePages(filters: QueueFilters) {
  return useInfiniteQuery({
    queryKey: ['leads.queue', filters, 'pages'] as const,
    queryFn: ({ pageParam }) => call('leads.queue', { ...filters, limit: PAGE_SIZE, ...(pageParam === undefined ? {} : { cursor: pageParam }) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: LeadPage) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useListPages(filters: ListFilters) {
  return useInfiniteQuery({
    queryKey: ['leads.list', filters, 'pages'] as const,
    queryFn: ({ pageParam }) => call('leads.list', { ...filters, limit: PAGE_SIZE, ...(pageParam === undefined ? {} : { cursor: pageParam }) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: LeadPage) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
