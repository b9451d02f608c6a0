import { useState } from 'react';
import { Badge, Button, Modal, Table, Text } from '@mantine/core';
import { formatMoney } from '@shared/money';
import { useProcQuery } from '../../api/hooks';
import { formatDateTime } from '../../format/date';
import { RunReport } from './RunReport';
import { RUN_STATUS_LABELS, periodText } from './payout-labels';

/** The recent generation runs; each report can be opened again. */
export function RunsList() {
  const runs = useProcQuery('payouts.runs', {});
  const [open, setOpen] = useState<string | null>(null);
  const report = useProcQuery('payouts.run', { id: open ?? '' }, { enabled: open !== null, refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false) });
  if (!runs.data || runs.data.length === 0) return <Text size="sm" c="dimmed">No payouts generated yet.</Text>;
  return (
    <>
      <Table data-testid="runs-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Period</Table.Th>
            <Table.Th>Partners</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Payouts</Table.Th>
            <Table.Th ta="right">Skipped</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.data.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Text size="sm">{formatDateTime(r.startedAt)}</Text>
                <Text size="xs" c="dimmed">
                  {r.startedBy?.name ?? ''}
                </Text>
              </Table.Td>
              <Table.Td>{periodText(r.period)}</Table.Td>
              <Table.Td>{r.partner ? r.partner.name : 'All'}</Table.Td>
              <Table.Td>
                <Badge variant="light">{RUN_STATUS_LABELS[r.status]}</Badge>
              </Table.Td>
              <Table.Td ta="right">
                {r.payoutsCreated} · {formatMoney(r.totalMinor, r.currency)}
              </Table.Td>
              <Table.Td ta="right">{r.skippedCount}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="subtle" onClick={() => setOpen(r.id)} data-testid="run-open">
                  Report
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {open ? (
        <Modal opened onClose={() => setOpen(null)} title="Run report" size="xl">
          {report.data ? <RunReport run={report.data} /> : <Text size="sm">Loading…</Text>}
        </Modal>
      ) : null}
    </>
  );
}
