import { Badge, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import type { PayoutStatus } from '@shared/contract/payouts';
import { formatMoney } from '@shared/money';
import { useProcQuery } from '../../../api/hooks';
import { QueryError } from '../../../components/QueryError';
import { formatDateTime } from '../../../format/date';

const RECENT = 10;

const PAYOUT_STATUS: Record<PayoutStatus, { label: string; color: string }> = {
  pending: { label: 'Pending', color: 'yellow' },
  approved: { label: 'Approved', color: 'teal' },
  partially_approved: { label: 'Partially approved', color: 'teal' },
  rejected: { label: 'Rejected', color: 'red' },
  paid: { label: 'Paid', color: 'blue' },
};

/** The partner's last payouts, newest first (payouts.list by partner). */
export function MoneyRecent({ partnerId }: { partnerId: string }) {
  const payouts = useProcQuery('payouts.list', { partnerId, limit: RECENT });
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        Recent payouts
      </Title>
      {payouts.error ? (
        <QueryError error={payouts.error} onRetry={() => void payouts.refetch()} />
      ) : !payouts.data ? (
        <Skeleton height={120} />
      ) : payouts.data.rows.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="money-no-payouts">
          No payout has been generated for this partner yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table striped className="tabular" data-testid="money-payouts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Payout</Table.Th>
                <Table.Th scope="col">Period</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col" ta="right">Lines</Table.Th>
                <Table.Th scope="col" ta="right">Total</Table.Th>
                <Table.Th scope="col" ta="right">Approved</Table.Th>
                <Table.Th scope="col">Generated</Table.Th>
                <Table.Th scope="col">Paid</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {payouts.data.rows.map((p) => (
                <Table.Tr key={p.id} data-testid={`money-payout-${p.number}`}>
                  <Table.Th scope="row" fw={500}>
                    {p.number}
                  </Table.Th>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {p.period.start} – {p.period.end}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={PAYOUT_STATUS[p.status].color} style={{ width: 'max-content' }}>
                      {PAYOUT_STATUS[p.status].label}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{p.lineCount.toLocaleString()}</Table.Td>
                  <Table.Td ta="right">{formatMoney(p.totalMinor, p.currency)}</Table.Td>
                  <Table.Td ta="right">{p.approvedMinor === null ? '—' : formatMoney(p.approvedMinor, p.currency)}</Table.Td>
                  <Table.Td>{formatDateTime(p.generatedAt)}</Table.Td>
                  <Table.Td>{p.paymentDate ? `${p.paymentDate}${p.paymentReference ? ` · ${p.paymentReference}` : ''}` : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
