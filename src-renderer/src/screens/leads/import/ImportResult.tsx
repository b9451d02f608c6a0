import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileImport, IconListCheck } from '@tabler/icons-react';
import type { LeadImport } from '@shared/contract/leads';
import { formatDateTime } from '../../../format/date';
import { useSession } from '../../../stores/session-store';
import { LinkButton } from '../LinkButton';
import { ReportButton } from './ReportButton';

function Count({ label, value, hint, testId }: { label: string; value: number; hint: string; testId: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" tt="uppercase" fw={600} c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} className="tabular" data-testid={testId}>
        {value.toLocaleString()}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

/** Step 4: what came of the import, its report, and where to go next. */
export function ImportResult({ result, onAnother }: { result: LeadImport; onAnother(): void }) {
  const failed = result.status === 'failed';
  // A partner user (the portal) follows their leads in their own list, not the staff queue.
  const isStaff = useSession().user.kind === 'staff';
  return (
    <Stack gap="md" data-testid="import-result" data-status={result.status}>
      {failed ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="The import failed: nothing was imported" data-testid="import-failure">
          {result.failure ?? 'The file could not be imported.'}
        </Alert>
      ) : (
        <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} title={`${result.fileName} imported for ${result.partner.name}`}>
          {result.totalRows.toLocaleString()} {result.totalRows === 1 ? 'row' : 'rows'} checked{result.finishedAt ? `, finished ${formatDateTime(result.finishedAt)}` : ''}. {isStaff ? 'The new leads wait in the review queue.' : 'The new leads wait for review.'}
        </Alert>
      )}
      {failed ? null : (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Count label="Accepted" value={result.accepted} hint="New leads, pending review" testId="import-accepted" />
          <Count label="Refused" value={result.refused} hint="Rows with the reason in the report" testId="import-refused" />
          <Count label="Flagged duplicates" value={result.duplicates} hint="Accepted, but matching an earlier lead" testId="import-duplicates" />
        </SimpleGrid>
      )}
      <Group gap="sm">
        {failed ? null : <ReportButton importId={result.id} data-testid="import-report" />}
        {failed ? null : isStaff ? (
          <LinkButton to="/leads/review" search={{ partnerId: result.partner.id }} variant="default" leftSection={<IconListCheck size={16} />} data-testid="import-open-queue">
            Review {result.partner.name}&apos;s leads
          </LinkButton>
        ) : (
          <LinkButton to="/portal/leads" variant="default" leftSection={<IconListCheck size={16} />} data-testid="import-open-leads">
            See my leads
          </LinkButton>
        )}
        <Button variant={failed ? 'filled' : 'subtle'} leftSection={<IconFileImport size={16} />} onClick={onAnother} data-testid="import-another">
          Import another file
        </Button>
      </Group>
    </Stack>
  );
}
