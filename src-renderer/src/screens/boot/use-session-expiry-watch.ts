import { useEffect } from 'react';
import { useSessionStore } from '../../stores/session-store';
import { call } from '../../api/client';
import { SESSION_ENDED_NOTICE } from '../../api/query-client';
import { leaveApp } from '../../api/session-actions';

/**
 * The server ends idle sessions on its own; without this, the user would only find out at the
 * next click. When the known idle limit passes, ask for the session: gone → back to sign-in
 * with a notice; still there (activity extended it) → keep the new limits and wait again.
 */
export function useSessionExpiryWatch(): void {
  const phase = useSessionStore((s) => s.phase);
  const idleExpiresAt = useSessionStore((s) => s.session?.idleExpiresAt);
  const absoluteExpiresAt = useSessionStore((s) => s.session?.absoluteExpiresAt);

  useEffect(() => {
    if (phase !== 'app' || !idleExpiresAt) return;
    const limits = [idleExpiresAt, absoluteExpiresAt]
      .map((iso) => (iso ? new Date(iso).getTime() : Number.NaN))
      .filter((t) => Number.isFinite(t));
    if (limits.length === 0) return;
    // A second of slack so the server has surely expired it; setTimeout caps at ~24.8 days.
    const delay = Math.min(Math.max(Math.min(...limits) - Date.now() + 1000, 1000), 2_000_000_000);
    const timer = window.setTimeout(() => {
      call('auth.session', {})
        .then((session) => {
          if (useSessionStore.getState().phase !== 'app') return;
          if (session) useSessionStore.getState().updateSession(session);
          else leaveApp(SESSION_ENDED_NOTICE);
        })
        .catch(() => {
          // A transport hiccup is not a sign-out; the next real call will tell.
        });
    }, delay);
    return () => window.clearTimeout(timer);
  }, [phase, idleExpiresAt, absoluteExpiresAt]);
}
