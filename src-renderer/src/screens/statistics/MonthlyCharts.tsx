import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Card, SimpleGrid, Text } from '@mantine/core';
import type { MonthlyStatistics } from '@shared/contract/payouts';
import { formatMoney } from '@shared/money';
import { formatMonth } from './month-range';

/**
 * Per month: leads by what became of them, and earned vs paid. The amounts stay integer minor
 * units in the chart data and are formatted for people only at the axis and tooltip. The
 * drawings are hidden from assistive technology: the monthly table beside them has every number.
 */
export function MonthlyCharts({ data }: { data: MonthlyStatistics }) {
  const rows = data.months.map((m) => ({
    month: formatMonth(m.month),
    submitted: m.leadsSubmitted,
    approved: m.leadsApproved,
    converted: m.leadsConverted,
    rejected: m.leadsRejected,
    earned: m.earnedMinor,
    paid: m.paidMinor,
  }));
  const money = (v: number) => formatMoney(v, data.currency);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <Card withBorder padding="lg" radius="md" data-testid="statistics-leads-chart">
        <Text fw={600}>Leads by month</Text>
        <Text size="sm" c="dimmed" mb="md">
          Submitted in the month, and what has been decided of them so far
        </Text>
        <div aria-hidden="true">
          <BarChart
            h={240}
            data={rows}
            dataKey="month"
            series={[
              { name: 'submitted', label: 'Submitted', color: 'gray.5' },
              { name: 'approved', label: 'Approved', color: 'teal.6' },
              { name: 'converted', label: 'Converted', color: 'brand.6' },
              { name: 'rejected', label: 'Rejected', color: 'red.6' },
            ]}
            tickLine="y"
            gridAxis="y"
            withLegend
            barChartProps={{ accessibilityLayer: false }}
            yAxisProps={{ allowDecimals: false }}
          />
        </div>
      </Card>
      <Card withBorder padding="lg" radius="md" data-testid="statistics-money-chart">
        <Text fw={600}>Earned vs paid</Text>
        <Text size="sm" c="dimmed" mb="md">
          Approved credits by the month earned (net of clawbacks); payments by payment date
        </Text>
        <div aria-hidden="true">
          <LineChart
            h={240}
            data={rows}
            dataKey="month"
            series={[
              { name: 'earned', label: 'Earned', color: 'brand.6' },
              { name: 'paid', label: 'Paid', color: 'teal.6' },
            ]}
            curveType="linear"
            tickLine="y"
            gridAxis="y"
            withLegend
            valueFormatter={money}
            yAxisProps={{ width: 90 }}
            lineChartProps={{ accessibilityLayer: false }}
          />
        </div>
      </Card>
    </SimpleGrid>
  );
}
