import { ForcedPasswordChange } from '../../auth/ChangePasswordScreen';
import { usePortalSignOut } from '../shell/portal-session';

/** After signing in with a password an admin set (a reset): nothing else opens until the user chose their own. */
export function PortalChangePasswordScreen() {
  const signOut = usePortalSignOut();
  return <ForcedPasswordChange onSignOut={() => signOut.mutate({})} />;
}
