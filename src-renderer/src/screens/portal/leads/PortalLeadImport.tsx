// PORTAL-UNBUILT (helper D replaces this file)
export function PortalLeadImportScreen() {
  return <p data-testid="portal-unbuilt">PortalLeadImportScreen</p>;
}
