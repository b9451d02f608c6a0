import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { Input, Output, ProcedureName } from '@shared/contract';
import { call } from './client';

/** The procedures that answer in keyset pages: they take a `cursor` and return `rows` and `nextCursor`. */
export type CursorProcedure = {
  [N in ProcedureName]: Input<N> extends { cursor?: string; limit?: number } ? (Output<N> extends { rows: unknown[]; nextCursor: string | null } ? N : never) : never;
}[ProcedureName];

/** A paged procedure's input without the paging: what the screen chooses (filters, sort, search). */
export type PageFilters<N extends CursorProcedure> = Omit<Input<N>, 'cursor' | 'limit'>;

/**
 * A procedure's keyset pages: each page's `nextCursor` is the next call's `cursor` (never an
 * offset, so page 1,000 costs what page 1 does). The key starts with the procedure name, so the
 * mutations' declared effects invalidate it like any other query of that domain; the previous
 * filters' rows stay shown while the new ones load.
 */
export function useCursorPages<N extends CursorProcedure>(name: N, filters: PageFilters<N>, limit: number) {
  return useInfiniteQuery({
    queryKey: [name, filters, 'pages'] as const,
    queryFn: ({ pageParam }) =>
      // The spread is the procedure's own input with `limit` and `cursor` put back; TypeScript cannot
      // see through `Omit` on a generic name, hence the one cast.
      call(name, { ...filters, limit, ...(pageParam === undefined ? {} : { cursor: pageParam }) } as Input<N>),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Output<N>) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
