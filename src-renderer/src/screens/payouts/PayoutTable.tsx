import { Table, Text } from '@mantine/core';
import type { PayoutSummary } from '@shared/contract/payouts/types';
import { formatMoney } from '@shared/money';
import { RouterAnchor } from '../../router/links';
import { formatDateTime } from '../../format/date';
import { PayoutStatusBadge } from './PayoutStatusBadge';
import { periodText } from './payout-labels';

/** Payouts as rows: number (a link to the payout), partner, period, status, lines, totals, who generated it. */
export function PayoutTable({ rows }: { rows: PayoutSummary[] }) {
  return (
    <Table striped highlightOnHover data-testid="payout-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Number</Table.Th>
          <Table.Th>Partner</Table.Th>
          <Table.Th>Period</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th ta="right">Lines</Table.Th>
          <Table.Th ta="right">Total</Table.Th>
          <Table.Th ta="right">Approved</Table.Th>
          <Table.Th>Generated</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((p) => (
          <Table.Tr key={p.id} data-testid={`payout-row-${p.number}`}>
            <Table.Td>
              <RouterAnchor to="/payouts/$id" params={{ id: p.id }} size="sm" data-testid="payout-link">
                {p.number}
              </RouterAnchor>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{p.partner.name}</Text>
              <Text size="xs" c="dimmed">
                {p.partner.code}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{periodText(p.period)}</Text>
            </Table.Td>
            <Table.Td>
              <PayoutStatusBadge status={p.status} />
              {p.status === 'pending' && p.firstApprovedBy ? (
                <Text size="xs" c="dimmed">
                  1 of 2 approvals
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td ta="right">{p.lineCount}</Table.Td>
            <Table.Td ta="right">{formatMoney(p.totalMinor, p.currency)}</Table.Td>
            <Table.Td ta="right">{p.approvedMinor === null ? '—' : formatMoney(p.approvedMinor, p.currency)}</Table.Td>
            <Table.Td>
              <Text size="sm">{formatDateTime(p.generatedAt)}</Text>
              <Text size="xs" c="dimmed">
                {p.generatedBy?.name ?? ''}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
