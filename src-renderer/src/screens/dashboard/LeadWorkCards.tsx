import type { ComponentPropsWithRef, ReactNode } from 'react';
import { Card, Group, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, type CardProps } from '@mantine/core';
import { IconCopy, IconHourglass, IconInbox, type Icon } from '@tabler/icons-react';
import { createLink } from '@tanstack/react-router';
import type { LeadDashboard } from '@shared/contract/leads';
import { formatDateTime, formatRelative } from '../../format/date';

/** Mantine's Card as a typed router link: the whole card opens the filtered queue. */
const LinkCard = createLink(function LinkCardBase(props: CardProps & ComponentPropsWithRef<'a'>) {
  return <Card component="a" withBorder padding="lg" radius="md" {...props} />;
});

function WorkCard({ icon: CardIcon, label, value, hint }: { icon: Icon; label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <Group gap="md" wrap="nowrap" align="flex-start">
      <ThemeIcon size={40} radius="md" variant="light">
        <CardIcon size={22} stroke={1.6} />
      </ThemeIcon>
      <Stack gap={2} miw={0}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
        <Text size="lg" fw={600} truncate="end" className="tabular" data-testid="dashboard-card-value">
          {value}
        </Text>
        {hint ? (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        ) : null}
      </Stack>
    </Group>
  );
}

const DAY_MS = 86_400_000;
const WAITING_BUCKETS = [30, 7, 3, 1];

/**
 * The queue's "waiting" choice the oldest lead falls in (7+ days for a 9-day-old lead), so its
 * card opens the leads that have waited about as long. A bucket rather than the exact day count
 * leaves slack for a renderer clock that runs ahead of the server's.
 */
function waitingBucket(submittedAt: string): number | undefined {
  const days = (Date.now() - Date.parse(submittedAt)) / DAY_MS;
  return WAITING_BUCKETS.find((b) => days >= b);
}

/** The work waiting, each card a link to the review queue with the matching filter in the URL. */
export function LeadWorkCards({ data }: { data: LeadDashboard | undefined }) {
  const loading = <Skeleton height={24} width={48} />;
  const oldest = data?.oldestWaiting;
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" data-testid="dashboard-leads">
      <LinkCard to="/leads/review" data-testid="dashboard-pending">
        <WorkCard icon={IconInbox} label="Pending leads" value={data ? data.pending.toLocaleString() : loading} hint="Submitted or under review" />
      </LinkCard>
      {oldest ? (
        <LinkCard to="/leads/review" search={{ lead: oldest.id, olderThanDays: waitingBucket(oldest.submittedAt) }} data-testid="dashboard-oldest">
          <WorkCard icon={IconHourglass} label="Oldest waiting" value={formatRelative(oldest.submittedAt)} hint={`Submitted ${formatDateTime(oldest.submittedAt)}`} />
        </LinkCard>
      ) : (
        <LinkCard to="/leads/review" data-testid="dashboard-oldest">
          <WorkCard icon={IconHourglass} label="Oldest waiting" value={data ? 'Nothing waiting' : loading} />
        </LinkCard>
      )}
      <LinkCard to="/leads/review" search={{ duplicate: true }} data-testid="dashboard-duplicates">
        <WorkCard icon={IconCopy} label="Flagged duplicates" value={data ? data.flaggedDuplicates.toLocaleString() : loading} hint="Pending leads that may be duplicates" />
      </LinkCard>
    </SimpleGrid>
  );
}
