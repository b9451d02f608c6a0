import { create } from 'zustand';
import type { SessionInfo } from '@shared/contract';

/**
 * Where the app stands: which top-level screen is shown and, once signed in, the session.
 * The session itself lives only in main (cookie or IPC sender); this is the renderer's copy of
 * `SessionInfo` for display and role-based hiding. The server enforces every rule anyway.
 */
export type AppPhase = 'booting' | 'bootError' | 'setup' | 'signIn' | 'app';

interface SessionState {
  phase: AppPhase;
  session: SessionInfo | null;
  /** A message for the sign-in screen (e.g. the session ended); cleared on the next sign-in. */
  notice: string | null;
  bootError: string | null;
  setPhase(phase: AppPhase): void;
  signedIn(session: SessionInfo): void;
  /** Replaces the session info (workspace switch, refresh) while staying in the app. */
  updateSession(session: SessionInfo): void;
  signedOut(notice?: string | null): void;
  failBoot(message: string): void;
}

export const useSessionStore = create<SessionState>()((set) => ({
  phase: 'booting',
  session: null,
  notice: null,
  bootError: null,
  setPhase: (phase) => set({ phase }),
  signedIn: (session) => set({ phase: 'app', session, notice: null, bootError: null }),
  updateSession: (session) => set({ session }),
  signedOut: (notice = null) => set({ phase: 'signIn', session: null, notice }),
  failBoot: (message) => set({ phase: 'bootError', bootError: message }),
}));

/** The session when the app shell is shown; throws if used outside it (a programming error). */
export function useSession(): SessionInfo {
  const session = useSessionStore((s) => s.session);
  if (!session) throw new Error('useSession() used outside the signed-in app');
  return session;
}

// What the user may do is asked of the contract (`useCan(procedure)` in api/use-can.ts), or, for
// one entity, read from the `actions` the server computed for it: no role checks here.
