import { Alert, Badge, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import type { PayoutRun } from '@shared/contract/payouts/types';
import { formatMoney } from '@shared/money';
import { RouterAnchor } from '../../router/links';
import { RUN_STATUS_LABELS, SKIP_REASON_LABELS, periodText } from './payout-labels';

/** A run's progress while it goes, then its report: the payouts made and every partner skipped, with the reason. */
export function RunReport({ run }: { run: PayoutRun }) {
  const percent = run.partnersTotal === 0 ? (run.status === 'running' ? 0 : 100) : Math.round((run.partnersDone / run.partnersTotal) * 100);
  return (
    <Stack gap="sm" data-testid="run-report">
      <Group justify="space-between">
        <Text size="sm">
          {periodText(run.period)} · {run.partner ? `${run.partner.name} (${run.partner.code})` : 'all partners'}
        </Text>
        <Badge color={run.status === 'completed' ? 'green' : run.status === 'failed' ? 'red' : 'blue'} data-testid="run-status">
          {RUN_STATUS_LABELS[run.status]}
        </Badge>
      </Group>
      <Progress value={percent} animated={run.status === 'running'} data-testid="run-progress" />
      <Text size="sm" c="dimmed" data-testid="run-counts">
        {run.partnersDone} of {run.partnersTotal} partners · {run.payoutsCreated} payouts, {formatMoney(run.totalMinor, run.currency)} · {run.skippedCount} skipped
      </Text>
      {run.failure ? <Alert color="red">{run.failure}</Alert> : null}
      {run.status !== 'running' ? (
        <>
          <Title order={4}>Payouts made</Title>
          {run.payouts.length === 0 ? (
            <Text size="sm" c="dimmed">
              None.
            </Text>
          ) : (
            <Table data-testid="run-payouts">
              <Table.Tbody>
                {run.payouts.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <RouterAnchor to="/payouts/$id" params={{ id: p.id }} size="sm">
                        {p.number}
                      </RouterAnchor>
                    </Table.Td>
                    <Table.Td>{p.partner.name}</Table.Td>
                    <Table.Td ta="right">{p.lineCount === 1 ? '1 line' : `${p.lineCount} lines`}</Table.Td>
                    <Table.Td ta="right">{formatMoney(p.totalMinor, run.currency)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Title order={4}>Skipped partners</Title>
          {run.skipped.length === 0 ? (
            <Text size="sm" c="dimmed">
              None.
            </Text>
          ) : (
            <Table data-testid="run-skipped">
              <Table.Tbody>
                {run.skipped.map((k) => (
                  <Table.Tr key={k.partner.id} data-testid={`run-skip-${k.partner.code}`}>
                    <Table.Td>
                      <Text size="sm">{k.partner.name}</Text>
                      <Text size="xs" c="dimmed">
                        {k.partner.code}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge variant="light" color="gray" style={{ overflow: 'visible' }}>
                        {SKIP_REASON_LABELS[k.reason]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{k.message}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      ) : null}
    </Stack>
  );
}
