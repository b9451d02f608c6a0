import { useEffect, useRef, useState } from 'react';
import { Badge, EmptyState, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconBell, IconCoins, IconReceipt, IconTargetArrow } from '@tabler/icons-react';
import type { PortalNotification, PortalNotifications } from '@shared/contract/portal';
import { useProcMutation, useProcQuery } from '../../../api/hooks';
import { QueryError } from '../../../components/QueryError';
import { RouterAnchor } from '../../../router/links';
import { PortalPage } from '../shell/PortalPage';
import { formatDateTime, formatRelative } from '../shell/format';

const KIND_ICON: Record<PortalNotification['kind'], typeof IconBell> = { lead: IconTargetArrow, credit: IconCoins, payout: IconReceipt, payout_request: IconReceipt };

const DECISION_COLOR: Record<string, string> = { approved: 'green', converted: 'teal', paid: 'teal', rejected: 'red', reversed: 'red', clawed_back: 'red' };

function decisionLabel(decision: string): string {
  const text = decision.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Where a notification's subject is shown: a lead's own page, the credits list, a payout's page, the payouts list. */
function SubjectLink({ item }: { item: PortalNotification }) {
  if (item.kind === 'lead') return <RouterAnchor to="/portal/leads/$id" params={{ id: item.id }} fw={600} size="sm">{item.label}</RouterAnchor>;
  if (item.kind === 'payout') return <RouterAnchor to="/portal/payouts/$id" params={{ id: item.id }} fw={600} size="sm">{item.label}</RouterAnchor>;
  if (item.kind === 'credit') return <RouterAnchor to="/portal/credits" fw={600} size="sm">{item.label}</RouterAnchor>;
  // A declined payout request has no page of its own: the payouts page lists the requests.
  return <RouterAnchor to="/portal/payouts" fw={600} size="sm">{item.label}</RouterAnchor>;
}

function NotificationRow({ item }: { item: PortalNotification }) {
  const KindIcon = KIND_ICON[item.kind];
  return (
    <Paper withBorder radius="md" p="md" component="li" data-testid="portal-notification" data-kind={item.kind} data-new={item.isNew} style={item.isNew ? { borderLeft: '4px solid var(--mantine-color-brand-6)' } : undefined}>
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <KindIcon size={20} stroke={1.6} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
        <Stack gap={4} miw={0} style={{ flex: 1 }}>
          <Group gap="xs" wrap="wrap">
            <SubjectLink item={item} />
            <Badge variant="light" radius="sm" tt="none" color={DECISION_COLOR[item.decision] ?? 'gray'} data-testid="portal-notification-decision">
              {decisionLabel(item.decision)}
            </Badge>
            {item.isNew ? (
              <Badge variant="filled" radius="sm" tt="none" color="brand" size="sm">
                New
              </Badge>
            ) : null}
          </Group>
          {item.reason ? (
            <Text size="sm" data-testid="portal-notification-reason" style={{ wordBreak: 'break-word' }}>
              {item.reason}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            <time dateTime={item.at} title={formatDateTime(item.at)}>
              {formatDateTime(item.at)} · {formatRelative(item.at)}
            </time>
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}

/**
 * `/portal/notifications`: decisions on the partner's leads, credits and payouts. Opening it
 * marks them seen; the list keeps showing what was new at opening (the first answer), so the
 * highlight does not vanish under the reader's eyes when the count refetches.
 */
export function PortalNotificationsScreen() {
  const query = useProcQuery('portal.notifications', {}, { staleTime: 0 });
  const markSeen = useProcMutation('portal.markNotificationsSeen', { inlineErrors: true });
  const [shown, setShown] = useState<PortalNotifications | null>(null);
  const marked = useRef(false);

  useEffect(() => {
    // Only a fresh answer counts: a cached one from the shell's badge may be a minute old.
    if (!query.data || query.isFetching || shown) return;
    setShown(query.data);
    if (!marked.current && query.data.newCount > 0) {
      marked.current = true;
      markSeen.mutate({});
    }
  }, [query.data, query.isFetching, shown, markSeen]);

  const data = shown ?? null;
  return (
    <PortalPage
      title="Notifications"
      description={data && data.newCount > 0 ? `${data.newCount} new since your last visit` : 'Decisions on your leads, credits and payouts'}
      testId="portal-notifications"
    >
      {query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : !data ? (
        <Stack gap="sm">
          <Skeleton h={72} radius="md" />
          <Skeleton h={72} radius="md" />
        </Stack>
      ) : data.items.length === 0 ? (
        <EmptyState py="xl" icon={<IconBell size={26} />} title="Nothing yet" description="When your leads, credits or payouts are decided, you will see it here." />
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Notifications, newest first">
          {data.items.map((item) => (
            <NotificationRow key={`${item.kind}:${item.id}:${item.at}:${item.decision}`} item={item} />
          ))}
        </Stack>
      )}
    </PortalPage>
  );
}
