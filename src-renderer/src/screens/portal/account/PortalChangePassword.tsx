import { Anchor, Stack, Text } from '@mantine/core';
import { enterApp } from '../../../api/session-actions';
import { AuthLayout } from '../../../components/AuthLayout';
import { ChangePasswordForm } from '../../auth/ChangePasswordForm';
import { usePortalSignOut } from '../shell/portal-session';

/** After signing in with a password an admin set (a reset): nothing else opens until the user chose their own. */
export function PortalChangePasswordScreen() {
  const signOut = usePortalSignOut();
  return (
    <AuthLayout title="Choose a new password" subtitle="Your password was set by an admin. Choose your own before you continue; only you will know it.">
      <Stack gap="md">
        <ChangePasswordForm oneTime onChanged={enterApp} />
        <Text size="sm" c="dimmed" ta="center">
          Not now?{' '}
          <Anchor component="button" type="button" onClick={() => signOut.mutate({})} data-testid="change-password-sign-out">
            Sign out
          </Anchor>
        </Text>
      </Stack>
    </AuthLayout>
  );
}
