import { Text } from '@mantine/core';

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** An entry's details as compact "key: value" pairs; the full JSON is in the tooltip/title. */
export function ActivityDetails({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details);
  if (entries.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Text size="xs" lineClamp={2} title={JSON.stringify(details, null, 2)} style={{ wordBreak: 'break-word' }}>
      {entries.map(([key, value], i) => (
        <span key={key}>
          {i > 0 ? <Text span c="dimmed" size="xs">{' · '}</Text> : null}
          <Text span c="dimmed" size="xs">
            {key}:
          </Text>{' '}
          <Text span size="xs" ff="monospace">
            {show(value)}
          </Text>
        </span>
      ))}
    </Text>
  );
}
