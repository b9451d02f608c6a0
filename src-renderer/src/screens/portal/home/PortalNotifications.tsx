// PORTAL-UNBUILT (helper D replaces this file)
export function PortalNotificationsScreen() {
  return <p data-testid="portal-unbuilt">PortalNotificationsScreen</p>;
}
