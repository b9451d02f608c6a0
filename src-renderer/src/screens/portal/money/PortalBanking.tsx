// PORTAL-UNBUILT (helper E replaces this file)
export function PortalBankingScreen() {
  return <p data-testid="portal-unbuilt">PortalBankingScreen</p>;
}
