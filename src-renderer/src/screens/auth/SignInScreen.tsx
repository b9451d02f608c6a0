import { useState, type FormEvent } from 'react';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { useProcMutation } from '../../api/hooks';
import { enterApp } from '../../api/session-actions';
import { useSessionStore } from '../../stores/session-store';
import { splitServerError } from '../../forms/server-errors';
import { AuthLayout } from '../../components/AuthLayout';
import { FormErrorAlert } from '../../components/FormErrorAlert';

const FIELDS = ['email', 'password'] as const;

export function SignInScreen() {
  const notice = useSessionStore((s) => s.notice);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useProcMutation('auth.signIn', { inlineErrors: true, onSuccess: enterApp });
  const errors = splitServerError(signIn.error, FIELDS);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };

  return (
    <AuthLayout title="Sign in" subtitle="Use the email and password your administrator gave you.">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {notice && !signIn.error ? (
            <Alert color="yellow" variant="light" icon={<IconClockHour4 size={18} />} title={notice} data-testid="signin-notice">
              Sign in again to continue.
            </Alert>
          ) : null}
          <FormErrorAlert error={errors.form} testId="signin-error" />
          <TextInput
            label="Email"
            type="email"
            required
            autoFocus
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.fields.email}
            data-testid="signin-email"
          />
          <PasswordInput
            label="Password"
            required
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.fields.password}
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
