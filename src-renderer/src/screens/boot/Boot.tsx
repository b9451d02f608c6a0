import { Suspense, useEffect } from 'react';
import { useSessionStore, type AppPhase } from '../../stores/session-store';
import { bootstrap } from '../../api/session-actions';
import { lazyScreen } from '../../router/lazy-screen';
import { BootScreen } from './BootScreen';
import { useSessionExpiryWatch } from './use-session-expiry-watch';

// Each in its own chunk: the sign-in screen does not download set-up, the shell or any screen.
const FirstRunScreen = lazyScreen(() => import('../setup/FirstRunScreen'), 'FirstRunScreen');
const SignInScreen = lazyScreen(() => import('../auth/SignInScreen'), 'SignInScreen');
const AppLayout = lazyScreen(() => import('../shell/AppLayout'), 'AppLayout');
const ChangePasswordScreen = lazyScreen(() => import('../auth/ChangePasswordScreen'), 'ChangePasswordScreen');
const ConnectionScreen = lazyScreen(() => import('../connection/ConnectionScreen'), 'ConnectionScreen');

/**
 * The staff app's layout route: set-up, sign-in or the signed-in shell, from the session
 * store's phase. Signing in keeps the URL, so a pasted link opens its screen after sign-in.
 */
export function StaffRoot() {
  const phase = useSessionStore((s) => s.phase);
  const tenantId = useSessionStore((s) => s.session?.tenant.id);
  const mustChangePassword = useSessionStore((s) => s.session?.mustChangePassword === true);

  useEffect(() => {
    void bootstrap();
  }, []);
  useSessionExpiryWatch();

  return <Suspense fallback={<BootScreen />}>{screenFor(phase, tenantId, mustChangePassword)}</Suspense>;
}

function screenFor(phase: AppPhase, tenantId: string | undefined, mustChangePassword: boolean) {
  switch (phase) {
    case 'booting':
    case 'bootError':
      return <BootScreen />;
    case 'connect':
      return <ConnectionScreen />;
    case 'setup':
      return <FirstRunScreen />;
    case 'signIn':
      return <SignInScreen />;
    case 'app':
      // An admin-set password opens nothing else (the main process refuses the rest anyway).
      if (mustChangePassword) return <ChangePasswordScreen />;
      // Keyed by workspace: switching remounts the shell, so no state of the old one lingers.
      return <AppLayout key={tenantId} />;
  }
}
