import { useState, type KeyboardEvent } from 'react';
import { Badge, Button, Checkbox, EmptyState, Group, Loader, Paper, Select, Table, Tabs, Text } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { IconCheck, IconInbox, IconX } from '@tabler/icons-react';
import { CREDIT_KINDS, CREDIT_STATUSES, type CreditKind, type CreditStatus } from '@shared/contract/credits/values';
import type { CreditSummary } from '@shared/contract/credits/types';
import { formatMoney } from '@shared/money';
import { useProcQuery } from '../../api/hooks';
import { useCan } from '../../api/use-can';
import { useCursorPages } from '../../api/use-cursor-pages';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { TableSkeleton } from '../../components/TableSkeleton';
import { PartnerPicker } from '../leads/PartnerPicker';
import { CreditStatusBadge } from './CreditBadges';
import { CreditBulkDialog, type CreditBulkDecision } from './CreditBulkDialog';
import { CreditDrawer } from './CreditDrawer';
import { CREDIT_KIND_LABEL, CREDIT_STATUS_LABEL } from './credit-labels';
import type { CreditListSearch } from './routes';

const queueRoute = getRouteApi('/_staff/credits');
const PAGE = 50;

/**
 * `/credits`: the managers' queue. Pending approval by default, every status a tab away with its
 * count; filtered by partner and kind from the URL; a keyset page at a time ("load more"). Rows
 * are selected with their checkbox (or Space on a focused row) for a bulk approve or reject;
 * Enter or a click opens the credit in a drawer whose buttons are the actions the server offers.
 */
