// PORTAL-UNBUILT (helper E replaces this file)
export function PortalTeamScreen() {
  return <p data-testid="portal-unbuilt">PortalTeamScreen</p>;
}
