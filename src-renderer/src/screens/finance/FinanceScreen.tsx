import { useMemo, useState } from 'react';
import { Button, Group, Paper, Skeleton, Tabs, Text } from '@mantine/core';
import { IconCash, IconChecks, IconClockDollar } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { formatMoney } from '@shared/money';
import { useProcQuery } from '../../api/hooks';
import { useCan } from '../../api/use-can';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { ExportMenu } from './ExportMenu';
import { FinanceTable } from './FinanceTable';
import { MarkPaidDialog } from './MarkPaidDialog';

const financeRoute = getRouteApi('/_staff/finance');
/** The contract's most: a payment run of more is paid in rounds, oldest approvals first. */
const FINANCE_PAGE = 500;

/**
 * `/finance`: the approved payouts ready to pay (select, see the total of the selection, mark
 * them paid, export the payouts CSV, the bank file or PayPal's CSV) and the paid ones (their
 * accounting journal); every payout's PDF statement. What may be paid is the server's call: a
 * refused payout (the approver's own, on hold, changed meanwhile) comes back with its reason.
 */
export function FinanceScreen() {
  const { view = 'payable' } = financeRoute.useSearch();
  const navigate = useNavigate();
  const list = useProcQuery('payouts.financeList', { view, limit: FINANCE_PAGE });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [paying, setPaying] = useState(false);
  const canPay = useCan('payouts.markPaid');

  const rows = useMemo(() => list.data?.rows ?? [], [list.data]);
  const currency = list.data?.totals.currency ?? 'EUR';
  const chosen = rows.filter((r) => selected.has(r.id));
  const chosenMinor = chosen.reduce((sum, r) => sum + r.approvedMinor, 0);
  const ids = chosen.map((r) => r.id);

  const switchTo = (next: string | null) => {
    setSelected(new Set());
    void navigate({ to: '/finance', search: next === 'paid' ? { view: 'paid' } : {} });
  };
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = () => setSelected((prev) => (rows.every((r) => prev.has(r.id)) ? new Set() : new Set(rows.map((r) => r.id))));

  return (
    <>
      <PageHeader title="Finance" description="Pay approved payouts, make the bank and PayPal files, and book what was paid." />
      <Tabs value={view} onChange={switchTo} mb="md">
        <Tabs.List>
          <Tabs.Tab value="payable" leftSection={<IconClockDollar size={16} />} data-testid="finance-tab-payable">
            Ready to pay
          </Tabs.Tab>
          <Tabs.Tab value="paid" leftSection={<IconChecks size={16} />} data-testid="finance-tab-paid">
            Paid
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>

      <Paper withBorder radius="md" p="sm" mb="md">
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" data-testid="finance-selection">
            {chosen.length ? `${chosen.length} selected, ${formatMoney(chosenMinor, currency)}` : 'Nothing selected'}
            {list.data ? (
              <Text span c="dimmed" size="sm">
                {' '}
                · {list.data.totals.count} {view === 'payable' ? 'ready to pay' : 'paid (most recent)'}, {formatMoney(list.data.totals.approvedMinor, currency)}
              </Text>
            ) : null}
          </Text>
          <Group gap="sm">
            {view === 'payable' ? (
              <>
                <ExportMenu ids={ids} formats={['csv', 'pain001', 'paypal_csv']} />
                {canPay ? (
                  <Button leftSection={<IconCash size={16} />} disabled={chosen.length === 0} onClick={() => setPaying(true)} data-testid="finance-mark-paid">
                    Mark paid
                  </Button>
                ) : null}
              </>
            ) : (
              <ExportMenu ids={ids} formats={['journal_csv']} />
            )}
          </Group>
        </Group>
      </Paper>

      {list.error && !list.data ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <Skeleton height={180} radius="md" />
      ) : rows.length === 0 ? (
        <Paper withBorder radius="md" p="xl" ta="center" data-testid="finance-empty">
          <Text c="dimmed">{view === 'payable' ? 'No approved payouts are waiting to be paid.' : 'Nothing has been paid yet.'}</Text>
        </Paper>
      ) : (
        <>
          <FinanceTable view={view} rows={rows} selected={selected} onToggle={toggle} onToggleAll={toggleAll} />
          {list.data.more ? (
            <Text size="sm" c="dimmed" mt="sm" data-testid="finance-more">
              {view === 'payable'
                ? `More payouts are waiting: these are the ${rows.length} approved longest ago. Pay them, and the next ones appear here.`
                : `These are the ${rows.length} most recent payments; every earlier one is under Payouts, Paid.`}
            </Text>
          ) : null}
        </>
      )}

      {paying ? (
        <MarkPaidDialog
          payouts={chosen}
          currency={currency}
          onClose={() => setPaying(false)}
          onDone={(paid) =>
            setSelected((prev) => {
              const next = new Set(prev);
              for (const id of paid) next.delete(id);
              return next;
            })
          }
        />
      ) : null}
    </>
  );
}
