import type { ReactNode } from 'react';
import { Alert, Badge, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import type { PortalPayoutDetail } from '@shared/contract/portal';
import { formatMoney } from '@shared/money';
import { useProcQuery } from '../../../api/hooks';
import { PortalPage } from '../shell/PortalPage';
import { QueryError } from '../../../components/QueryError';
import { formatDateTime } from '../../../format/date';
import { RouterAnchor } from '../../../router/links';
import { StatementButton } from '../../finance/StatementButton';
import { CREDIT_KIND_LABEL } from '../../credits/credit-labels';
import { PayoutStatusBadge } from '../../payouts/PayoutStatusBadge';
import { LINE_STATUS_COLORS, LINE_STATUS_LABELS } from '../../payouts/payout-labels';
import { PAYOUT_LABEL } from '../../partners/partner-labels';
import { formatDay, formatPeriod } from './format-day';

const route = getRouteApi('/portal/payouts/$id');

/** `/portal/payouts/$id`: one payout's totals, payment, lines with their statuses and the notes of rejected lines, and its PDF statement. */
export function PortalPayoutDetailScreen() {
  const { id } = route.useParams();
  const payout = useProcQuery('portal.payout', { id });
  if (payout.error && !payout.data) return <QueryError error={payout.error} onRetry={() => void payout.refetch()} />;
  if (!payout.data) return <Skeleton height={300} radius="md" />;
  return <PayoutView payout={payout.data} />;
}

function PayoutView({ payout }: { payout: PortalPayoutDetail }) {
  const money = (minor: number) => formatMoney(minor, payout.currency);
  return (
    <PortalPage
      title={`Payout ${payout.number}`}
      description={
        <>
          <RouterAnchor to="/portal/payouts" size="sm" underline="always">
            All payouts
          </RouterAnchor>{' '}
          · {formatPeriod(payout.period)}
        </>
      }
      actions={<StatementButton payoutId={payout.id} number={payout.number} />}
    >
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Fact label="Status">
          <PayoutStatusBadge status={payout.status} />
        </Fact>
        <Fact label="Total">
          <Text fw={600} className="tabular" data-testid="portal-payout-total">
            {money(payout.totalMinor)}
          </Text>
        </Fact>
        <Fact label="Approved">
          <Text fw={600} className="tabular" data-testid="portal-payout-approved">
            {payout.approvedMinor === null ? '—' : money(payout.approvedMinor)}
          </Text>
        </Fact>
        <Fact label="Rejected lines">
          <Text className="tabular">{money(payout.rejectedMinor)}</Text>
        </Fact>
      </SimpleGrid>
      <Paper withBorder radius="md" p="md">
        <Stack gap={4} data-testid="portal-payout-history">
          <Text size="sm">Generated {formatDateTime(payout.generatedAt)}</Text>
          {payout.approvedAt ? <Text size="sm">Approved {formatDateTime(payout.approvedAt)}</Text> : null}
          {payout.paidAt ? (
            <Text size="sm" data-testid="portal-payout-paid">
              Paid on {payout.paymentDate ? formatDay(payout.paymentDate) : formatDateTime(payout.paidAt)}
              {payout.paymentMethod ? ` by ${PAYOUT_LABEL[payout.paymentMethod]}` : ''}
              {payout.paymentReference ? `, reference ${payout.paymentReference}` : ''}
            </Text>
          ) : null}
        </Stack>
      </Paper>
      {payout.notes ? (
        <Alert color={payout.status === 'rejected' ? 'red' : 'gray'} variant="light" title={payout.status === 'rejected' ? 'Rejected' : 'Notes'} data-testid="portal-payout-notes">
          {payout.notes}
          {payout.status === 'rejected' ? ' Its credits return to your available balance for a later payout.' : ''}
        </Alert>
      ) : null}
      <Paper withBorder radius="md">
        <Title order={2} size="h4" p="md" pb={0}>
          Lines
        </Title>
        <Table.ScrollContainer minWidth={640} type="native">
          <Table striped verticalSpacing="sm" data-testid="portal-payout-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Lead</Table.Th>
                <Table.Th>Credit</Table.Th>
                <Table.Th>Earned</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Note</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {payout.lines.map((l) => (
                <Table.Tr key={l.id} data-testid={`portal-payout-line-${l.leadContactName}`} data-status={l.status}>
                  <Table.Td>
                    <RouterAnchor to="/portal/leads/$id" params={{ id: l.leadId }} size="sm">
                      {l.leadContactName}
                    </RouterAnchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{CREDIT_KIND_LABEL[l.creditKind]}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDay(l.earnedOn)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" className="tabular" c={l.amountMinor < 0 ? 'red' : undefined}>
                      {money(l.amountMinor)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={LINE_STATUS_COLORS[l.status]} variant="light" tt="none">
                      {LINE_STATUS_LABELS[l.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" data-testid="portal-line-note">
                      {l.note ?? ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </PortalPage>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {children}
    </Paper>
  );
}
