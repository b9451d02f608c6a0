import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { AppError } from '@shared/contract/errors';

/** A failed load, in place of the content it was meant to show, with a retry. */
export function QueryError({ error, onRetry }: { error: AppError; onRetry?: () => void }) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Could not load this" data-testid="query-error">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm">{error.message}</Text>
        {onRetry ? (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Retry
          </Button>
        ) : null}
      </Group>
    </Alert>
  );
}
