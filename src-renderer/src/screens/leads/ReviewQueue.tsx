import { useEffect, useRef, useState } from 'react';
import { Badge, Button, EmptyState, Grid, Group, Loader, Paper, ScrollArea, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { IconAdjustmentsHorizontal, IconChecks, IconInbox, IconList, IconRefresh, IconX } from '@tabler/icons-react';
import type { LeadAction, LeadSummary } from '@shared/contract/leads';
import { useProcQuery } from '../../api/hooks';
import { useCan } from '../../api/use-can';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { LeadIntakeActions } from './LeadIntakeActions';
import { LinkButton } from './LinkButton';
import { BulkDecisionDialog, type BulkAction } from './BulkDecisionDialog';
import { LeadDecisionDialog } from './LeadActions';
import { LeadCountsBar } from './LeadCountsBar';
import { LeadFilters, type LeadFilterValues } from './LeadFilters';
import { LEAD_ACTION_LABEL, LEAD_STATUS_LABEL } from './lead-labels';
import type { LeadQueueSearch } from './routes';
import { SubmitLeadDrawer } from './SubmitLeadDrawer';
import { useQueuePages } from './use-lead-pages';
import { useQueueKeys, type QueueKey } from './use-queue-keys';
import { QueueRow, ROW_HEIGHT } from './QueueRow';
import { QueueDetailPane } from './QueueDetailPane';
import { KeyLegend } from './KeyLegend';
import { KeysHelp } from './KeysHelp';

const queueRoute = getRouteApi('/_staff/leads/review');

/** Fetch the next page while this many rows are still below the visible ones. */
const PREFETCH_ROWS = 20;

const KEY_ACTION: Partial<Record<QueueKey, LeadAction>> = { a: 'approve', r: 'reject', c: 'convert' };

/**
 * `/leads/review`: the pending leads in the server's order (highest score, then oldest), worked
 * from the keyboard. The list is virtualised and fetches the next keyset page as it scrolls; the
 * pane beside it shows the active lead with its actions, which are the server's (`lead.actions`).
 */
export function ReviewQueue() {
  const search = queueRoute.useSearch();
  const navigate = useNavigate();
  const canSubmit = useCan('leads.submit');
  const canEditSettings = useCan('leads.updateSettings');
  // Bulk decisions are offered to the roles the contract lets decide (each lead is still the server's to refuse).
  const canBulkApprove = useCan('leads.approve');
  const canBulkReject = useCan('leads.reject');
  const canSelect = canBulkApprove || canBulkReject;
  const update = (patch: LeadQueueSearch) => void navigate({ from: '/leads/review', to: '/leads/review', search: (prev) => ({ ...prev, ...patch }), replace: true });
  const { lead: leadParam, ...filters } = search;
  const pages = useQueuePages(filters);
  const rows = pages.data?.pages.flatMap((p) => p.rows) ?? [];

  const [selected, setSelected] = useState<Map<string, LeadSummary>>(new Map());
  const [dialog, setDialog] = useState<LeadAction | null>(null);
  const [bulk, setBulk] = useState<BulkAction | null>(null);
  const [help, setHelp] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [conflict, setConflict] = useState<{ leadId: string; message: string } | null>(null);

  // The active lead is the URL's (a reload keeps it); it stays in the pane after it is decided and
  // leaves the list, and j then moves to the lead that took its place.
  const activeId = leadParam ?? rows[0]?.id ?? null;
  const foundIndex = activeId ? rows.findIndex((r) => r.id === activeId) : -1;
  const anchor = useRef(0);
  if (foundIndex >= 0) anchor.current = foundIndex;
  const activeLead = useProcQuery('leads.get', { id: activeId ?? '' }, { enabled: activeId !== null });

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => rows[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (pages.hasNextPage && !pages.isFetchingNextPage && lastVisible >= rows.length - PREFETCH_ROWS) void pages.fetchNextPage();
  }, [lastVisible, rows.length, pages.hasNextPage, pages.isFetchingNextPage]); // eslint-disable-line react-hooks/exhaustive-deps -- pages is a new object every render

  const activate = (id: string) => {
    if (conflict && conflict.leadId !== id) setConflict(null);
    update({ lead: id });
  };
  const moveTo = (index: number) => {
    if (rows.length === 0) return;
    const next = Math.max(0, Math.min(rows.length - 1, index));
    const row = rows[next];
    if (!row) return;
    activate(row.id);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const toggle = (lead: LeadSummary) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (next.has(lead.id)) next.delete(lead.id);
      else next.set(lead.id, lead);
      return next;
    });

  const choose = (action: LeadAction) => {
    const lead = activeLead.data;
    if (!lead) return;
    const option = lead.actions.find((o) => o.action === action);
    if (!option) {
      notifications.show({
        color: 'gray',
        title: `${LEAD_ACTION_LABEL[action]}: not offered`,
        message: `Not possible for a lead that is ${LEAD_STATUS_LABEL[lead.status].toLowerCase()}${action === 'convert' ? ': approve it first' : ''}.`,
      });
      return;
    }
    if (!option.enabled) {
      notifications.show({ color: 'gray', title: `${LEAD_ACTION_LABEL[action]}: not possible now`, message: option.reason ?? '' });
      return;
    }
    setDialog(action);
  };

  useQueueKeys(dialog === null && bulk === null && !help && !submitting, (key) => {
    if (key === 'j') moveTo(foundIndex >= 0 ? foundIndex + 1 : anchor.current);
    else if (key === 'k') moveTo(foundIndex >= 0 ? foundIndex - 1 : anchor.current - 1);
    else if (key === 'o') {
      if (activeId) void navigate({ to: '/leads/$id', params: { id: activeId } });
    } else if (key === 'x') {
      if (!canSelect) return;
      const row = foundIndex >= 0 ? rows[foundIndex] : undefined;
      if (row) toggle(row);
    } else if (key === '?') setHelp(true);
    else {
      const action = KEY_ACTION[key];
      if (action) choose(action);
    }
  });

  const filterValues: LeadFilterValues = filters;
  const selectedLeads = [...selected.values()];
  const filtered = Object.values(filters).some((v) => v !== undefined);

  return (
    <>
      <PageHeader
        title="Review queue"
        description="Pending leads, highest score first, then oldest. Work it from the keyboard: press ? for the keys."
        actions={
          <>
            <LinkButton to="/leads" variant="default" leftSection={<IconList size={16} />} data-testid="queue-all-leads">
              All leads
            </LinkButton>
            {canEditSettings ? (
              <LinkButton to="/leads/settings" variant="default" leftSection={<IconAdjustmentsHorizontal size={16} />} data-testid="queue-lead-settings">
                Settings
              </LinkButton>
            ) : null}
            <LeadIntakeActions onSubmit={() => setSubmitting(true)} />
          </>
        }
      />
      <LeadCountsBar
        current={filters.status}
        onPick={(status) =>
          status === 'submitted' || status === 'under_review'
            ? update({ status, lead: undefined })
            : void navigate({ to: '/leads', search: { status } })
        }
      />
      <LeadFilters
        values={filterValues}
        onChange={({ status, ...patch }) => update({ ...patch, ...(status === undefined || status === 'submitted' || status === 'under_review' ? { status } : {}), lead: undefined })}
        onClear={() => void navigate({ to: '/leads/review', search: {}, replace: true })}
        statuses="pending"
        testIdPrefix="queue"
      />

      {pages.error && !pages.data ? (
        <QueryError error={pages.error} onRetry={() => void pages.refetch()} />
      ) : (
        <Grid gap="md" align="stretch">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
              <Group justify="space-between" px="sm" py={8} style={{ borderBottom: '1px solid var(--pd-border-subtle)' }} mih={46}>
                {selected.size > 0 ? (
                  <Group gap="xs" data-testid="queue-bulk-bar">
                    <Badge variant="light" radius="sm" tt="none" data-testid="queue-selected-count">
                      {selected.size} selected
                    </Badge>
                    {canBulkApprove ? (
                      <Button size="compact-sm" color="green" leftSection={<IconChecks size={14} />} onClick={() => setBulk('approve')} data-testid="queue-bulk-approve">
                        Approve
                      </Button>
                    ) : null}
                    {canBulkReject ? (
                      <Button size="compact-sm" color="red" variant="light" leftSection={<IconX size={14} />} onClick={() => setBulk('reject')} data-testid="queue-bulk-reject">
                        Reject
                      </Button>
                    ) : null}
                    <Button size="compact-sm" variant="subtle" color="gray" onClick={() => setSelected(new Map())} data-testid="queue-bulk-clear">
                      Clear
                    </Button>
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed" data-testid="queue-loaded" data-loaded={rows.length}>
                    {pages.isPending ? 'Loading…' : `${rows.length.toLocaleString()}${pages.hasNextPage ? '+' : ''} ${rows.length === 1 ? 'lead' : 'leads'}${filtered ? ' matching' : ' pending'}`}
                  </Text>
                )}
                <Group gap={6}>
                  {pages.isFetching && !pages.isPending ? <Loader size="xs" aria-label="Refreshing" /> : null}
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="gray"
                    leftSection={<IconRefresh size={14} />}
                    onClick={() => void pages.refetch()}
                    data-testid="queue-refresh"
                  >
                    Refresh
                  </Button>
                </Group>
              </Group>
              {pages.isPending ? (
                <Stack gap={0}>
                  {Array.from({ length: 6 }, (_, i) => (
                    <Skeleton key={i} height={ROW_HEIGHT - 12} m={6} />
                  ))}
                </Stack>
              ) : rows.length === 0 ? (
                <EmptyState
                  py="xl"
                  icon={<IconInbox size={26} />}
                  title={filtered ? 'No pending lead matches' : 'The queue is empty'}
                  description={filtered ? 'Try other filters or clear them.' : 'New leads from partners appear here.'}
                />
              ) : (
                <ScrollArea.Autosize
                  viewportRef={scrollRef}
                  mah="calc(100dvh - 430px)"
                  mih={360}
                  type="auto"
                  viewportProps={{ tabIndex: -1 }}
                  data-testid="queue-list"
                >
                  <ul aria-label="Pending leads" style={{ height: virtualizer.getTotalSize(), position: 'relative', margin: 0, padding: 0, listStyle: 'none' }}>
                    {items.map((item) => {
                      const lead = rows[item.index];
                      if (!lead) return null;
                      return (
                        <li
                          key={item.key}
                          style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: item.size, transform: `translateY(${item.start}px)` }}
                        >
                          <QueueRow lead={lead} active={lead.id === activeId} selected={selected.has(lead.id)} onActivate={() => activate(lead.id)} onToggle={canSelect ? () => toggle(lead) : null} />
                        </li>
                      );
                    })}
                  </ul>
                  {pages.isFetchingNextPage ? (
                    <Group justify="center" py="sm">
                      <Loader size="xs" aria-label="Loading more leads" />
                    </Group>
                  ) : null}
                </ScrollArea.Autosize>
              )}
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Paper withBorder radius="md" mih={360} component="section" aria-label="Lead details">
              {activeId ? (
                <QueueDetailPane leadId={activeId} conflict={conflict && conflict.leadId === activeId ? conflict.message : null} onChoose={choose} />
              ) : (
                <EmptyState py="xl" icon={<IconInbox size={26} />} title="No lead chosen" description="Choose a lead in the list, or press j." />
              )}
            </Paper>
          </Grid.Col>
        </Grid>
      )}
      <KeyLegend onHelp={() => setHelp(true)} />

      {dialog && activeLead.data ? (
        <LeadDecisionDialog
          key={`${activeLead.data.id}-${dialog}`}
          lead={activeLead.data}
          action={dialog}
          onClose={() => setDialog(null)}
          onConflict={(message) => {
            if (activeId) setConflict({ leadId: activeId, message });
          }}
          onDone={() => setConflict(null)}
        />
      ) : null}
      {bulk ? (
        <BulkDecisionDialog
          action={bulk}
          leads={selectedLeads}
          onClose={() => setBulk(null)}
          onDone={(done) =>
            setSelected((prev) => {
              const next = new Map(prev);
              for (const id of done) next.delete(id);
              return next;
            })
          }
        />
      ) : null}
      {help ? <KeysHelp onClose={() => setHelp(false)} /> : null}
      {canSubmit ? <SubmitLeadDrawer opened={submitting} onClose={() => setSubmitting(false)} onSubmitted={(id) => update({ lead: id })} /> : null}
    </>
  );
}
