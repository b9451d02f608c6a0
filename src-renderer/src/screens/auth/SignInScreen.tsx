import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { enterApp } from '../../api/session-actions';
import { useSessionStore } from '../../stores/session-store';
import { useContractForm } from '../../forms/use-contract-form';
import { AuthLayout } from '../../components/AuthLayout';
import { FormErrorAlert } from '../../components/FormErrorAlert';

export function SignInScreen() {
  const notice = useSessionStore((s) => s.notice);
  const { field, formError, mutation: signIn, onSubmit } = useContractForm('auth.signIn', {
    initialValues: { email: '', password: '' },
    onSuccess: enterApp,
  });

  return (
    <AuthLayout title="Sign in" subtitle="Use the email and password your administrator gave you.">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {notice && !signIn.error ? (
            <Alert color="yellow" variant="light" icon={<IconClockHour4 size={18} />} title={notice} data-testid="signin-notice">
              Sign in again to continue.
            </Alert>
          ) : null}
          <FormErrorAlert error={formError} testId="signin-error" />
          <TextInput
            label="Email"
            type="email"
            required
            autoFocus
            autoComplete="username"
            {...field('email')}
            data-testid="signin-email"
          />
          <PasswordInput
            label="Password"
            required
            autoComplete="current-password"
            {...field('password')}
            data-testid="signin-password"
          />
          <Button type="submit" fullWidth mt="xs" loading={signIn.isPending} data-testid="signin-submit">
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
