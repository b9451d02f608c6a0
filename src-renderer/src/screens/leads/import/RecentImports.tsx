import { Badge, Center, Loader, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { LeadImport } from '@shared/contract/leads';
import { useProcQuery } from '../../../api/hooks';
import { QueryError } from '../../../components/QueryError';
import { formatDateTime, formatRelative } from '../../../format/date';
import { IMPORT_STATUS_COLOR, IMPORT_STATUS_LABEL } from './import-labels';
import { ReportButton } from './ReportButton';

function ImportRow({ row }: { row: LeadImport }) {
  return (
    <Table.Tr data-testid="import-recent-row">
      <Table.Td>
        <Text size="sm">{formatDateTime(row.createdAt)}</Text>
        <Text size="xs" c="dimmed">
          {formatRelative(row.createdAt)}
          {row.createdBy ? ` · ${row.createdBy.name}` : ''}
        </Text>
      </Table.Td>
      <Table.Td>{row.partner.name}</Table.Td>
      <Table.Td style={{ maxWidth: 260 }}>
        <Text size="sm" truncate="end" title={row.fileName}>
          {row.fileName}
        </Text>
      </Table.Td>
      <Table.Td className="tabular" ta="right">
        {row.totalRows.toLocaleString()}
      </Table.Td>
      <Table.Td className="tabular" ta="right">
        {row.status === 'completed' ? `${row.accepted.toLocaleString()} / ${row.refused.toLocaleString()}` : '–'}
      </Table.Td>
      <Table.Td>
        <Badge variant="light" radius="sm" tt="none" color={IMPORT_STATUS_COLOR[row.status]} title={row.failure ?? undefined} data-testid="import-recent-status">
          {IMPORT_STATUS_LABEL[row.status]}
        </Badge>
      </Table.Td>
      <Table.Td ta="right">
        {row.status === 'completed' ? <ReportButton importId={row.id} label="Report" aria-label={`Download the report of ${row.fileName}`} size="compact-sm" variant="subtle" /> : null}
      </Table.Td>
    </Table.Tr>
  );
}

/** The workspace's (or one partner's) latest imports, newest first, with their reports. */
export function RecentImports({ partnerId }: { partnerId?: string }) {
  const list = useProcQuery('leads.imports', partnerId ? { partnerId } : {});
  const rows = list.data?.rows ?? [];
  return (
    <Stack gap="sm" data-testid="import-recent">
      <Title order={2} size="h4">
        Recent imports
      </Title>
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Center p="lg">
          <Loader size="sm" />
        </Center>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No imports yet.
        </Text>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={820} type="native">
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Partner</Table.Th>
                  <Table.Th>File</Table.Th>
                  <Table.Th ta="right">Rows</Table.Th>
                  <Table.Th ta="right">Accepted / refused</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Report</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <ImportRow key={row.id} row={row} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
