// PORTAL-UNBUILT (helper D replaces this file)
export function PortalLeadDetailScreen() {
  return <p data-testid="portal-unbuilt">PortalLeadDetailScreen</p>;
}
