import { Alert, Badge, Group, ScrollArea, Skeleton, Table, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { AppError } from '@shared/contract/errors';
import type { WeightsPreview } from '@shared/contract/leads';
import { QueryError } from '../../components/QueryError';
import { LEAD_STATUS_LABEL } from './lead-labels';

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0');

/** The proposed weights on the most recent leads: how many move which way, and each lead's stored score beside its new one. */
export function WeightsPreviewTable({ query }: { query: UseQueryResult<WeightsPreview, AppError> }) {
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Skeleton h={120} />;
  const { rows, summary } = query.data;
  if (rows.length === 0) {
    return (
      <Alert variant="light" data-testid="lead-preview-empty">
        No leads yet: the preview has nothing to compare.
      </Alert>
    );
  }
  return (
    <>
      <Group gap="xs" data-testid="lead-preview-summary" aria-live="polite">
        <Text size="sm" fw={500}>
          Of the {summary.leads} most recent leads:
        </Text>
        <Badge color="green" variant="light" data-testid="lead-preview-up" data-count={summary.up}>
          {summary.up} up
        </Badge>
        <Badge color="red" variant="light" data-testid="lead-preview-down" data-count={summary.down}>
          {summary.down} down
        </Badge>
        <Badge color="gray" variant="light" data-testid="lead-preview-unchanged" data-count={summary.unchanged}>
          {summary.unchanged} unchanged
        </Badge>
        <Text size="sm" c="dimmed" data-testid="lead-preview-mean">
          mean change {signed(summary.meanChange)} points
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        Stored scores stay as they are when you save. The partner history uses each partner&apos;s decisions as they are today.
      </Text>
      <ScrollArea.Autosize mah={360}>
        <Table verticalSpacing={4} fz="sm" striped data-testid="lead-preview-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Lead</Table.Th>
              <Table.Th>Partner</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Stored → new</Table.Th>
              <Table.Th>Change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id} data-testid="lead-preview-row" data-old={r.oldScore} data-new={r.newScore}>
                <Table.Td>{r.contactName}</Table.Td>
                <Table.Td>
                  {r.partner.name}{' '}
                  <Text span size="xs" c="dimmed">
                    {r.partner.code}
                  </Text>
                </Table.Td>
                <Table.Td>{LEAD_STATUS_LABEL[r.status]}</Table.Td>
                <Table.Td className="tabular">
                  {r.oldScore} →{' '}
                  <Text span fw={600}>
                    {r.newScore}
                  </Text>
                </Table.Td>
                <Table.Td className="tabular">{signed(r.newScore - r.oldScore)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </>
  );
}
