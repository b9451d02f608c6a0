// PORTAL-UNBUILT (helper E replaces this file)
export function PortalCreditsScreen() {
  return <p data-testid="portal-unbuilt">PortalCreditsScreen</p>;
}