export function CreditQueue() {
  const search = queueRoute.useSearch();
  const navigate = useNavigate();
  const status: CreditStatus = search.status ?? 'pending_approval';
  const canBulk = useCan('credits.bulkDecide');
  const counts = useProcQuery('credits.counts', {});
  const filters = { status, ...(search.kind ? { kind: search.kind } : {}), ...(search.partnerId ? { partnerId: search.partnerId } : {}) };
  const pages = useCursorPages('credits.list', filters, PAGE);
  const rows = pages.data?.pages.flatMap((p) => p.rows) ?? [];
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState<CreditBulkDecision | null>(null);
  const selectable = canBulk && status === 'pending_approval';
  const chosen = rows.filter((r) => selected.has(r.id));

  const update = (patch: Partial<CreditListSearch>) => {
    setSelected(new Set());
    void navigate({ from: '/credits', to: '/credits', search: (prev) => ({ ...prev, ...patch }) });
  };
  const open = (id: string | undefined) => void navigate({ from: '/credits', to: '/credits', search: (prev) => ({ ...prev, credit: id }) });
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allChosen = rows.length > 0 && chosen.length === rows.length;
  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, row: CreditSummary) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      open(row.id);
    } else if (event.key === ' ' && selectable) {
      event.preventDefault();
      toggle(row.id);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const sibling = (event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling : event.currentTarget.previousElementSibling) as HTMLElement | null;
      sibling?.focus();
    }
  };

  return (
    <>
      <PageHeader title="Credits" description="What partners have earned, waiting for a decision or decided. Nothing is credited without a manager’s approval." />
      <Tabs value={status} onChange={(value) => value && update({ status: value as CreditStatus })} mb="md" keepMounted={false}>
        <Tabs.List data-testid="credit-tabs">
          {CREDIT_STATUSES.map((s) => {
            const n = counts.data?.byStatus[s];
            return (
              <Tabs.Tab key={s} value={s} data-testid={`credit-tab-${s}`} data-count={n?.count} rightSection={n ? <Badge size="sm" variant="light" color="gray" className="tabular">{n.count.toLocaleString()}</Badge> : null}>
                {CREDIT_STATUS_LABEL[s]}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
      </Tabs>
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <PartnerPicker label="Partner" value={search.partnerId ?? null} onChange={(id) => update({ partnerId: id ?? undefined })} w={280} data-testid="credit-filter-partner" />
        <Select
          label="Kind"
          placeholder="Any kind"
          clearable
          w={180}
          data={CREDIT_KINDS.map((k) => ({ value: k, label: CREDIT_KIND_LABEL[k] }))}
          value={search.kind ?? null}
          onChange={(value) => update({ kind: (value as CreditKind | null) ?? undefined })}
          data-testid="credit-filter-kind"
        />
        {counts.data ? (
          <Text size="sm" c="dimmed" ml="auto" data-testid="credit-status-total">
            {CREDIT_STATUS_LABEL[status]}: {formatMoney(counts.data.byStatus[status].amountMinor, counts.data.currency)}
          </Text>
        ) : null}
      </Group>

      {selectable && chosen.length > 0 ? (
        <Paper withBorder radius="md" px="md" py="xs" mb="sm" data-testid="credit-bulk-bar">
          <Group justify="space-between">
            <Text size="sm" fw={500}>
              {chosen.length} selected · {formatMoney(chosen.reduce((sum, r) => sum + r.amountMinor, 0), chosen[0]?.currency ?? 'EUR')}
            </Text>
            <Group gap="xs">
              <Button size="xs" color="green" leftSection={<IconCheck size={14} />} onClick={() => setBulk('approve')} data-testid="credit-bulk-approve">
                Approve {chosen.length}
              </Button>
              <Button size="xs" color="red" variant="light" leftSection={<IconX size={14} />} onClick={() => setBulk('reject')} data-testid="credit-bulk-reject">
                Reject {chosen.length}
              </Button>
            </Group>
          </Group>
        </Paper>
      ) : null}

      {pages.error && !pages.data ? (
        <QueryError error={pages.error} onRetry={() => void pages.refetch()} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={960} type="native">
            <Table layout="fixed" verticalSpacing="xs" highlightOnHover data-testid="credits-table" style={{ opacity: pages.isPlaceholderData ? 0.6 : 1 }}>
              <Table.Thead>
                <Table.Tr>
                  {selectable ? (
                    <Table.Th w={44}>
                      <Checkbox
                        aria-label="Select all loaded credits"
                        checked={allChosen}
                        indeterminate={chosen.length > 0 && !allChosen}
                        onChange={() => setSelected(allChosen ? new Set() : new Set(rows.map((r) => r.id)))}
                        data-testid="credit-select-all"
                      />
                    </Table.Th>
                  ) : null}
                  <Table.Th w={130} ta="right">
                    Amount
                  </Table.Th>
                  <Table.Th w={200}>Lead</Table.Th>
                  <Table.Th w={170}>Partner</Table.Th>
                  <Table.Th>Calculation</Table.Th>
                  <Table.Th w={110}>Kind</Table.Th>
                  <Table.Th w={110}>Earned</Table.Th>
                  <Table.Th w={140}>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pages.isPending ? (
                  <TableSkeleton columns={selectable ? 8 : 7} rows={8} />
                ) : (
                  rows.map((row) => (
                    <Table.Tr
                      key={row.id}
                      tabIndex={0}
                      data-testid="credit-row"
                      data-credit-id={row.id}
                      data-status={row.status}
                      aria-selected={selectable ? selected.has(row.id) : undefined}
                      onClick={() => open(row.id)}
                      onKeyDown={(e) => onRowKey(e, row)}
                      bg={selected.has(row.id) ? 'var(--mantine-primary-color-light)' : undefined}
                      style={{ cursor: 'pointer' }}
                    >
                      {selectable ? (
                        <Table.Td onClick={(e) => e.stopPropagation()}>
                          <Checkbox aria-label={`Select the credit of ${row.lead.contactName}`} checked={selected.has(row.id)} onChange={() => toggle(row.id)} tabIndex={-1} data-testid="credit-select" />
                        </Table.Td>
                      ) : null}
                      <Table.Td ta="right">
                        <Text size="sm" fw={600} className="tabular" c={row.amountMinor < 0 ? 'red' : undefined}>
                          {formatMoney(row.amountMinor, row.currency)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" truncate="end">
                          {row.lead.contactName}
                        </Text>
                        <Text size="xs" c="dimmed" truncate="end">
                          {row.lead.company ?? '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" truncate="end">
                          {row.partner.name}
                        </Text>
                        <Text size="xs" c="dimmed" ff="monospace">
                          {row.partner.code}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" truncate="end" title={row.calculationText}>
                          {row.calculationText}
                        </Text>
                        {row.reason ? (
                          <Text size="xs" c="dimmed" truncate="end" title={row.reason}>
                            {row.reason}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{CREDIT_KIND_LABEL[row.kind]}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" className="tabular">
                          {row.earnedOn}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <CreditStatusBadge status={row.status} size="sm" />
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages.isSuccess && rows.length === 0 ? (
            <EmptyState py="xl" icon={<IconInbox size={26} />} title={`No credits ${CREDIT_STATUS_LABEL[status].toLowerCase()}`} description="Credits appear here when leads are approved or converted, or when a partner asks for one." />
          ) : null}
          <Group justify="space-between" px="md" py="sm" style={{ borderTop: '1px solid var(--pd-border-subtle)' }}>
            <Group gap="xs">
              <Text size="sm" c="dimmed" data-testid="credits-loaded">
                {pages.data ? `${rows.length.toLocaleString()}${pages.hasNextPage ? '+' : ''} ${rows.length === 1 ? 'credit' : 'credits'}` : '…'}
              </Text>
              {pages.isFetching && !pages.isPending && !pages.isFetchingNextPage ? <Loader size="xs" aria-label="Refreshing" /> : null}
            </Group>
            {pages.hasNextPage ? (
              <Button variant="subtle" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage} data-testid="credits-load-more">
                Load more
              </Button>
            ) : null}
          </Group>
        </Paper>
      )}
      {bulk ? (
        <CreditBulkDialog
          decision={bulk}
          credits={chosen}
          onClose={() => setBulk(null)}
          onDone={(done) =>
            setSelected((prev) => {
              const next = new Set(prev);
              for (const id of done) next.delete(id);
              return next;
            })
          }
        />
      ) : null}
      <CreditDrawer id={search.credit ?? null} onClose={() => open(undefined)} />
    </>
  );
}
