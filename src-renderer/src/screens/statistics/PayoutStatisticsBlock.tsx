import { Card, Group, SimpleGrid, Skeleton, Stack, Table, Text } from '@mantine/core';
import { PAYOUT_STATUSES, type PayoutStatistics, type PayoutStatus } from '@shared/contract/payouts';
import { formatMoney } from '@shared/money';

const STATUS_LABEL: Record<PayoutStatus, string> = {
  pending: 'Pending approval',
  approved: 'Approved',
  partially_approved: 'Partially approved',
  rejected: 'Rejected',
  paid: 'Paid',
};

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={600} className="tabular" data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

/** Payouts of the period: generated vs approved vs paid, per status, and how long approval takes. */
export function PayoutStatisticsBlock({ data }: { data: PayoutStatistics | undefined }) {
  return (
    <Card withBorder padding="lg" radius="md" data-testid="payout-statistics">
      <Text fw={600}>Payouts</Text>
      <Text size="sm" c="dimmed" mb="md">
        Payouts for periods starting in the range chosen
      </Text>
      {!data ? (
        <Skeleton height={120} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <Stack gap="md">
            <Group gap="xl">
              <Figure label="Generated" value={formatMoney(data.generatedMinor, data.currency)} testId="payouts-generated" />
              <Figure label="Approved" value={formatMoney(data.approvedMinor, data.currency)} testId="payouts-approved" />
              <Figure label="Paid" value={formatMoney(data.paidMinor, data.currency)} testId="payouts-paid" />
            </Group>
            <Group gap="xl">
              <Figure label="Pending approval" value={formatMoney(data.pendingApprovalMinor, data.currency)} testId="payouts-pending" />
              <Figure
                label="Avg. days to approval"
                value={data.averageDaysToApproval === null ? '—' : data.averageDaysToApproval.toLocaleString(undefined, { maximumFractionDigits: 1 })}
                testId="payouts-days-to-approval"
              />
            </Group>
          </Stack>
          <Table className="tabular" data-testid="payouts-by-status">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col" ta="right">Payouts</Table.Th>
                <Table.Th scope="col" ta="right">Amount</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr fw={600}>
                <Table.Th scope="row">Generated</Table.Th>
                <Table.Td ta="right">{data.generated.count.toLocaleString()}</Table.Td>
                <Table.Td ta="right">{formatMoney(data.generated.amountMinor, data.currency)}</Table.Td>
              </Table.Tr>
              {PAYOUT_STATUSES.map((s) => (
                <Table.Tr key={s} data-testid={`payouts-status-${s}`}>
                  <Table.Th scope="row" fw={400}>
                    {STATUS_LABEL[s]}
                  </Table.Th>
                  <Table.Td ta="right">{data.byStatus[s].count.toLocaleString()}</Table.Td>
                  <Table.Td ta="right">{formatMoney(data.byStatus[s].amountMinor, data.currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </SimpleGrid>
      )}
    </Card>
  );
}
