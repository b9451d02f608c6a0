import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationOptions,
  type UseMutationResult,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { Input, Output, ProcedureName } from '@shared/contract';
import type { AppError } from '@shared/contract/errors';
import { call } from './client';
import { invalidateAfter } from './invalidation';

export type ProcQueryKey<N extends ProcedureName> = readonly [N, Input<N>];

export function procQueryKey<N extends ProcedureName>(name: N, input: Input<N>): ProcQueryKey<N> {
  return [name, input] as const;
}

type ProcQueryOptions<N extends ProcedureName> = Omit<
  UseQueryOptions<Output<N>, AppError, Output<N>, ProcQueryKey<N>>,
  'queryKey' | 'queryFn'
>;

/** A query of one procedure; the key is `[name, input]` so invalidation can match by name. */
export function useProcQuery<N extends ProcedureName>(
  name: N,
  input: Input<N>,
  options?: ProcQueryOptions<N>,
): UseQueryResult<Output<N>, AppError> {
  return useQuery({
    queryKey: procQueryKey(name, input),
    queryFn: () => call(name, input),
    ...options,
  });
}

type ProcMutationOptions<N extends ProcedureName> = Omit<
  UseMutationOptions<Output<N>, AppError, Input<N>>,
  'mutationFn'
> & {
  /** The form shows errors itself (no notification). */
  inlineErrors?: boolean;
};

/**
 * A mutation of one procedure. On success it invalidates the queries its declared effects may have
 * changed (see `invalidation.ts`) before the caller's own `onSuccess` runs. Errors go to a notification
 * unless `inlineErrors` is set; `unauthenticated` always ends the session (query-client.ts).
 */
export function useProcMutation<N extends ProcedureName>(
  name: N,
  options: ProcMutationOptions<N> = {},
): UseMutationResult<Output<N>, AppError, Input<N>> {
  const queryClient = useQueryClient();
  const { inlineErrors, onSuccess, meta, ...rest } = options;
  return useMutation({
    mutationKey: [name],
    mutationFn: (input: Input<N>) => call(name, input),
    meta: { ...meta, inlineErrors: inlineErrors ?? meta?.inlineErrors ?? false },
    ...rest,
    onSuccess: async (data, variables, onMutateResult, context) => {
      await invalidateAfter(queryClient, name);
      await onSuccess?.(data, variables, onMutateResult, context);
    },
  });
}
