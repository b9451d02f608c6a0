import type { ReactNode } from 'react';
import { Card, Group, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';

/** One figure with its label and a line of context; a skeleton while loading. */
export function StatCard({ icon: CardIcon, label, value, hint, testId }: { icon: Icon; label: string; value: ReactNode | undefined; hint?: ReactNode; testId: string }) {
  return (
    <Card withBorder padding="md" radius="md" data-testid={testId}>
      <Group gap="md" wrap="nowrap" align="flex-start">
        <ThemeIcon size={36} radius="md" variant="light">
          <CardIcon size={20} stroke={1.6} />
        </ThemeIcon>
        <Stack gap={2} miw={0}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {label}
          </Text>
          {value === undefined ? (
            <Skeleton height={24} width={80} />
          ) : (
            <Text size="lg" fw={600} truncate="end" className="tabular" data-testid={`${testId}-value`}>
              {value}
            </Text>
          )}
          {hint ? (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          ) : null}
        </Stack>
      </Group>
    </Card>
  );
}
