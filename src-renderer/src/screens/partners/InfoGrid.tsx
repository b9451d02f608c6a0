import type { ReactNode } from 'react';
import { SimpleGrid, Stack, Text } from '@mantine/core';

/** Label above value, for read-only facts in a dense grid. */
export function Info({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  const empty = children === null || children === undefined || children === '';
  return (
    <Stack gap={2} miw={0}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      {empty ? (
        <Text size="sm" c="dimmed">
          —
        </Text>
      ) : typeof children === 'string' || typeof children === 'number' ? (
        <Text size="sm" style={{ wordBreak: 'break-word' }} data-testid={testId}>
          {children}
        </Text>
      ) : (
        <div data-testid={testId}>{children}</div>
      )}
    </Stack>
  );
}

export function InfoGrid({ children, cols = 3 }: { children: ReactNode; cols?: number }) {
  return (
    <SimpleGrid cols={cols} spacing="lg" verticalSpacing="md">
      {children}
    </SimpleGrid>
  );
}
