// PORTAL-UNBUILT (helper D replaces this file)
export function PortalLeadsScreen() {
  return <p data-testid="portal-unbuilt">PortalLeadsScreen</p>;
}
