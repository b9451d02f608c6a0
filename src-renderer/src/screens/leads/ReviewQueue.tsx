import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  EmptyState,
  Grid,
  Group,
  Kbd,
  Loader,
  Modal,
  Paper,
  ScrollArea,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { IconArrowUpRight, IconChecks, IconInbox, IconKeyboard, IconList, IconPlus, IconRefresh, IconUserCheck, IconX } from '@tabler/icons-react';
import type { LeadAction, LeadSummary } from '@shared/contract/leads';
import { useProcQuery } from '../../api/hooks';
import { useCan } from '../../api/use-can';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatRelative } from '../../format/date';
import { LinkButton } from './LinkButton';
import { DuplicateBadge, LeadStatusBadge, ScoreBadge } from './badges';
import { BulkDecisionDialog, type BulkAction } from './BulkDecisionDialog';
import { DuplicatePanel } from './DuplicatePanel';
import { LeadActionButtons, LeadDecisionDialog } from './LeadActions';
import { LeadCountsBar } from './LeadCountsBar';
import { LeadFacts } from './LeadFacts';
import { LeadFilters, type LeadFilterValues } from './LeadFilters';
import { LEAD_ACTION_LABEL, LEAD_STATUS_LABEL, SUBMISSION_TYPE_LABEL } from './lead-labels';
import type { LeadQueueSearch } from './routes';
import { ScoreBreakdown } from './ScoreBreakdown';
import { SubmitLeadDrawer } from './SubmitLeadDrawer';
import { useQueuePages } from './use-lead-pages';
import { QUEUE_KEYS, useQueueKeys, type QueueKey } from './use-queue-keys';

const queueRoute = getRouteApi('/_staff/leads/review');

const ROW_HEIGHT = 68;
/** Fetch the next page while this many rows are still below the visible ones. */
const PREFETCH_ROWS = 20;

const KEY_ACTION: Partial<Record<QueueKey, LeadAction>> = { a: 'approve', r: 'reject', c: 'convert' };

function KeyHint({ k }: { k: string }) {
  return (
    <Kbd size="xs" aria-hidden>
      {k}
    </Kbd>
  );
}

interface RowProps {
  lead: LeadSummary;
  active: boolean;
  selected: boolean;
  onActivate(): void;
  /** Null: the caller may not decide in bulk, so there is nothing to select for. */
  onToggle: (() => void) | null;
}

function QueueRow({ lead, active, selected, onActivate, onToggle }: RowProps) {
  return (
    <Group
      gap="sm"
      wrap="nowrap"
      px="sm"
      h={ROW_HEIGHT}
      data-testid="queue-row"
      data-lead-id={lead.id}
      data-active={active ? 'true' : undefined}
      data-status={lead.status}
      style={{
        borderBottom: '1px solid var(--pd-border-subtle)',
        borderLeft: `3px solid ${active ? 'var(--mantine-primary-color-filled)' : 'transparent'}`,
        background: active ? 'var(--mantine-primary-color-light)' : selected ? 'var(--pd-surface-subtle)' : undefined,
      }}
    >
      {onToggle ? <Checkbox checked={selected} onChange={onToggle} aria-label={`Select ${lead.contactName}`} size="sm" data-testid="queue-row-select" /> : null}
      <UnstyledButton onClick={onActivate} aria-current={active ? 'true' : undefined} style={{ flex: 1, minWidth: 0 }} data-testid="queue-row-open">
        <Group gap="sm" wrap="nowrap">
          <ScoreBadge score={lead.score} size="lg" />
          <Box miw={0} style={{ flex: 1 }}>
            <Group gap={6} wrap="nowrap">
              <Text size="sm" fw={600} truncate="end">
                {lead.contactName}
              </Text>
              {lead.company ? (
                <Text size="sm" c="dimmed" truncate="end">
                  {lead.company}
                </Text>
              ) : null}
            </Group>
            <Text size="xs" c="dimmed" truncate="end">
              {lead.partner.name} · {SUBMISSION_TYPE_LABEL[lead.type]} · {formatRelative(lead.submittedAt)}
            </Text>
          </Box>
          <Stack gap={4} align="flex-end">
            {lead.status !== 'submitted' ? <LeadStatusBadge status={lead.status} size="xs" /> : null}
            {lead.duplicateFlag ? <DuplicateBadge size="xs" /> : null}
          </Stack>
        </Group>
      </UnstyledButton>
    </Group>
  );
}

interface PaneProps {
  leadId: string;
  conflict: string | null;
  onChoose(action: LeadAction): void;
}

