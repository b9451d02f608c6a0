import { Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useSessionStore } from '../../stores/session-store';
import { ChangePasswordForm } from './ChangePasswordForm';

interface ChangePasswordModalProps {
  opened: boolean;
  onClose(): void;
}

/** "Change password" from the user menu: the other sessions of this user end, this one stays. */
export function ChangePasswordModal({ opened, onClose }: ChangePasswordModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Change password" size="md">
      <Text size="sm" c="dimmed" mb="md">
        Every other place you are signed in (another desktop, a browser) is signed out.
      </Text>
      {opened ? (
        <ChangePasswordForm
          oneTime={false}
          onCancel={onClose}
          onChanged={(session) => {
            useSessionStore.getState().updateSession(session);
            notifications.show({ color: 'green', message: 'Password changed' });
            onClose();
          }}
        />
      ) : null}
    </Modal>
  );
}
