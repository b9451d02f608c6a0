import { Alert, Anchor, Button, Center, Loader, PasswordInput, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import type { PortalInvite } from '@shared/contract/portal';
import { useProcQuery } from '../../../api/hooks';
import { enterApp } from '../../../api/session-actions';
import { useContractForm } from '../../../forms/use-contract-form';
import { AuthLayout } from '../../../components/AuthLayout';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { formatDateTime } from '../shell/format';

function AcceptForm({ token, invite }: { token: string; invite: PortalInvite }) {
  const navigate = useNavigate();
  const { field, formError, mutation, onSubmit } = useContractForm('portal.acceptInvite', {
    initialValues: { token, password: '', confirm: '' },
    toInput: ({ confirm: _confirm, ...input }) => ({ input }),
    extraErrors: (v): Record<string, string> => (v.password !== v.confirm ? { confirm: 'The passwords do not match' } : {}),
    onSuccess: (session) => {
      enterApp(session);
      void navigate({ to: '/portal', replace: true });
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Stack gap={2} data-testid="portal-invite-who">
          <Text size="sm">
            <Text span fw={600}>
              {invite.name}
            </Text>{' '}
            ({invite.email})
          </Text>
          <Text size="sm" c="dimmed">
            for {invite.partnerName} in {invite.workspaceName}; the link is valid until {formatDateTime(invite.expiresAt)}.
          </Text>
        </Stack>
        <FormErrorAlert error={formError} testId="portal-invite-error" />
        {/* The username field lets password managers store the new password under the right e-mail. */}
        <input type="email" name="username" autoComplete="username" value={invite.email} readOnly hidden />
        <PasswordInput
          label="Choose a password"
          description="At least 12 characters; a few unrelated words are easy to remember"
          required
          autoFocus
          autoComplete="new-password"
          {...field('password')}
          data-testid="portal-invite-password"
        />
        <PasswordInput label="Confirm the password" required autoComplete="new-password" {...field('confirm')} data-testid="portal-invite-confirm" />
        <Button type="submit" fullWidth loading={mutation.isPending} data-testid="portal-invite-submit">
          Set password and sign in
        </Button>
      </Stack>
    </form>
  );
}

/** `/portal/invite/$token`: the one-time link a partner admin (or staff) sent: who it is for, then a password, then signed in. */
export function PortalInviteAcceptScreen() {
  const { token } = useParams({ from: '/portal/invite/$token' });
  // Never retried or refetched: a spent or expired link stays so, and each call is audited as an attempt.
  const invite = useProcQuery('portal.invite', { token }, { retry: false, staleTime: Infinity });

  return (
    <AuthLayout title="Welcome to the partner portal" subtitle="Set the password of your portal account.">
      {invite.isPending ? (
        <Center py="md">
          <Loader size="sm" aria-label="Checking the invite link" />
        </Center>
      ) : invite.error ? (
        <Stack gap="md">
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="This invite link cannot be used" role="alert" data-testid="portal-invite-invalid">
            {invite.error.code === 'validation' || invite.error.code === 'not_found' ? 'It has expired, was already used, or was replaced by a newer one. Ask your organisation for a new invite.' : invite.error.message}
          </Alert>
          <Anchor component={Link} to="/portal/sign-in" size="sm">
            Go to the sign-in
          </Anchor>
        </Stack>
      ) : (
        <AcceptForm token={token} invite={invite.data} />
      )}
    </AuthLayout>
  );
}
