import { Text, Tooltip } from '@mantine/core';
import { formatDateTime, formatRelative } from '../format/date';

/** "3 hours ago" with the exact time on hover, or "Never". */
export function LastLogin({ at }: { at: string | null }) {
  if (!at) {
    return (
      <Text size="sm" c="dimmed">
        Never
      </Text>
    );
  }
  return (
    <Tooltip label={formatDateTime(at, true)}>
      <Text size="sm" className="tabular" span>
        {formatRelative(at)}
      </Text>
    </Tooltip>
  );
}
