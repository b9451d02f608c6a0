// PORTAL-UNBUILT (helper E replaces this file)
export function PortalPayoutsScreen() {
  return <p data-testid="portal-unbuilt">PortalPayoutsScreen</p>;
}
