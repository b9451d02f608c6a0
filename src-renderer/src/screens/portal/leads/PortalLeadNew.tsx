// PORTAL-UNBUILT (helper D replaces this file)
export function PortalLeadNewScreen() {
  return <p data-testid="portal-unbuilt">PortalLeadNewScreen</p>;
}
