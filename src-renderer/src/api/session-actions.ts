import type { SessionInfo } from '@shared/contract';
import { call, toAppError } from './client';
import { queryClient } from './query-client';
import { useSessionStore } from '../stores/session-store';

/** Decides the first screen: first-run set-up, sign-in, or the app with the existing session. */
export async function bootstrap(): Promise<void> {
  const store = useSessionStore.getState();
  store.setPhase('booting');
  try {
    const desktop = window.partnerDesk;
    if (desktop) {
      const connection = await desktop.connection.get();
      store.setConnection(connection);
      if (connection.mode === 'unset') {
        store.setPhase('connect');
        return;
      }
    }
    const { needsSetup } = await call('auth.setupStatus', {});
    if (needsSetup) {
      store.setPhase('setup');
      return;
    }
    const session = await call('auth.session', {});
    if (session) enterApp(session);
    else store.signedOut();
  } catch (error) {
    store.failBoot(toAppError(error).message);
  }
}

/**
 * After set-up or sign-in: a clean cache (nothing of a previous user survives). The URL is kept:
 * a pasted link, or the page where the session ended, opens once signed in (sign-out goes home).
 */
export function enterApp(session: SessionInfo): void {
  queryClient.clear();
  useSessionStore.getState().signedIn(session);
}

/** After sign-out (or when it failed because the session was already gone). */
export function leaveApp(notice: string | null = null): void {
  useSessionStore.getState().signedOut(notice);
  queryClient.clear();
}

/**
 * Another workspace means other data: drop every cached answer before the shell re-renders
 * (it is keyed by tenant id, so every screen remounts and fetches afresh). The caller has already
 * moved to the home route (WorkspaceSwitcher).
 */
export function enterWorkspace(session: SessionInfo): void {
  queryClient.clear();
  useSessionStore.getState().updateSession(session);
}
