import { Outlet } from '@tanstack/react-router';
// PORTAL-UNBUILT (helper D replaces this file)
export function PortalRoot() {
  return <Outlet />;
}
