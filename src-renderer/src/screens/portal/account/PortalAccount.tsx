// PORTAL-UNBUILT (helper D replaces this file)
export function PortalAccountScreen() {
  return <p data-testid="portal-unbuilt">PortalAccountScreen</p>;
}
