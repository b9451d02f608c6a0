import { Table, Text } from '@mantine/core';
import type { MonthFigures, MonthlyStatistics } from '@shared/contract/payouts';
import { formatMoney } from '@shared/money';
import { formatLongMonth, formatQuality, formatRate } from './month-range';

function Row({ m, currency, label, total }: { m: MonthFigures; currency: string; label: string; total?: boolean }) {
  const fw = total ? 600 : undefined;
  return (
    <Table.Tr data-testid={total ? 'monthly-total' : `monthly-row-${m.month}`} fw={fw}>
      <Table.Th scope="row" fw={fw ?? 400}>
        {label}
      </Table.Th>
      <Table.Td ta="right">{m.leadsSubmitted.toLocaleString()}</Table.Td>
      <Table.Td ta="right">{m.leadsApproved.toLocaleString()}</Table.Td>
      <Table.Td ta="right">{m.leadsConverted.toLocaleString()}</Table.Td>
      <Table.Td ta="right">{m.leadsRejected.toLocaleString()}</Table.Td>
      <Table.Td ta="right">{formatQuality(m.averageQuality)}</Table.Td>
      <Table.Td ta="right">{formatRate(m.approvalRateBp)}</Table.Td>
      <Table.Td ta="right">{formatRate(m.conversionRateBp)}</Table.Td>
      <Table.Td ta="right">{formatMoney(m.earnedMinor, currency)}</Table.Td>
      <Table.Td ta="right">{formatMoney(m.paidMinor, currency)}</Table.Td>
    </Table.Tr>
  );
}

/** Every month of the range, newest first, and the range's total. */
export function MonthlyTable({ data, caption }: { data: MonthlyStatistics; caption: string }) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped highlightOnHover className="tabular" data-testid="monthly-table" captionSide="top">
        <Table.Caption>
          <Text size="sm" c="dimmed" ta="left">
            {caption}
          </Text>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Month</Table.Th>
            <Table.Th scope="col" ta="right">Submitted</Table.Th>
            <Table.Th scope="col" ta="right">Approved</Table.Th>
            <Table.Th scope="col" ta="right">Converted</Table.Th>
            <Table.Th scope="col" ta="right">Rejected</Table.Th>
            <Table.Th scope="col" ta="right">Avg. quality</Table.Th>
            <Table.Th scope="col" ta="right">Approval rate</Table.Th>
            <Table.Th scope="col" ta="right">Conversion rate</Table.Th>
            <Table.Th scope="col" ta="right">Earned</Table.Th>
            <Table.Th scope="col" ta="right">Paid</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...data.months].reverse().map((m) => (
            <Row key={m.month} m={m} currency={data.currency} label={formatLongMonth(m.month)} />
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Row m={data.total} currency={data.currency} label="Total" total />
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
