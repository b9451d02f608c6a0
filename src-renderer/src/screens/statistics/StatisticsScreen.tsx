import { Button, Group, Paper, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { IconCash, IconChecks, IconCoin, IconFilterOff, IconHourglass, IconStars, IconTargetArrow } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { statisticsMonth } from '@shared/contract/payouts/statistics';
import { formatMoney } from '@shared/money';
import { useProcQuery } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { PartnerPicker } from '../leads/PartnerPicker';
import { formatLongMonth, formatQuality, formatRate, periodOfMonths } from './month-range';
import { MonthlyCharts } from './MonthlyCharts';
import { MonthlyTable } from './MonthlyTable';
import { PayoutStatisticsBlock } from './PayoutStatisticsBlock';
import { StatCard } from './StatCard';
import type { StatisticsSearch } from './routes';

const statisticsRoute = getRouteApi('/_staff/statistics');

/** A month box's value, or nothing while it is not a whole month (typing, or cleared). */
const monthOrNothing = (v: string) => (statisticsMonth.safeParse(v).success ? v : undefined);

/**
 * `/statistics`: the programme per month (partner_months) and its payouts, for the whole
 * workspace or one partner, over a range of months; the filters live in the URL.
 */
export function StatisticsScreen() {
  const filters = statisticsRoute.useSearch();
  const navigate = useNavigate();
  const update = (patch: StatisticsSearch) => void navigate({ from: '/statistics', to: '/statistics', search: (prev) => ({ ...prev, ...patch }) });
  const filtered = Object.values(filters).some((v) => v !== undefined);

  const monthly = useProcQuery('payouts.monthly', filters, { placeholderData: keepPreviousData });
  const range = monthly.data ? periodOfMonths(monthly.data.fromMonth, monthly.data.toMonth) : null;
  const payouts = useProcQuery(
    'payouts.statistics',
    { ...(range ?? {}), ...(filters.partnerId ? { partnerId: filters.partnerId } : {}) },
    { enabled: range !== null, placeholderData: keepPreviousData },
  );
  const data = monthly.data;
  const total = data?.total;
  const currency = data?.currency ?? 'EUR';

  return (
    <>
      <PageHeader
        title="Statistics"
        description={data ? `${formatLongMonth(data.fromMonth)} to ${formatLongMonth(data.toMonth)}${filters.partnerId ? ', one partner' : ', all partners'}` : 'The programme month by month.'}
      />
      <Paper withBorder radius="md" p="sm" mb="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <PartnerPicker label="Partner" placeholder="All partners" value={filters.partnerId ?? null} onChange={(v) => update({ partnerId: v ?? undefined })} w={260} data-testid="statistics-filter-partner" />
          <TextInput
            type="month"
            label="From month"
            value={filters.fromMonth ?? data?.fromMonth ?? ''}
            onChange={(e) => update({ fromMonth: monthOrNothing(e.currentTarget.value) })}
            w={170}
            data-testid="statistics-filter-from"
          />
          <TextInput
            type="month"
            label="To month"
            value={filters.toMonth ?? data?.toMonth ?? ''}
            onChange={(e) => update({ toMonth: monthOrNothing(e.currentTarget.value) })}
            w={170}
            data-testid="statistics-filter-to"
          />
          {filtered ? (
            <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={() => void navigate({ to: '/statistics', search: {} })} data-testid="statistics-filter-clear">
              Last 12 months, all partners
            </Button>
          ) : null}
        </Group>
      </Paper>

      {monthly.error && !data ? (
        <QueryError error={monthly.error} onRetry={() => void monthly.refetch()} />
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" data-testid="statistics-cards">
            <StatCard icon={IconCoin} label="Earned" value={total ? formatMoney(total.earnedMinor, currency) : undefined} hint="Approved credits, net of clawbacks" testId="stat-earned" />
            <StatCard icon={IconCash} label="Paid" value={total ? formatMoney(total.paidMinor, currency) : undefined} hint="By payment date" testId="stat-paid" />
            <StatCard
              icon={IconHourglass}
              label="Pending approval"
              value={payouts.data ? formatMoney(payouts.data.pendingApprovalMinor, currency) : undefined}
              hint={payouts.data ? `${payouts.data.byStatus.pending.count.toLocaleString()} ${payouts.data.byStatus.pending.count === 1 ? 'payout' : 'payouts'} waiting for approval` : undefined}
              testId="stat-pending"
            />
            <StatCard icon={IconChecks} label="Approval rate" value={total ? formatRate(total.approvalRateBp) : undefined} hint="Approved or converted, of decided" testId="stat-approval-rate" />
            <StatCard icon={IconTargetArrow} label="Conversion rate" value={total ? formatRate(total.conversionRateBp) : undefined} hint="Converted, of approved" testId="stat-conversion-rate" />
            <StatCard
              icon={IconStars}
              label="Average quality"
              value={total ? formatQuality(total.averageQuality) : undefined}
              hint={total ? `${total.leadsSubmitted.toLocaleString()} leads submitted` : undefined}
              testId="stat-quality"
            />
          </SimpleGrid>
          {data ? <MonthlyCharts data={data} /> : null}
          {payouts.error ? <QueryError error={payouts.error} onRetry={() => void payouts.refetch()} /> : <PayoutStatisticsBlock data={payouts.data} />}
          {data ? (
            <Paper withBorder radius="md" p="md">
              <MonthlyTable data={data} caption="Lead figures belong to the month a lead was submitted; earned to the month a credit was earned; paid to the payment date." />
            </Paper>
          ) : null}
        </Stack>
      )}
    </>
  );
}
