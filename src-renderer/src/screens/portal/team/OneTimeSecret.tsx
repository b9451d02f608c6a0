import { Alert, Button, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface Props {
  title: string;
  /** What is shown once: an invite link, an API key's secret. */
  value: string;
  warning: ReactNode;
  children?: ReactNode;
  testId: string;
  onClose(): void;
}

/**
 * A value the server shows once (it keeps only a hash): a copy button and a warning, in a modal
 * that a stray click outside does not close. Closing it forgets the value.
 */
export function OneTimeSecret({ title, value, warning, children, testId, onClose }: Props) {
  return (
    <Modal opened onClose={onClose} title={title} size="lg" closeOnClickOutside={false}>
      <Stack gap="md">
        <Alert color="orange" variant="light" icon={<IconKey size={18} />}>
          {warning}
        </Alert>
        <Group gap="xs" wrap="nowrap" align="stretch">
          <Text
            ff="monospace"
            size="sm"
            p="xs"
            style={{ flex: 1, minWidth: 0, wordBreak: 'break-all', userSelect: 'all', background: 'var(--pd-surface-subtle)', border: '1px solid var(--pd-border-subtle)', borderRadius: 'var(--mantine-radius-sm)' }}
            data-testid={testId}
          >
            {value}
          </Text>
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Button variant={copied ? 'light' : 'default'} color={copied ? 'green' : undefined} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />} onClick={copy} data-testid={`${testId}-copy`}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
        {children}
        <Group justify="flex-end">
          <Button onClick={onClose} data-testid={`${testId}-close`}>
            Done
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
