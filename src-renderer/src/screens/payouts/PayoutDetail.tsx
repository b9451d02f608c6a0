import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { optionFor } from '@shared/contract/action-option';
import type { PayoutDetail, PayoutLine } from '@shared/contract/payouts/types';
import { formatMoney } from '@shared/money';
import { useProcMutation, useProcQuery } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format/date';
import { RouterAnchor } from '../../router/links';
import { NoteDialog } from './NoteDialog';
import { PayoutStatusBadge } from './PayoutStatusBadge';
import { LINE_STATUS_COLORS, LINE_STATUS_LABELS, periodText } from './payout-labels';

const route = getRouteApi('/_staff/payouts/$id');

type Deciding = { kind: 'line'; line: PayoutLine } | { kind: 'approve' } | { kind: 'reject' } | null;

/** `/payouts/$id`: header with partner, period, totals, approvals so far and blockers; the lines with a decision each; approve or reject the payout. */
export function PayoutDetailScreen() {
  const { id } = route.useParams();
  const payout = useProcQuery('payouts.get', { id });
  if (payout.error && !payout.data) return <QueryError error={payout.error} onRetry={() => void payout.refetch()} />;
  if (!payout.data) return <Skeleton height={300} radius="md" />;
  return <PayoutView payout={payout.data} />;
}

