// PORTAL-UNBUILT (helper E replaces this file)
export function PortalApiKeysScreen() {
  return <p data-testid="portal-unbuilt">PortalApiKeysScreen</p>;
}
