import type { ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';

interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  color?: string;
  loading?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** A yes/no question before a consequential action; Cancel has the focus, so Enter never confirms by accident. */
export function ConfirmDialog({ opened, title, children, confirmLabel, color, loading, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Modal opened={opened} onClose={() => !loading && onCancel()} title={title} size="sm">
      <Stack gap="lg">
        <Text size="sm">{children}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={loading} data-autofocus data-testid="confirm-cancel">
            Cancel
          </Button>
          <Button color={color} onClick={onConfirm} loading={loading} data-testid="confirm-ok">
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
