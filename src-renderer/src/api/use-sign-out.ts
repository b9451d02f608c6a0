import { useNavigate } from '@tanstack/react-router';
import { useProcMutation } from './hooks';
import { leaveApp } from './session-actions';

/**
 * Signing out from anywhere. Whatever the answer, the user wanted out: a failed sign-out (the
 * session already gone) still leaves; whoever signs in next starts at the home screen, not at
 * this user's last page.
 */
export function useSignOut() {
  const navigate = useNavigate();
  return useProcMutation('auth.signOut', {
    inlineErrors: true,
    onSettled: () => {
      leaveApp();
      void navigate({ to: '/' });
    },
  });
}
