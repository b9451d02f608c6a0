import { Suspense, useEffect } from 'react';
import { Navigate, Outlet, useRouterState } from '@tanstack/react-router';
import { useSessionStore } from '../../../stores/session-store';
import { lazyScreen } from '../../../router/lazy-screen';
import { BootScreen } from '../../boot/BootScreen';
import { isPartnerSession, portalBootstrap, safePortalTarget } from './portal-session';

const PortalLayout = lazyScreen(() => import('./PortalLayout'), 'PortalLayout');
const PortalChangePasswordScreen = lazyScreen(() => import('../account/PortalChangePassword'), 'PortalChangePasswordScreen');

/** Pages open without a session: the sign-in and an invite link. */
function isPublicPath(pathname: string): boolean {
  return pathname.startsWith('/portal/sign-in') || pathname.startsWith('/portal/invite/');
}

/**
 * The portal's layout route: its own session check, sign-in and shell, apart from the staff
 * app. Not signed in (or signed in as staff: that session is not the portal's) → the sign-in,
 * which remembers the page to return to; an admin-set password → choosing one's own first.
 */
export function PortalRoot() {
  const phase = useSessionStore((s) => s.phase);
  const session = useSessionStore((s) => s.session);
  const location = useRouterState({ select: (s) => s.location });

  useEffect(() => {
    void portalBootstrap();
  }, []);

  if (phase === 'booting' || phase === 'bootError') return <BootScreen />;
  const signedIn = phase === 'app' && isPartnerSession(session);
  const onPublic = isPublicPath(location.pathname);

  if (!signedIn) {
    if (onPublic) return <Outlet />;
    return <Navigate to="/portal/sign-in" search={{ redirect: location.href === '/portal' || location.href === '/portal/' ? undefined : location.href }} replace />;
  }
  // An invite link opened while signed in still shows the invite (it is someone else's, or a second account).
  if (location.pathname.startsWith('/portal/invite/')) return <Outlet />;
  if (location.pathname.startsWith('/portal/sign-in')) {
    const search = location.search as { redirect?: string };
    return <Navigate to={safePortalTarget(search.redirect)} replace />;
  }
  return (
    <Suspense fallback={<BootScreen />}>
      {session.mustChangePassword ? <PortalChangePasswordScreen /> : <PortalLayout key={session.tenant.id} />}
    </Suspense>
  );
}