function PayoutView({ payout }: { payout: PayoutDetail }) {
  const [deciding, setDeciding] = useState<Deciding>(null);
  const close = () => setDeciding(null);
  const line = useProcMutation('payouts.decideLine', { inlineErrors: true, onSuccess: close });
  const approve = useProcMutation('payouts.approve', { inlineErrors: true, onSuccess: close });
  const reject = useProcMutation('payouts.reject', { inlineErrors: true, onSuccess: close });
  const approveOption = optionFor(payout.actions, 'approve');
  const rejectOption = optionFor(payout.actions, 'reject');
  const canDecideLines = payout.lineActions.some((a) => a.enabled);
  const money = (minor: number) => formatMoney(minor, payout.currency);

  return (
    <>
      <PageHeader
        title={`Payout ${payout.number}`}
        description={
          <>
            <RouterAnchor to="/partners/$id" params={{ id: payout.partner.id }} size="sm">
              {payout.partner.name}
            </RouterAnchor>{' '}
            · {payout.partner.code} · {periodText(payout.period)}
          </>
        }
        actions={
          <>
            {rejectOption ? (
              <Button color="red" variant="light" leftSection={<IconX size={16} />} disabled={!rejectOption.enabled} onClick={() => setDeciding({ kind: 'reject' })} data-testid="payout-reject">
                Reject payout
              </Button>
            ) : null}
            {approveOption ? (
              <Button leftSection={<IconCheck size={16} />} disabled={!approveOption.enabled} title={approveOption.reason ?? undefined} onClick={() => setDeciding({ kind: 'approve' })} data-testid="payout-approve">
                {payout.needsSecondApproval && !payout.firstApprovedBy ? 'Approve (first of two)' : 'Approve payout'}
              </Button>
            ) : null}
          </>
        }
      />
      <SimpleGrid cols={{ base: 2, md: 4 }} mb="md">
        <Fact label="Status">
          <PayoutStatusBadge status={payout.status} />
        </Fact>
        <Fact label="Total">
          <Text fw={600} data-testid="payout-total">
            {money(payout.totalMinor)}
          </Text>
        </Fact>
        <Fact label="Approved">
          <Text fw={600} data-testid="payout-approved">
            {payout.approvedMinor === null ? '—' : money(payout.approvedMinor)}
          </Text>
        </Fact>
        <Fact label="Rejected lines">
          <Text>{money(payout.rejectedMinor)}</Text>
        </Fact>
      </SimpleGrid>
      <Paper withBorder radius="md" p="md" mb="md">
        <Stack gap={4} data-testid="payout-approvals">
          <Text size="sm">
            Generated {formatDateTime(payout.generatedAt)} by {payout.generatedBy?.name ?? 'the system'}
          </Text>
          {payout.firstApprovedBy && payout.firstApprovedAt ? (
            <Text size="sm">
              First approval {formatDateTime(payout.firstApprovedAt)} by {payout.firstApprovedBy.name}
            </Text>
          ) : null}
          {payout.approvedBy && payout.approvedAt ? (
            <Text size="sm">
              Approved {formatDateTime(payout.approvedAt)} by {payout.approvedBy.name}
            </Text>
          ) : null}
          {payout.rejectedBy && payout.rejectedAt ? (
            <Text size="sm">
              Rejected {formatDateTime(payout.rejectedAt)} by {payout.rejectedBy.name}
            </Text>
          ) : null}
          {payout.paidAt ? (
            <Text size="sm">
              Paid {payout.paymentDate} ({payout.paymentMethod}, {payout.paymentReference})
            </Text>
          ) : null}
          {payout.notes ? (
            <Text size="sm" c="dimmed">
              Notes: {payout.notes}
            </Text>
          ) : null}
        </Stack>
      </Paper>
      {payout.blockers.length ? (
        <Alert color="yellow" mb="md" data-testid="payout-blockers">
          <Stack gap={2}>
            {payout.blockers.map((b) => (
              <Text size="sm" key={b}>
                {b}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}
      <Paper withBorder radius="md">
        <Title order={3} size="h4" p="md" pb={0}>
          Lines
        </Title>
        <Table striped data-testid="payout-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Lead</Table.Th>
              <Table.Th>Credit</Table.Th>
              <Table.Th>Earned</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Note</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {payout.lines.map((l) => (
              <Table.Tr key={l.id} data-testid={`payout-line-${l.leadContactName}`}>
                <Table.Td>
                  <RouterAnchor to="/leads/$id" params={{ id: l.leadId }} size="sm">
                    {l.leadContactName}
                  </RouterAnchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {l.creditKind}, {l.creditCalculation.replace('_', ' ')}
                  </Text>
                  {l.creditBaseMinor !== null && l.creditRateBp !== null ? (
                    <Text size="xs" c="dimmed">
                      {(l.creditRateBp / 100).toFixed(2)}% of {money(l.creditBaseMinor)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{l.earnedOn}</Table.Td>
                <Table.Td ta="right">{money(l.amountMinor)}</Table.Td>
                <Table.Td>
                  <Badge color={LINE_STATUS_COLORS[l.status]} variant="light">
                    {LINE_STATUS_LABELS[l.status]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{l.note ?? ''}</Text>
                  {l.decidedBy ? (
                    <Text size="xs" c="dimmed">
                      {l.decidedBy.name}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  {canDecideLines && l.status === 'pending' ? (
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button size="xs" variant="light" loading={line.isPending && line.variables?.lineId === l.id && line.variables.decision === 'approve'} onClick={() => line.mutate({ payoutId: payout.id, lineId: l.id, decision: 'approve', version: payout.version })} data-testid="line-approve">
                        Approve
                      </Button>
                      <Button size="xs" variant="light" color="red" onClick={() => setDeciding({ kind: 'line', line: l })} data-testid="line-reject">
                        Reject
                      </Button>
                    </Group>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {deciding?.kind === 'line' ? (
        <NoteDialog
          title={`Reject the line of ${deciding.line.leadContactName} (${money(deciding.line.amountMinor)})`}
          label="Note (the partner sees it)"
          confirm="Reject line"
          color="red"
          required
          field="note"
          pending={line.isPending}
          error={line.error}
          onSubmit={(note) => line.mutate({ payoutId: payout.id, lineId: deciding.line.id, decision: 'reject', note, version: payout.version })}
          onClose={close}
        />
      ) : null}
      {deciding?.kind === 'approve' ? (
        <NoteDialog
          title={`Approve ${payout.number}: ${money(payout.totalMinor - payout.rejectedMinor)}`}
          label="Note (optional)"
          confirm="Approve"
          required={false}
          field="note"
          pending={approve.isPending}
          error={approve.error}
          onSubmit={(note) => approve.mutate({ id: payout.id, version: payout.version, ...(note ? { note } : {}) })}
          onClose={close}
        />
      ) : null}
      {deciding?.kind === 'reject' ? (
        <NoteDialog
          title={`Reject ${payout.number}`}
          label="Notes (the partner sees them; every credit returns to the pool)"
          confirm="Reject payout"
          color="red"
          required
          field="notes"
          pending={reject.isPending}
          error={reject.error}
          onSubmit={(notes) => reject.mutate({ id: payout.id, version: payout.version, notes })}
          onClose={close}
        />
      ) : null}
    </>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {children}
    </Paper>
  );
}
