import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import type { SessionInfo } from '@shared/contract';
import { useContractForm } from '../../forms/use-contract-form';
import { FormErrorAlert } from '../../components/FormErrorAlert';

const MIN_PASSWORD = 12;

interface ChangePasswordFormProps {
  /** The password being replaced is the one-time one an admin set: named so, so nobody looks for an old one. */
  oneTime: boolean;
  onChanged(session: SessionInfo): void;
  onCancel?: () => void;
}

/** The current password, the new one twice: used by the forced first-sign-in screen and by the user menu's dialog. */
export function ChangePasswordForm({ oneTime, onChanged, onCancel }: ChangePasswordFormProps) {
  const { field, formError, mutation, onSubmit } = useContractForm('auth.changePassword', {
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    toInput: ({ confirm: _confirm, ...input }) => ({ input }),
    extraErrors: (v): Record<string, string> => (v.newPassword !== v.confirm ? { confirm: 'The passwords do not match' } : {}),
    onSuccess: onChanged,
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <FormErrorAlert error={formError} testId="change-password-error" />
        <PasswordInput
          label={oneTime ? 'One-time password' : 'Current password'}
          description={oneTime ? 'The password your administrator gave you' : undefined}
          required
          data-autofocus
          autoFocus
          autoComplete="current-password"
          {...field('currentPassword')}
          data-testid="change-password-current"
        />
        <PasswordInput
          label="New password"
          description={`At least ${MIN_PASSWORD} characters; a few unrelated words are easy to remember`}
          required
          autoComplete="new-password"
          {...field('newPassword')}
          data-testid="change-password-new"
        />
        <PasswordInput label="Confirm new password" required autoComplete="new-password" {...field('confirm')} data-testid="change-password-confirm" />
        <Group justify="flex-end" gap="sm" mt="xs">
          {onCancel ? (
            <Button variant="default" onClick={onCancel} disabled={mutation.isPending}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={mutation.isPending} data-testid="change-password-submit">
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
