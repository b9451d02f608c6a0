import { useState } from 'react';
import { ActionIcon, Button, Group, Menu, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconKey, IconLockOpen } from '@tabler/icons-react';
import type { StaffMember } from '@shared/contract';
import { useProcMutation } from '../../api/hooks';
import { useCan } from '../../api/use-can';
import { useContractForm } from '../../forms/use-contract-form';
import { FormErrorAlert } from '../../components/FormErrorAlert';

/**
 * An admin's password actions on a colleague's row: a one-time password (the colleague must
 * replace it at the next sign-in) and lifting the sign-in pause after failed attempts. The server
 * refuses a reset for someone who also works in another workspace, and says so.
 */
export function StaffPasswordActions({ member }: { member: StaffMember }) {
  const [resetting, setResetting] = useState(false);
  const canReset = useCan('staff.resetPassword');
  const canUnlock = useCan('staff.unlock');
  const unlock = useProcMutation('staff.unlock', {
    onSuccess: (result) => notifications.show({ color: 'green', message: result.wasLocked ? `${member.name} can sign in again now` : `${member.name} was not paused; nothing to lift` }),
  });
  if (!canReset && !canUnlock) return null;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Password actions for ${member.name}`}
            data-testid="staff-password-actions"
          >
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {canReset ? (
            <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setResetting(true)} data-testid="staff-reset-password">
              Reset password…
            </Menu.Item>
          ) : null}
          {canUnlock ? (
            <Menu.Item leftSection={<IconLockOpen size={16} />} onClick={() => unlock.mutate({ userId: member.userId })} data-testid="staff-unlock">
              Unlock sign-in
            </Menu.Item>
          ) : null}
        </Menu.Dropdown>
      </Menu>
      <Modal opened={resetting} onClose={() => setResetting(false)} title={`Reset the password of ${member.name}`} size="md">
        {resetting ? <ResetPasswordForm member={member} onDone={() => setResetting(false)} /> : null}
      </Modal>
    </>
  );
}

function ResetPasswordForm({ member, onDone }: { member: StaffMember; onDone(): void }) {
  const { field, formError, mutation, onSubmit } = useContractForm('staff.resetPassword', {
    initialValues: { temporaryPassword: '' },
    toInput: (v) => ({ input: { userId: member.userId, temporaryPassword: v.temporaryPassword } }),
    onSuccess: () => {
      notifications.show({ color: 'green', message: `${member.name} is signed out and must choose a new password at the next sign-in` });
      onDone();
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {member.name} is signed out everywhere at once. Give them this one-time password in person or by phone; they choose their own at the next sign-in.
        </Text>
        <FormErrorAlert error={formError} testId="staff-reset-error" />
        <PasswordInput label="One-time password" description="At least 12 characters" required data-autofocus autoComplete="new-password" {...field('temporaryPassword')} data-testid="staff-reset-temporary" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending} data-testid="staff-reset-submit">
            Reset password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
