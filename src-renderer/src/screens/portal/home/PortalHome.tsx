// PORTAL-UNBUILT (helper D replaces this file)
export function PortalHomeScreen() {
  return <p data-testid="portal-unbuilt">PortalHomeScreen</p>;
}
