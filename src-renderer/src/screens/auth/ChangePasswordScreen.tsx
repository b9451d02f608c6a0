import { Anchor, Stack, Text } from '@mantine/core';
import { enterApp } from '../../api/session-actions';
import { useSignOut } from '../../api/use-sign-out';
import { AuthLayout } from '../../components/AuthLayout';
import { ChangePasswordForm } from './ChangePasswordForm';

/**
 * Right after signing in with a password an admin set (a new account or a reset): nothing else
 * opens until the user has chosen their own. The main process refuses every other call meanwhile.
 */
export function ChangePasswordScreen() {
  const signOut = useSignOut();
  return (
    <AuthLayout title="Choose a new password" subtitle="Your administrator set the password you signed in with. Choose your own before you continue; only you will know it.">
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