/** The lead beside the list: what was submitted, the score's reasons, and the duplicate it may be. */
function DetailPane({ leadId, conflict, onChoose }: PaneProps) {
  const query = useProcQuery('leads.get', { id: leadId });
  const lead = query.data;
  if (query.error && !lead) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!lead) {
    return (
      <Stack gap="sm" p="lg">
        <Skeleton height={26} width="60%" />
        <Skeleton height={16} width="40%" />
        <Skeleton height={220} mt="md" />
      </Stack>
    );
  }
  return (
    <Stack gap="md" p="lg" data-testid="queue-detail" data-lead-id={lead.id} data-status={lead.status}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} miw={0}>
          <Title order={2} size="h3" style={{ wordBreak: 'break-word' }} data-testid="queue-detail-title">
            {lead.contactName}
          </Title>
          <Group gap={6}>
            {lead.company ? (
              <Text size="sm" c="dimmed">
                {lead.company} ·
              </Text>
            ) : null}
            <LeadStatusBadge status={lead.status} data-testid="queue-detail-status" />
            <ScoreBadge score={lead.score} withLabel />
            {lead.duplicateFlag ? <DuplicateBadge /> : null}
          </Group>
        </Stack>
        <LinkButton
          to="/leads/$id"
          params={{ id: lead.id }}
          variant="default"
          size="xs"
          rightSection={<KeyHint k="o" />}
          leftSection={<IconArrowUpRight size={14} />}
          aria-keyshortcuts="o"
          data-testid="queue-detail-open"
        >
          Open
        </LinkButton>
      </Group>
      {conflict ? (
        <Alert color="orange" variant="light" title="Another reviewer got there first" data-testid="queue-conflict">
          {conflict} The lead has been reloaded: it shows its current state.
        </Alert>
      ) : null}
      {lead.claimedBy && lead.status === 'under_review' ? (
        <Text size="sm" c="dimmed" data-testid="queue-detail-claim">
          <IconUserCheck size={14} style={{ verticalAlign: -2 }} /> In review by {lead.claimedBy.name}
          {lead.claimedAt ? ` since ${formatRelative(lead.claimedAt)}` : ''}
        </Text>
      ) : null}
      {lead.rejectionReason ? (
        <Alert color="gray" variant="light" title="Rejected">
          {lead.rejectionReason}
        </Alert>
      ) : null}
      <LeadActionButtons lead={lead} onChoose={onChoose} withKeys />
      <DuplicatePanel lead={lead} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <LeadFacts lead={lead} cols={1} inPane />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Paper withBorder radius="md" p="md">
            <ScoreBreakdown score={{ score: lead.score, breakdown: lead.scoreBreakdown }} />
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function KeyLegend({ onHelp }: { onHelp(): void }) {
  return (
    <Paper withBorder radius="md" px="md" py={8} mt="md" data-testid="queue-legend">
      <Group gap="md" wrap="wrap">
        <Group gap={6} wrap="nowrap">
          <IconKeyboard size={16} aria-hidden />
          <Text size="xs" fw={600}>
            Keys
          </Text>
        </Group>
        {QUEUE_KEYS.filter((k) => k.key !== '?').map((k) => (
          <Group key={k.key} gap={6} wrap="nowrap">
            <Kbd size="xs">{k.key}</Kbd>
            <Text size="xs" c="dimmed">
              {k.label}
            </Text>
          </Group>
        ))}
        <UnstyledButton onClick={onHelp} ml="auto" data-testid="queue-help-open">
          <Group gap={6} wrap="nowrap">
            <Kbd size="xs">?</Kbd>
            <Text size="xs" c="dimmed">
              All keys
            </Text>
          </Group>
        </UnstyledButton>
      </Group>
    </Paper>
  );
}

function KeysHelp({ onClose }: { onClose(): void }) {
  return (
    <Modal opened onClose={onClose} title="Review queue keys" size="sm">
      <Table verticalSpacing={6} data-testid="queue-help">
        <Table.Tbody>
          {QUEUE_KEYS.map((k) => (
            <Table.Tr key={k.key}>
              <Table.Td w={48}>
                <Kbd>{k.key}</Kbd>
              </Table.Td>
              <Table.Td>{k.label}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td>
              <Kbd>Esc</Kbd>
            </Table.Td>
            <Table.Td>Close a dialog</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="sm">
        Keys do nothing while you type in a field.
      </Text>
    </Modal>
  );
}

/**
 * `/leads/review`: the pending leads in the server's order (highest score, then oldest), worked
 * from the keyboard. The list is virtualised and fetches the next keyset page as it scrolls; the
 * pane beside it shows the active lead with its actions, which are the server's (`lead.actions`).
 */
export function ReviewQueue() {
  const search = queueRoute.useSearch();
  const navigate = useNavigate();
  const canSubmit = useCan('leads.submit');
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
            {canSubmit ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setSubmitting(true)} data-testid="leads-submit-open">
                Submit a lead
              </Button>
            ) : null}
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
                <DetailPane leadId={activeId} conflict={conflict && conflict.leadId === activeId ? conflict.message : null} onChoose={choose} />
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
