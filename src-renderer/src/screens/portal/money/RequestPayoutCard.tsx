import { useState } from 'react';
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCash } from '@tabler/icons-react';
import type { PortalHome } from '@shared/contract/portal';
import type { PayoutRequest } from '@shared/contract/payouts/types';
import { formatMoney } from '@shared/money';
import { useProcMutation, useProcQuery } from '../../../api/hooks';
import { useCan } from '../../../api/use-can';
import { formatDateTime } from '../../../format/date';
import { NoteDialog } from '../../payouts/NoteDialog';

/** Why the request button is disabled, or null when a request may be made. The server checks the same again. */
export function requestBlocker(home: PortalHome, open: PayoutRequest | undefined): string | null {
  const money = (minor: number) => formatMoney(minor, home.workspace.currency);
  if (open) return `Your request of ${money(open.amountMinor)} from ${formatDateTime(open.requestedAt)} is open: a manager turns it into a payout or declines it.`;
  if (home.balance.availableMinor <= 0) return 'Nothing is available to pay out yet.';
  if (home.balance.availableMinor < home.minimumPayoutMinor) {
    return `Available ${money(home.balance.availableMinor)} is below the minimum payout of ${money(home.minimumPayoutMinor)}.`;
  }
  return null;
}

/**
 * The request-payout panel: the available balance and the workspace minimum side by side, and
 * the button, disabled with its reason below the minimum or while a request is open. A request
 * is only a request: it becomes a payout through the managers' usual approval path.
 */
export function RequestPayoutCard({ home }: { home: PortalHome }) {
  const canRequest = useCan('payouts.request');
  const requests = useProcQuery('payouts.requests', {});
  const [asking, setAsking] = useState(false);
  const request = useProcMutation('payouts.request', {
    inlineErrors: true,
    onSuccess: (r) => {
      setAsking(false);
      notifications.show({ color: 'green', title: 'Payout requested', message: `${formatMoney(r.amountMinor, r.currency)}: a manager will review it.` });
    },
  });
  const money = (minor: number) => formatMoney(minor, home.workspace.currency);
  const newest = requests.data?.[0];
  const open = requests.data?.find((r) => r.status === 'open');
  const blocker = requestBlocker(home, open);

  return (
    <Paper withBorder radius="md" p="md" data-testid="payout-request-card">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
          <Figure label="Available" value={money(home.balance.availableMinor)} testId="portal-available" strong />
          <Figure label="Minimum payout" value={money(home.minimumPayoutMinor)} testId="portal-minimum" />
          <Figure label="In payouts, not yet paid" value={money(home.balance.inPayoutMinor + home.balance.approvedUnpaidMinor)} />
          <Figure label="Paid so far" value={money(home.balance.paidMinor)} testId="portal-paid" />
        </SimpleGrid>
        {canRequest ? (
          <Group gap="md" align="center" wrap="wrap">
            <Button
              leftSection={<IconCash size={16} />}
              disabled={blocker !== null || requests.isPending}
              aria-describedby={blocker ? 'payout-request-blocker' : undefined}
              onClick={() => setAsking(true)}
              data-testid="payout-request"
            >
              Request a payout of {money(home.balance.availableMinor)}
            </Button>
            {blocker ? (
              <Text id="payout-request-blocker" size="sm" c="dimmed" style={{ flex: '1 1 240px' }} data-testid="payout-request-blocker">
                {blocker}
              </Text>
            ) : null}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Your organisation’s admins and lead managers can request a payout.
          </Text>
        )}
        {newest?.status === 'declined' && !open ? (
          <Alert color="orange" variant="light" title="Your last payout request was declined" data-testid="payout-request-declined">
            {newest.reason ?? 'No reason was given.'}
          </Alert>
        ) : null}
      </Stack>
      {asking ? (
        <NoteDialog
          title={`Request a payout of ${money(home.balance.availableMinor)}`}
          label="Note for the managers (optional)"
          confirm="Send request"
          required={false}
          field="note"
          pending={request.isPending}
          error={request.error}
          onSubmit={(note) => request.mutate(note ? { note } : {})}
          onClose={() => setAsking(false)}
        />
      ) : null}
    </Paper>
  );
}

function Figure({ label, value, testId, strong }: { label: string; value: string; testId?: string; strong?: boolean }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size={strong ? 'lg' : 'md'} fw={strong ? 700 : 500} className="tabular" data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}
