import { Button, EmptyState, Group, Paper, Skeleton, Table, Text } from '@mantine/core';
import { IconReceipt2 } from '@tabler/icons-react';
import { formatMoney } from '@shared/money';
import { useProcQuery } from '../../../api/hooks';
import { useCursorPages } from '../../../api/use-cursor-pages';
import { PortalPage } from '../shell/PortalPage';
import { QueryError } from '../../../components/QueryError';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { RouterAnchor } from '../../../router/links';
import { StatementButton } from '../../finance/StatementButton';
import { PayoutStatusBadge } from '../../payouts/PayoutStatusBadge';
import { formatDay, formatPeriod } from './format-day';
import { RequestPayoutCard } from './RequestPayoutCard';

/** `/portal/payouts`: the balance and the request button, then every payout with its status, totals and statement. */
export function PortalPayoutsScreen() {
  const home = useProcQuery('portal.home', {});
  const pages = useCursorPages('portal.payouts', {}, 50);
  const rows = pages.data?.pages.flatMap((p) => p.rows) ?? [];

  return (
    <PortalPage title="Payouts" description="Payouts of your approved credits. Each is reviewed by the workspace before it is paid.">
      {home.data ? <RequestPayoutCard home={home.data} /> : home.error ? <QueryError error={home.error} onRetry={() => void home.refetch()} /> : <Skeleton height={120} radius="md" />}
      {pages.error ? (
        <QueryError error={pages.error} onRetry={() => void pages.refetch()} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760} type="native">
            <Table verticalSpacing="sm" data-testid="portal-payouts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Payout</Table.Th>
                  <Table.Th>Period</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Total</Table.Th>
                  <Table.Th ta="right">Approved</Table.Th>
                  <Table.Th>Paid</Table.Th>
                  <Table.Th>Statement</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pages.isPending ? (
                  <TableSkeleton columns={7} rows={3} />
                ) : (
                  rows.map((p) => (
                    <Table.Tr key={p.id} data-testid={`portal-payout-row-${p.number}`} data-status={p.status}>
                      <Table.Td>
                        <RouterAnchor to="/portal/payouts/$id" params={{ id: p.id }} size="sm" fw={500} ff="monospace" data-testid="portal-payout-link">
                          {p.number}
                        </RouterAnchor>
                        <Text size="xs" c="dimmed">
                          {p.lineCount === 1 ? '1 line' : `${p.lineCount} lines`}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatPeriod(p.period)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <PayoutStatusBadge status={p.status} />
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm" className="tabular">
                          {formatMoney(p.totalMinor, p.currency)}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm" className="tabular">
                          {p.approvedMinor === null ? '—' : formatMoney(p.approvedMinor, p.currency)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{p.paymentDate ? formatDay(p.paymentDate) : '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <StatementButton payoutId={p.id} number={p.number} />
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages.isSuccess && rows.length === 0 ? (
            <EmptyState py="lg" icon={<IconReceipt2 size={24} />} title="No payouts yet" description="Approved credits are paid out in the workspace’s payout runs, or when you request a payout." />
          ) : null}
        </Paper>
      )}
      {pages.hasNextPage ? (
        <Group justify="center" mt="md">
          <Button variant="default" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
            Show more
          </Button>
        </Group>
      ) : null}
    </PortalPage>
  );
}
