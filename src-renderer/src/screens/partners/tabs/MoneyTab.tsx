import { Alert, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp, IconCash, IconClockHour4, IconCoin, IconHourglass, IconReceipt, IconWallet } from '@tabler/icons-react';
import type { Partner } from '@shared/contract';
import { formatMoney } from '@shared/money';
import { useProcQuery } from '../../../api/hooks';
import { QueryError } from '../../../components/QueryError';
import { MonthlyTable } from '../../statistics/MonthlyTable';
import { StatCard } from '../../statistics/StatCard';
import { MoneyRecent } from './MoneyRecent';

/**
 * The partner's money: its balance (derived from its credits on every read), then its last 12
 * months from partner_months, then its recent payouts and credits.
 */
export function MoneyTab({ partner }: { partner: Partner }) {
  const balance = useProcQuery('payouts.balance', { partnerId: partner.id });
  const monthly = useProcQuery('payouts.monthly', { partnerId: partner.id });
  const b = balance.data;
  const money = (minor: number | undefined) => (b && minor !== undefined ? formatMoney(minor, b.currency) : undefined);
  return (
    <Stack gap="lg" data-testid="partner-money">
      {balance.error ? (
        <QueryError error={balance.error} onRetry={() => void balance.refetch()} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" data-testid="money-balance">
            <StatCard icon={IconCoin} label="Earned" value={money(b?.earnedMinor)} hint="Available + in payout + approved unpaid + paid" testId="balance-earned" />
            <StatCard icon={IconWallet} label="Available" value={money(b?.availableMinor)} hint="Approved, in no payout yet" testId="balance-available" />
            <StatCard icon={IconHourglass} label="Pending approval" value={money(b?.pendingApprovalMinor)} hint="Credits awaiting a decision" testId="balance-pending" />
            <StatCard icon={IconReceipt} label="In payout" value={money(b?.inPayoutMinor)} hint="In a payout awaiting approval" testId="balance-in-payout" />
            <StatCard icon={IconClockHour4} label="Approved unpaid" value={money(b?.approvedUnpaidMinor)} hint="In an approved payout, not paid yet" testId="balance-approved-unpaid" />
            <StatCard icon={IconCash} label="Paid" value={money(b?.paidMinor)} testId="balance-paid" />
          </SimpleGrid>
          {b && b.clawbackOutstandingMinor > 0 ? (
            <Alert color="orange" variant="light" icon={<IconArrowBackUp size={18} />} title="Clawback outstanding" data-testid="balance-clawback">
              {formatMoney(b.clawbackOutstandingMinor, b.currency)} of clawbacks will be netted off the next payout (already deducted from the available amount).
            </Alert>
          ) : null}
        </>
      )}

      <Stack gap="xs">
        <Title order={2} size="h4">
          Last 12 months
        </Title>
        {monthly.error ? (
          <QueryError error={monthly.error} onRetry={() => void monthly.refetch()} />
        ) : monthly.data ? (
          <MonthlyTable data={monthly.data} caption="Leads by the month submitted, earned by the month a credit was earned, paid by payment date." />
        ) : (
          <Skeleton height={200} />
        )}
      </Stack>
      <MoneyRecent partnerId={partner.id} />
      {b && b.availableMinor < 0 ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
          <Text size="sm">Clawbacks exceed what is available: the next payouts carry the difference over.</Text>
        </Alert>
      ) : null}
    </Stack>
  );
}
