import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Card, Table, Text, VisuallyHidden } from '@mantine/core';
import type { LeadDashboard } from '@shared/contract/leads';

/** "12 Mar" for a calendar day: parsed as UTC so the viewer's own zone cannot move it a day. */
const dayLabel = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
function formatDay(day: string): string {
  return dayLabel.format(new Date(`${day}T00:00:00.000Z`));
}

/**
 * Leads submitted per day over the last 30 days (the workspace's days). The drawing is hidden
 * from assistive technology; a visually hidden table carries the same numbers, and the card's
 * summary line says the total and the busiest day.
 */
export function LeadsPerDayChart({ perDay }: { perDay: LeadDashboard['perDay'] }) {
  const data = perDay.map((p) => ({ day: formatDay(p.day), leads: p.count }));
  const total = perDay.reduce((sum, p) => sum + p.count, 0);
  const busiest = perDay.reduce<LeadDashboard['perDay'][number] | undefined>((best, p) => (p.count > (best?.count ?? 0) ? p : best), undefined);
  const summary = busiest ? `${total.toLocaleString()} leads in the last 30 days; busiest day ${formatDay(busiest.day)} with ${busiest.count.toLocaleString()}.` : 'No leads in the last 30 days.';
  return (
    <Card withBorder padding="lg" radius="md" data-testid="dashboard-per-day">
      <Text fw={600} id="leads-per-day-title">
        Leads per day
      </Text>
      <Text size="sm" c="dimmed" mb="md" data-testid="dashboard-per-day-summary">
        {summary}
      </Text>
      <div aria-hidden="true">
        <BarChart h={220} data={data} dataKey="day" series={[{ name: 'leads', label: 'Leads', color: 'brand.6' }]} tickLine="y" gridAxis="y" barChartProps={{ accessibilityLayer: false }} yAxisProps={{ allowDecimals: false }} withTooltip />
      </div>
      <VisuallyHidden>
        <Table aria-labelledby="leads-per-day-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Day</Table.Th>
              <Table.Th scope="col">Leads</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {perDay.map((p) => (
              <Table.Tr key={p.day}>
                <Table.Td>{formatDay(p.day)}</Table.Td>
                <Table.Td>{p.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </Card>
  );
}
