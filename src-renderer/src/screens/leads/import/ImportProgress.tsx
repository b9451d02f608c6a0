import { Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { LeadImport } from '@shared/contract/leads';

function progressText({ phase, processedRows, totalRows }: LeadImport): { text: string; percent: number | null } {
  if (phase === 'writing') return { text: `Writing ${totalRows.toLocaleString()} ${totalRows === 1 ? 'lead' : 'leads'}…`, percent: totalRows > 0 ? (processedRows / totalRows) * 100 : null };
  if (totalRows === 0) return { text: 'Reading the file…', percent: null };
  return { text: `Checking rows… ${processedRows.toLocaleString()} of ${totalRows.toLocaleString()}`, percent: (processedRows / totalRows) * 100 };
}

/** Step 3: a running import, as the server reports it (rows checked, then leads written). */
export function ImportProgress({ running }: { running: LeadImport }) {
  const { text, percent } = progressText(running);
  return (
    <Paper withBorder radius="md" p="lg" data-testid="import-progress">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={500} aria-live="polite" data-testid="import-progress-text">
            {text}
          </Text>
          <Text size="sm" c="dimmed" truncate="end">
            {running.fileName} · {running.partner.name}
          </Text>
        </Group>
        <Progress
          value={percent ?? 100}
          striped={percent === null}
          animated={percent === null}
          size="lg"
          radius="xl"
          aria-label={`Import progress: ${text}`}
          transitionDuration={200}
        />
        <Text size="xs" c="dimmed">
          You can leave this screen: the import goes on, and its outcome appears under Recent imports.
        </Text>
      </Stack>
    </Paper>
  );
}
