// PORTAL-UNBUILT (helper D replaces this file)
export function PortalSignInScreen() {
  return <p data-testid="portal-unbuilt">PortalSignInScreen</p>;
}
