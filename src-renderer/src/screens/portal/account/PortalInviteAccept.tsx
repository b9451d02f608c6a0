// PORTAL-UNBUILT (helper D replaces this file)
export function PortalInviteAcceptScreen() {
  return <p data-testid="portal-unbuilt">PortalInviteAcceptScreen</p>;
}
