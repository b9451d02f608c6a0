import { create } from 'zustand';
import type { SessionInfo } from '@shared/contract';
import type { ConnectionState } from '@shared/bridge';

/**
 * Where the app stands: which top-level screen is shown and, once signed in, the session.
 * The session itself lives only in main (cookie or IPC sender); this is the renderer's copy of
 * `SessionInfo` for display and role-based hiding. The server enforces every rule anyway.
 */
/** `connect`: the desktop asks how it is used (on this computer, or connected to a team server). */
export type AppPhase = 'booting' | 'bootError' | 'connect' | 'setup' | 'signIn' | 'app';

interface SessionState {
  phase: AppPhase;
  session: SessionInfo | null;
  /** A message for the sign-in screen (e.g. the session ended); cleared on the next sign-in. */
  notice: string | null;
  bootError: string | null;
  /** The desktop's mode as main reports it; null in a browser. */
  connection: ConnectionState | null;
  setPhase(phase: AppPhase): void;
  setConnection(connection: ConnectionState | null): void;
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
  connection: null,
  setPhase: (phase) => set({ phase }),
  setConnection: (connection) => set({ connection }),
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
