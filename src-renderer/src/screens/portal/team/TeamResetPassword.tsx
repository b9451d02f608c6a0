import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PartnerUser } from '@shared/contract';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { useContractForm } from '../../../forms/use-contract-form';

/** Sets a colleague's temporary password: they must choose their own at the next sign-in, and their sessions end now. */
export function TeamResetPassword({ user, onClose }: { user: PartnerUser; onClose(): void }) {
  const { field, formError, onSubmit, mutation } = useContractForm('portal.team.resetPassword', {
    initialValues: { id: user.id, password: '' },
    onSuccess: (u) => {
      notifications.show({ color: 'green', title: 'Temporary password set', message: `${u.name} chooses a new password at the next sign-in.` });
      onClose();
    },
  });
  return (
    <Modal opened onClose={() => !mutation.isPending && onClose()} title={`Reset the password of ${user.name}`} size="md">
      <form onSubmit={onSubmit} noValidate data-testid="team-reset-form">
        <Stack gap="md">
          <Text size="sm">
            {user.name} is signed out at once. Pass the temporary password on privately: they must replace it when they next sign in.
          </Text>
          <FormErrorAlert error={formError} />
          <PasswordInput label="Temporary password" required autoComplete="new-password" data-autofocus {...field('password')} data-testid="team-reset-password" />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="team-reset-submit">
              Set temporary password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
