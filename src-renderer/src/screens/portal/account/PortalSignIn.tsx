import { useState } from 'react';
import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconBuilding, IconClockHour4 } from '@tabler/icons-react';
import type { PortalSignIn } from '@shared/contract/portal';
import { enterApp } from '../../../api/session-actions';
import { useSessionStore } from '../../../stores/session-store';
import { useContractForm } from '../../../forms/use-contract-form';
import { AuthLayout } from '../../../components/AuthLayout';
import { FormErrorAlert } from '../../../components/FormErrorAlert';

type Workspaces = Extract<PortalSignIn, { kind: 'choose_workspace' }>['workspaces'];

/**
 * `/portal/sign-in`: a partner user's e-mail and password. When they match portal users of
 * several workspaces the server asks which one, and the same call goes again with its id.
 * Once signed in, PortalRoot returns to the page the user was sent away from.
 */
export function PortalSignInScreen() {
  const notice = useSessionStore((s) => s.notice);
  const [workspaces, setWorkspaces] = useState<Workspaces | null>(null);
  const { form, field, formError, mutation: signIn, onSubmit } = useContractForm('portal.signIn', {
    initialValues: { email: '', password: '' },
    onSuccess: (answer) => {
      if (answer.kind === 'signed_in') enterApp(answer.session);
      else setWorkspaces(answer.workspaces);
    },
  });

  if (workspaces) {
    const values = form.getValues();
    return (
      <AuthLayout title="Choose a workspace" subtitle="Your e-mail has portal access in several partner programmes. Which one do you want to open?">
        <Stack gap="sm" data-testid="portal-workspace-picker">
          <FormErrorAlert error={formError} testId="portal-signin-error" />
          {workspaces.map((w) => (
            <Button
              key={w.id}
              variant="default"
              justify="flex-start"
              leftSection={<IconBuilding size={16} aria-hidden />}
              loading={signIn.isPending && signIn.variables?.tenantId === w.id}
              disabled={signIn.isPending}
              onClick={() => signIn.mutate({ email: values.email, password: values.password, tenantId: w.id })}
              data-testid="portal-workspace-option"
            >
              {w.name}
            </Button>
          ))}
          <Button variant="subtle" onClick={() => setWorkspaces(null)} disabled={signIn.isPending}>
            Back
          </Button>
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Partner portal" subtitle="Sign in with the e-mail and password of your portal account.">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {notice && !signIn.error ? (
            <Alert color="yellow" variant="light" icon={<IconClockHour4 size={18} />} title={notice} data-testid="portal-signin-notice">
              Sign in again to continue.
            </Alert>
          ) : null}
          <FormErrorAlert error={formError} testId="portal-signin-error" />
          <TextInput label="Email" type="email" required autoFocus autoComplete="username" {...field('email')} data-testid="portal-signin-email" />
          <PasswordInput label="Password" required autoComplete="current-password" {...field('password')} data-testid="portal-signin-password" />
          <Button type="submit" fullWidth mt="xs" loading={signIn.isPending} data-testid="portal-signin-submit">
            Sign in
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            New here? Open the invite link your organisation sent you. Forgot your password? Ask your organisation&apos;s portal admin to reset it.
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
