import { Group, Kbd, Paper, Text, UnstyledButton } from '@mantine/core';
import { IconKeyboard } from '@tabler/icons-react';
import { QUEUE_KEYS } from './use-queue-keys';

/** The footer legend of the queue's keys. */
export function KeyLegend({ onHelp }: { onHelp(): void }) {
  return (
    <Paper withBorder radius="md" px="md" py={8} mt="md" data-testid="queue-legend">
      <Group gap="md" wrap="wrap">
        <Group gap={6} wrap="nowrap">
          <IconKeyboard size={16} aria-hidden />
          <Text size="xs" fw={600}>
            Keys
          </Text>
        </Group>
        {QUEUE_KEYS.filter((k) => k.key !== '?').map((k) => (
          <Group key={k.key} gap={6} wrap="nowrap">
            <Kbd size="xs">{k.key}</Kbd>
            <Text size="xs" c="dimmed">
              {k.label}
            </Text>
          </Group>
        ))}
        <UnstyledButton onClick={onHelp} ml="auto" data-testid="queue-help-open">
          <Group gap={6} wrap="nowrap">
            <Kbd size="xs">?</Kbd>
            <Text size="xs" c="dimmed">
              All keys
            </Text>
          </Group>
        </UnstyledButton>
      </Group>
    </Paper>
  );
}
