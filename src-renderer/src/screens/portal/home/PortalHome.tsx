import { Card, Group, Progress, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconCash, IconCircleCheck, IconClockHour4, IconCoins, IconFileImport, IconPlus, IconReceipt, IconTrendingUp } from '@tabler/icons-react';
import type { PortalHome } from '@shared/contract/portal';
import { useProcQuery } from '../../../api/hooks';
import { useCan } from '../../../api/use-can';
import { QueryError } from '../../../components/QueryError';
import { LinkButton } from '../../leads/LinkButton';
import { StatCard } from '../../statistics/StatCard';
import { PortalPage } from '../shell/PortalPage';
import { formatLongMonth, formatMoney, formatRate } from '../shell/format';
import { HomeCharts } from './HomeCharts';

function QuotaCard({ month }: { month: PortalHome['month'] }) {
  const { submitted, quota } = month;
  // Integer percent for the bar only; the text says the counts themselves.
  const percent = quota ? Math.min(100, Math.round((submitted * 100) / quota)) : 0;
  const full = quota !== null && submitted >= quota;
  return (
    <Card withBorder radius="md" padding="md" data-testid="portal-home-quota">
      <Stack gap="xs">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Leads in {formatLongMonth(month.month)}
        </Text>
        <Group gap={6} align="baseline">
          <Text fz={28} fw={700} className="tabular" data-testid="portal-home-submitted">
            {submitted.toLocaleString()}
          </Text>
          <Text size="sm" c="dimmed">
            {quota === null ? 'submitted (no monthly quota)' : `of ${quota.toLocaleString()} this month`}
          </Text>
        </Group>
        {quota !== null ? (
          <Progress value={percent} color={full ? 'orange' : 'brand'} size="lg" radius="xl" aria-label={`${submitted} of the monthly quota of ${quota} leads used`} />
        ) : null}
        {full ? (
          <Text size="sm" c="var(--mantine-color-orange-text)">
            The monthly quota is used up: new leads can be submitted again next month.
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function HomeBody({ home }: { home: PortalHome }) {
  const { balance, workspace } = home;
  const money = (minor: number) => formatMoney(minor, workspace.currency);
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <QuotaCard month={home.month} />
        <StatCard icon={IconCircleCheck} label="Approval rate" value={formatRate(home.approvalRateBp)} hint="Of your decided leads, approved or converted" testId="portal-home-approval" />
        <StatCard icon={IconTrendingUp} label="Conversion rate" value={formatRate(home.conversionRateBp)} hint="Of your approved leads, won as deals" testId="portal-home-conversion" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" data-testid="portal-home-balance">
        <StatCard icon={IconCoins} label="Earned" value={money(balance.earnedMinor)} hint="All approved commission so far" testId="portal-home-earned" />
        <StatCard icon={IconClockHour4} label="Pending" value={money(balance.pendingApprovalMinor)} hint="Credits waiting for approval" testId="portal-home-pending" />
        <StatCard icon={IconCash} label="Available" value={money(balance.availableMinor)} hint={`A payout needs at least ${money(home.minimumPayoutMinor)}`} testId="portal-home-available" />
        <StatCard icon={IconReceipt} label="Paid" value={money(balance.paidMinor)} hint="Paid out to you" testId="portal-home-paid" />
      </SimpleGrid>
      <HomeCharts months={home.months} currency={workspace.currency} />
    </Stack>
  );
}

/** `/portal`: this month against the quota, the rates, the balance and the last 12 months. */
export function PortalHomeScreen() {
  const home = useProcQuery('portal.home', {});
  const canSubmit = useCan('leads.submit');
  const canImport = useCan('leads.startImport');
  return (
    <PortalPage
      title={home.data ? home.data.partner.name : 'Home'}
      description={home.data ? `Your results in ${home.data.workspace.name}` : undefined}
      testId="portal-home"
      actions={
        <>
          {canSubmit ? (
            <LinkButton to="/portal/leads/new" leftSection={<IconPlus size={16} />} data-testid="portal-home-submit">
              Submit a lead
            </LinkButton>
          ) : null}
          {canImport ? (
            <LinkButton to="/portal/leads/import" variant="default" leftSection={<IconFileImport size={16} />}>
              Import CSV
            </LinkButton>
          ) : null}
        </>
      }
    >
      {home.error ? (
        <QueryError error={home.error} onRetry={() => void home.refetch()} />
      ) : home.data ? (
        <HomeBody home={home.data} />
      ) : (
        <Stack gap="md">
          <Skeleton h={120} radius="md" />
          <Skeleton h={90} radius="md" />
          <Skeleton h={260} radius="md" />
        </Stack>
      )}
    </PortalPage>
  );
}
