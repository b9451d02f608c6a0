import { Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { formatMoney } from '@shared/money';
import { useProcQuery } from '../../../api/hooks';
import { QueryError } from '../../../components/QueryError';
import { formatDateTime } from '../../../format/date';
import { RouterAnchor } from '../../../router/links';
import { PayoutStatusBadge } from '../../payouts/PayoutStatusBadge';
import { CreditStatusBadge } from '../../credits/CreditBadges';
import { CREDIT_KIND_LABEL } from '../../credits/credit-labels';

const RECENT = 10;

/** The partner's last payouts (newest first) and the credits waiting for a decision (oldest first), with links to both queues. */
export function MoneyRecent({ partnerId }: { partnerId: string }) {
  return (
    <>
      <RecentPayouts partnerId={partnerId} />
      <WaitingCredits partnerId={partnerId} />
    </>
  );
}

function WaitingCredits({ partnerId }: { partnerId: string }) {
  const credits = useProcQuery('credits.list', { partnerId, status: 'pending_approval', limit: RECENT });
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h4">
          Credits awaiting approval
        </Title>
        <RouterAnchor to="/credits" search={{ partnerId }} size="sm" data-testid="money-all-credits">
          All credits of this partner
        </RouterAnchor>
      </Group>
      {credits.error ? (
        <QueryError error={credits.error} onRetry={() => void credits.refetch()} />
      ) : !credits.data ? (
        <Skeleton height={80} />
      ) : credits.data.rows.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="money-no-credits">
          No credit of this partner is waiting for a decision.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped className="tabular" data-testid="money-credits">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Lead</Table.Th>
                <Table.Th scope="col">Kind</Table.Th>
                <Table.Th scope="col">Calculation</Table.Th>
                <Table.Th scope="col">Earned on</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col" ta="right">Amount</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {credits.data.rows.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Th scope="row" fw={500}>
                    <RouterAnchor to="/credits" search={{ partnerId, credit: c.id }} size="sm">
                      {c.lead.contactName}
                    </RouterAnchor>
                    {c.lead.company ? (
                      <Text size="xs" c="dimmed">
                        {c.lead.company}
                      </Text>
                    ) : null}
                  </Table.Th>
                  <Table.Td>{CREDIT_KIND_LABEL[c.kind]}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.calculationText}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.earnedOn}</Table.Td>
                  <Table.Td>
                    <CreditStatusBadge status={c.status} />
                  </Table.Td>
                  <Table.Td ta="right">{formatMoney(c.amountMinor, c.currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function RecentPayouts({ partnerId }: { partnerId: string }) {
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
                  <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                    <RouterAnchor to="/payouts/$id" params={{ id: p.id }} size="sm">
                      {p.number}
                    </RouterAnchor>
                  </Table.Th>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {p.period.start} – {p.period.end}
                  </Table.Td>
                  {/* A badge shrinks to an ellipsis in an auto-width column: the cell keeps room for "Partially approved". */}
                  <Table.Td style={{ minWidth: 150 }}>
                    <PayoutStatusBadge status={p.status} />
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
