import { useEffect } from 'react';
import { useSessionStore } from '../../stores/session-store';
import { bootstrap } from '../../api/session-actions';
import { BootScreen } from './BootScreen';
import { FirstRunScreen } from '../setup/FirstRunScreen';
import { SignInScreen } from '../auth/SignInScreen';
import { AppLayout } from '../shell/AppLayout';
import { useSessionExpiryWatch } from './use-session-expiry-watch';

/** Chooses the top-level screen from the session store's phase. */
export function Boot() {
  const phase = useSessionStore((s) => s.phase);
  const tenantId = useSessionStore((s) => s.session?.tenant.id);

  useEffect(() => {
    void bootstrap();
  }, []);
  useSessionExpiryWatch();

  switch (phase) {
    case 'booting':
    case 'bootError':
      return <BootScreen />;
    case 'setup':
      return <FirstRunScreen />;
    case 'signIn':
      return <SignInScreen />;
    case 'app':
      // Keyed by workspace: switching remounts every screen, so nothing of the old one lingers.
      return <AppLayout key={tenantId} />;
  }
}
