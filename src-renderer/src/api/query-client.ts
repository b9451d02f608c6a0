import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { AppError } from '@shared/contract/errors';
import { toAppError } from './client';
import { useSessionStore } from '../stores/session-store';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: AppError;
    queryMeta: {
      /** Show a failure as a notification (for queries whose screen has no inline error, e.g. filter pickers). */
      notifyOnError?: boolean;
    };
    mutationMeta: {
      /** The form shows every error itself (field errors beside fields, the rest in an Alert). */
      inlineErrors?: boolean;
    };
  }
}

export const SESSION_ENDED_NOTICE = 'Your session ended';

/**
 * Any `unauthenticated` answer while in the app means the session is gone (idle/absolute
 * limit, disabled account, signed out elsewhere): drop everything and show sign-in. Outside the
 * app (sign-in form) the same code means wrong credentials and the form shows it.
 */
export function endSessionIfUnauthenticated(error: AppError): boolean {
  if (error.code !== 'unauthenticated') return false;
  const { phase, signedOut } = useSessionStore.getState();
  if (phase !== 'app') return false;
  // The URL stays: signing in again returns to the same screen.
  signedOut(SESSION_ENDED_NOTICE);
  queryClient.clear();
  return true;
}

export function notifyError(error: AppError): void {
  notifications.show({
    color: 'red',
    title: ERROR_TITLES[error.code],
    message: error.message,
  });
}

const ERROR_TITLES: Record<AppError['code'], string> = {
  validation: 'Please check your input',
  unauthenticated: 'Not signed in',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  invalid_transition: 'Not possible in the current state',
  rate_limited: 'Too many attempts',
  unavailable: 'Cannot reach the server',
  internal: 'Something went wrong',
};

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (raw, query) => {
      const error = toAppError(raw);
      if (endSessionIfUnauthenticated(error)) return;
      if (query.meta?.notifyOnError) notifyError(error);
    },
  }),
  mutationCache: new MutationCache({
    onError: (raw, _variables, _context, mutation) => {
      const error = toAppError(raw);
      if (endSessionIfUnauthenticated(error)) return;
      // The server did not answer: the change may or may not have been saved, so every screen
      // shows the server's state again (refetched when it is back) rather than a guess.
      if (error.code === 'unavailable') void queryClient.invalidateQueries();
      if (!mutation.meta?.inlineErrors) notifyError(error);
    },
  }),
  defaultOptions: {
    queries: {
      // Answers from the backend are deterministic: retry only transport failures, once.
      retry: (failureCount, error) => error.code === 'internal' && failureCount < 1,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
    mutations: { retry: false },
  },
});
