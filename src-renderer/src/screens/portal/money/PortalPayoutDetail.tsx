// PORTAL-UNBUILT (helper E replaces this file)
export function PortalPayoutDetailScreen() {
  return <p data-testid="portal-unbuilt">PortalPayoutDetailScreen</p>;
}
