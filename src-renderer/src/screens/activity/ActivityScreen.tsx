import { useMemo } from 'react';
import { Button, Center, EmptyState, Group, Loader, Paper, Select, Text, TextInput } from '@mantine/core';
import { IconFilterOff, IconHistory } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useProcQuery } from '../../api/hooks';
import { useCan } from '../../api/use-can';
import { isoToLocalDay, localDayToIso } from '../../format/date';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { ActivityTable } from './ActivityTable';
import { VerifyChainButton, VerifyChainResult, useVerifyChain } from './VerifyChain';
import { useActivityPages, type ActivityFilters } from './use-activity-pages';

const activityRoute = getRouteApi('/_staff/activity');

export function ActivityScreen() {
  const canVerifyChain = useCan('activity.verify');
  // The filters live in the URL (`activity.list`'s own input fields): Back/Forward, reload and a
  // pasted link show the same slice of the trail. Dates are stored as the instants sent to the server.
  const search = activityRoute.useSearch();
  const navigate = useNavigate();
  const setSearch = (patch: Partial<typeof search>) => void navigate({ to: '/activity', search: (prev) => ({ ...prev, ...patch }) });
  const actorId = search.actorId ?? null;
  const action = search.action ?? null;
  const fromDay = isoToLocalDay(search.from);
  const toDay = isoToLocalDay(search.to);
  const setActorId = (value: string | null) => setSearch({ actorId: value ?? undefined });
  const setAction = (value: string | null) => setSearch({ action: value ?? undefined });
  const setFromDay = (day: string) => setSearch({ from: localDayToIso(day, 'start') });
  const setToDay = (day: string) => setSearch({ to: localDayToIso(day, 'end') });
  const verify = useVerifyChain();

  const facets = useProcQuery('activity.facets', {}, { meta: { notifyOnError: true }, staleTime: 60_000 });
  const rangeError = fromDay && toDay && toDay < fromDay ? 'Must be on or after the start date' : null;

  const filters = useMemo<ActivityFilters>(() => {
    const f: ActivityFilters = {};
    for (const key of ['actorId', 'action', 'resourceType', 'resourceId', 'from', 'to'] as const) {
      const value = search[key];
      if (value) f[key] = value;
    }
    return f;
  }, [search]);
  const pages = useActivityPages(filters, !rangeError);
  const entries = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.keys(filters).length > 0;

  const clearFilters = () => void navigate({ to: '/activity', search: {} });

  return (
    <>
      <PageHeader
        title="Activity"
        description="Every change and decision in this workspace: who, what and when. Append-only."
        actions={canVerifyChain ? <VerifyChainButton verify={verify} /> : null}
      />
      {verify.data ? <VerifyChainResult result={verify.data} onClose={() => verify.reset()} /> : null}

      <Paper withBorder radius="md" p="md" mb="md">
        <Group gap="md" align="flex-start" wrap="wrap">
          <Select
            label="Actor"
            placeholder="Anyone"
            data={(facets.data?.actors ?? []).map((a) => ({ value: a.id, label: a.name }))}
            value={actorId}
            onChange={setActorId}
            searchable
            clearable
            nothingFoundMessage="No such actor"
            w={220}
            data-testid="activity-filter-actor"
          />
          <Select
            label="Action"
            placeholder="Any action"
            data={facets.data?.actions ?? []}
            value={action}
            onChange={setAction}
            searchable
            clearable
            nothingFoundMessage="No such action"
            w={240}
            data-testid="activity-filter-action"
          />
          <TextInput
            label="From"
            type="date"
            value={fromDay}
            onChange={(e) => setFromDay(e.currentTarget.value)}
            w={170}
            data-testid="activity-filter-from"
          />
          <TextInput
            label="To"
            type="date"
            value={toDay}
            onChange={(e) => setToDay(e.currentTarget.value)}
            error={rangeError}
            w={170}
            data-testid="activity-filter-to"
          />
          <Button
            variant="subtle"
            color="gray"
            leftSection={<IconFilterOff size={16} />}
            onClick={clearFilters}
            disabled={!filtered && !fromDay && !toDay}
            mt={25}
            data-testid="activity-filter-clear"
          >
            Clear
          </Button>
        </Group>
      </Paper>

      {pages.error ? (
        <QueryError error={pages.error} onRetry={() => void pages.refetch()} />
      ) : (
        <Paper withBorder radius="md">
          <ActivityTable entries={entries} loading={pages.isPending && !rangeError} />
          {pages.isSuccess && entries.length === 0 ? (
            <EmptyState
              py="xl"
              icon={<IconHistory size={26} />}
              title={filtered ? 'Nothing matches these filters' : 'No activity yet'}
              description={filtered ? 'Try a wider date range or another actor or action.' : 'Changes and sign-ins will appear here.'}
            />
          ) : null}
          {entries.length > 0 ? (
            <Center py="sm" style={{ borderTop: '1px solid var(--pd-border-subtle)' }}>
              {pages.hasNextPage ? (
                <Button variant="subtle" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage} data-testid="activity-load-older">
                  Load older
                </Button>
              ) : (
                <Text size="xs" c="dimmed" py={6} data-testid="activity-end">
                  {entries.length} {entries.length === 1 ? 'entry' : 'entries'} · beginning of the trail
                </Text>
              )}
            </Center>
          ) : null}
          {pages.isFetching && !pages.isPending && !pages.isFetchingNextPage ? (
            <Center pb="xs">
              <Loader size="xs" />
            </Center>
          ) : null}
        </Paper>
      )}
    </>
  );
}
