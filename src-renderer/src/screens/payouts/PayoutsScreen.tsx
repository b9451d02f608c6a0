import { useState } from 'react';
import { Button, Group, Paper, Skeleton, Tabs, Text, Title } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconPlayerPlay } from '@tabler/icons-react';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { PAYOUT_STATUSES, type PayoutStatus } from '@shared/contract/payouts/values';
import { formatMoney } from '@shared/money';
import { useProcQuery } from '../../api/hooks';
import { useCan } from '../../api/use-can';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { GenerateDialog } from './GenerateDialog';
import { PayoutTable } from './PayoutTable';
import { RequestsPanel } from './RequestsPanel';
import { RunsList } from './RunsList';
import { PAYOUT_STATUS_LABELS } from './payout-labels';

const route = getRouteApi('/_staff/payouts');

/**
 * `/payouts`: the payouts by status (pending first, with the totals of the tab), "Generate
 * payouts" with its progress and report, the recent runs (reports kept), and partners' open
 * payout requests.
 */
export function PayoutsScreen() {
  const { status = 'pending' } = route.useSearch();
  const navigate = useNavigate();
  const canGenerate = useCan('payouts.generate');
  const canSettle = useCan('payouts.updateSettings');
  const [generating, setGenerating] = useState(false);
  const list = useProcQuery('payouts.list', { ...(status === 'all' ? {} : { status: status as PayoutStatus }), limit: 200 });

  return (
    <>
      <PageHeader
        title="Payouts"
        description="Generate payouts from approved credits, review their lines and approve them: four eyes, never automatic."
        actions={
          <>
            {canSettle ? (
              <Button component={Link} to="/payouts/settings" variant="default" leftSection={<IconAdjustmentsHorizontal size={16} />} data-testid="payout-settings-link">
                Money settings
              </Button>
            ) : null}
            {canGenerate ? (
              <Button leftSection={<IconPlayerPlay size={16} />} onClick={() => setGenerating(true)} data-testid="generate-open">
                Generate payouts
              </Button>
            ) : null}
          </>
        }
      />
      <Tabs value={status} onChange={(next) => void navigate({ to: '/payouts', search: next && next !== 'pending' ? { status: next as PayoutStatus | 'all' } : {} })} mb="md">
        <Tabs.List>
          {PAYOUT_STATUSES.map((s) => (
            <Tabs.Tab key={s} value={s} data-testid={`payouts-tab-${s}`}>
              {PAYOUT_STATUS_LABELS[s]}
            </Tabs.Tab>
          ))}
          <Tabs.Tab value="all" data-testid="payouts-tab-all">
            All
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {list.data ? (
        <Paper withBorder radius="md" p="sm" mb="md">
          <Text size="sm" data-testid="payouts-totals">
            {list.data.totals.count} {status === 'all' ? 'payouts' : PAYOUT_STATUS_LABELS[status as PayoutStatus].toLowerCase()}, {formatMoney(list.data.totals.totalMinor, list.data.totals.currency)} in total
          </Text>
        </Paper>
      ) : null}
      {list.error && !list.data ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <Skeleton height={180} radius="md" />
      ) : list.data.rows.length === 0 ? (
        <Paper withBorder radius="md" p="xl" ta="center" data-testid="payouts-empty">
          <Text c="dimmed">No payouts here.</Text>
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <PayoutTable rows={list.data.rows} />
        </Paper>
      )}
      <Group grow align="flex-start" mt="xl">
        <Paper withBorder radius="md" p="md">
          <Title order={3} size="h4" mb="sm">
            Open payout requests
          </Title>
          <RequestsPanel />
        </Paper>
      </Group>
      <Paper withBorder radius="md" p="md" mt="md">
        <Title order={3} size="h4" mb="sm">
          Generation runs
        </Title>
        <RunsList />
      </Paper>
      {generating ? <GenerateDialog onClose={() => setGenerating(false)} /> : null}
    </>
  );
}
