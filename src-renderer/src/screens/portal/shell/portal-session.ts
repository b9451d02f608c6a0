import { useNavigate } from '@tanstack/react-router';
import type { SessionInfo } from '@shared/contract';
import { call, toAppError } from '../../../api/client';
import { useProcMutation } from '../../../api/hooks';
import { enterApp, leaveApp } from '../../../api/session-actions';
import { useSessionStore } from '../../../stores/session-store';

/**
 * The portal's start: the session the portal cookie holds (client.ts sends the portal surface
 * header from `/portal` pages). Only a partner user's session counts here; anything else shows
 * the portal sign-in. No first-run step: a workspace exists before its partners can sign in.
 */
export async function portalBootstrap(): Promise<void> {
  const store = useSessionStore.getState();
  store.setPhase('booting');
  try {
    const session = await call('auth.session', {});
    if (isPartnerSession(session)) enterApp(session);
    else store.signedOut();
  } catch (error) {
    store.failBoot(toAppError(error).message);
  }
}

export function isPartnerSession(session: SessionInfo | null | undefined): session is SessionInfo {
  return session?.user.kind === 'partner';
}

/** Signing out of the portal: whatever the answer, the user leaves, to the portal's sign-in (never the staff one). */
export function usePortalSignOut() {
  const navigate = useNavigate();
  return useProcMutation('auth.signOut', {
    inlineErrors: true,
    onSettled: () => {
      leaveApp();
      void navigate({ to: '/portal/sign-in' });
    },
  });
}

/**
 * Where to go after signing in: the page the user was sent away from, if it is a portal page.
 * Anything else (another site, the staff app) is ignored, so a crafted link cannot redirect.
 */
export function safePortalTarget(target: string | undefined): string {
  if (!target || !target.startsWith('/portal') || target.startsWith('//')) return '/portal';
  if (target.startsWith('/portal/sign-in') || target.startsWith('/portal/invite/')) return '/portal';
  return target;
}
