import { Button, Center, EmptyState, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { QueryError } from '../../../components/QueryError';
import { ActivityTable } from '../../activity/ActivityTable';
import { useActivityPages } from '../../activity/use-activity-pages';

/** The partner's own trail (status changes, edits, KYC and banking decisions), newest first. */
export function PartnerActivityTab({ partnerId }: { partnerId: string }) {
  const pages = useActivityPages({ resourceType: 'partner', resourceId: partnerId }, true);
  const entries = pages.data?.pages.flatMap((p) => p.items) ?? [];
  if (pages.error) {
    return (
      <Center p="lg">
        <QueryError error={pages.error} onRetry={() => void pages.refetch()} />
      </Center>
    );
  }
  return (
    <>
      <ActivityTable entries={entries} loading={pages.isPending} withResource={false} />
      {pages.isSuccess && entries.length === 0 ? <EmptyState py="xl" icon={<IconHistory size={26} />} title="No activity yet" /> : null}
      {entries.length > 0 ? (
        <Center py="sm" style={{ borderTop: '1px solid var(--pd-border-subtle)' }}>
          {pages.hasNextPage ? (
            <Button variant="subtle" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage} data-testid="activity-load-older">
              Load older
            </Button>
          ) : (
            <Text size="xs" c="dimmed" py={6}>
              {entries.length} {entries.length === 1 ? 'entry' : 'entries'}
            </Text>
          )}
        </Center>
      ) : null}
    </>
  );
}
