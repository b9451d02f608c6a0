import { Anchor, Stack, Text } from '@mantine/core';
import { enterApp } from '../../api/session-actions';
import { useSignOut } from '../../api/use-sign-out';
import { AuthLayout } from '../../components/AuthLayout';
import { ChangePasswordForm } from './ChangePasswordForm';

/**
 * Right after signing in with a password an admin set (a new account or a reset): nothing else
 * opens until the user has chosen their own. The server refuses every other call meanwhile.
 * Staff and portal pass their own sign-out (each ends its own kind of session).
 */
export function ForcedPasswordChange({ onSignOut }: { onSignOut(): void }) {
  return (
    <AuthLayout title="Choose a new password" subtitle="Your administrator set the password you signed in with. Choose your own before you continue; only you will know it.">
      <Stack gap="md">
        <ChangePasswordForm oneTime onChanged={enterApp} />
        <Text size="sm" c="dimmed" ta="center">
          Not now?{' '}
          <Anchor component="button" type="button" onClick={onSignOut} data-testid="change-password-sign-out">
            Sign out
          </Anchor>
        </Text>
      </Stack>
    </AuthLayout>
  );
}

export function ChangePasswordScreen() {
  const signOut = useSignOut();
  return <ForcedPasswordChange onSignOut={() => signOut.mutate({})} />;
}
