import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Card, SimpleGrid, Table, Text, VisuallyHidden } from '@mantine/core';
import type { MonthFigures } from '@shared/contract/payouts/statistics-types';
import { formatMoney, formatMonth } from '../shell/format';

/**
 * The last 12 months, as the staff statistics draw them (@mantine/charts): leads by outcome and
 * earned vs paid. Amounts stay minor units in the data and are formatted only for display. The
 * drawing is hidden from assistive technology; a visually hidden table carries every number.
 */
export function HomeCharts({ months, currency }: { months: MonthFigures[]; currency: string }) {
  const rows = months.map((m) => ({
    month: formatMonth(m.month),
    submitted: m.leadsSubmitted,
    approved: m.leadsApproved,
    converted: m.leadsConverted,
    rejected: m.leadsRejected,
    earned: m.earnedMinor,
    paid: m.paidMinor,
  }));
  const money = (v: number) => formatMoney(v, currency);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md" data-testid="portal-home-charts">
      <Card withBorder padding="md" radius="md">
        <Text fw={600} component="h2" size="md">
          Leads by month
        </Text>
        <Text size="sm" c="dimmed" mb="md">
          Submitted in the month, and what has been decided of them
        </Text>
        <div aria-hidden="true">
          <BarChart
            h={220}
            data={rows}
            dataKey="month"
            series={[
              { name: 'submitted', label: 'Submitted', color: 'gray.5' },
              { name: 'approved', label: 'Approved', color: 'teal.6' },
              { name: 'converted', label: 'Converted', color: 'brand.6' },
              { name: 'rejected', label: 'Rejected', color: 'red.6' },
            ]}
            withLegend
            tickLine="y"
            // Recharts' keyboard layer would put focusable parts inside the aria-hidden drawing.
            barChartProps={{ accessibilityLayer: false }}
          />
        </div>
      </Card>
      <Card withBorder padding="md" radius="md">
        <Text fw={600} component="h2" size="md">
          Earned and paid
        </Text>
        <Text size="sm" c="dimmed" mb="md">
          Commission earned in the month, and what was paid out
        </Text>
        <div aria-hidden="true">
          <BarChart
            h={220}
            data={rows}
            dataKey="month"
            series={[
              { name: 'earned', label: 'Earned', color: 'brand.6' },
              { name: 'paid', label: 'Paid', color: 'teal.6' },
            ]}
            valueFormatter={money}
            withLegend
            tickLine="y"
            barChartProps={{ accessibilityLayer: false }}
            yAxisProps={{ width: 90 }}
          />
        </div>
      </Card>
      <VisuallyHidden>
        <Table>
          <caption>The last 12 months</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Month</Table.Th>
              <Table.Th>Submitted</Table.Th>
              <Table.Th>Approved</Table.Th>
              <Table.Th>Converted</Table.Th>
              <Table.Th>Rejected</Table.Th>
              <Table.Th>Earned</Table.Th>
              <Table.Th>Paid</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.month}>
                <Table.Td>{r.month}</Table.Td>
                <Table.Td>{r.submitted}</Table.Td>
                <Table.Td>{r.approved}</Table.Td>
                <Table.Td>{r.converted}</Table.Td>
                <Table.Td>{r.rejected}</Table.Td>
                <Table.Td>{money(r.earned)}</Table.Td>
                <Table.Td>{money(r.paid)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </SimpleGrid>
  );
}
