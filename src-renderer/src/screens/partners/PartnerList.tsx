import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Box, Button, Center, EmptyState, Group, Loader, Paper, Select, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconFilterOff, IconPlus, IconSearch, IconUsersGroup } from '@tabler/icons-react';
import { KYC_STATUSES, PARTNER_STATUSES, PARTNER_TIERS, PARTNER_TYPES, type PartnerSortField } from '@shared/contract/partners';
import { useCursorPages, type PageFilters } from '../../api/use-cursor-pages';
import { useCan } from '../../api/use-can';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { TableSkeleton } from '../../components/TableSkeleton';
import { KYC_OPTIONS, STATUS_OPTIONS, TIER_OPTIONS, TYPE_OPTIONS, isOneOf } from './partner-labels';
import { usePartnerListUrl } from './use-partner-list-url';
import { PartnerFormDrawer } from './PartnerFormDrawer';
import { PartnerRow, ROW_HEIGHT } from './PartnerRow';

const PAGE_SIZE = 50;
const COLUMNS = 7;
/** The sticky header row's height: rows start below it, and a row scrolled to must not hide under it. */
const HEADER_HEIGHT = 41;
/** Fetch the next page while this many rows are still below the visible ones. */
const PREFETCH_ROWS = 20;
/** Rows a PageUp/PageDown moves the focus by. */
const PAGE_ROWS = 8;

function SortableTh({ field, children, w }: { field: PartnerSortField; children: ReactNode; w?: number }) {
  const { sort, toggleSort } = usePartnerListUrl();
  const active = sort.field === field;
  const SortIcon = !active ? IconArrowsSort : sort.direction === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th w={w} aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
      <UnstyledButton onClick={() => toggleSort(field)} data-testid={`partners-sort-${field}`} style={{ fontWeight: 'inherit', fontSize: 'inherit' }}>
        <Group gap={4} wrap="nowrap">
          <span>{children}</span>
          <SortIcon size={14} stroke={1.6} color={active ? 'var(--mantine-color-brand-7)' : 'var(--mantine-color-gray-5)'} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

/**
 * `/partners`: the workspace's partners, filtered, searched and sorted by the URL, in one
 * virtualised table that fetches the next keyset page as it scrolls (no page numbers: page 200
 * costs what page 1 does, and only the rows in view are in the DOM).
 */
export function PartnerList() {
  const canCreate = useCan('partners.create');
  const navigate = useNavigate();
  const openPartner = (id: string) => void navigate({ to: '/partners/$id/$tab', params: { id, tab: 'profile' } });
  const { filters, sort, q, setFilter, setQuery, clear } = usePartnerListUrl();
  const [creating, setCreating] = useState(false);
  // The box shows what is typed; the URL (and the query) get it once typing pauses.
  const [text, setText] = useState(q);
  const [typed] = useDebouncedValue(text.trim(), 250);
  const sent = useRef(q);
  useEffect(() => {
    if (typed === sent.current) return;
    sent.current = typed;
    setQuery(typed);
  }, [typed]); // eslint-disable-line react-hooks/exhaustive-deps -- runs on a pause in typing only
  useEffect(() => {
    // The URL's text changed from elsewhere (Back/Forward, Clear, a link): show it in the box.
    if (q === sent.current) return;
    sent.current = q;
    setText(q);
  }, [q]);

  const input: PageFilters<'partners.list'> = {
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.tier ? { tier: filters.tier } : {}),
    ...(filters.kycStatus ? { kycStatus: filters.kycStatus } : {}),
    ...(q ? { q } : {}),
    sort,
  };
  const list = useCursorPages('partners.list', input, PAGE_SIZE);
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];
  // Every page carries the count; the first one's is the one fetched with the list.
  const first = list.data?.pages[0];
  const filtered = Boolean(filters.type || filters.status || filters.tier || filters.kycStatus || q);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // The rows start below the sticky header, and a row scrolled to stops below it, not under it.
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    overscan: 8,
    getItemKey: (index) => rows[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (list.hasNextPage && !list.isFetchingNextPage && lastVisible >= rows.length - PREFETCH_ROWS) void list.fetchNextPage();
  }, [lastVisible, rows.length, list.hasNextPage, list.isFetchingNextPage]); // eslint-disable-line react-hooks/exhaustive-deps -- list is a new object every render

  // Another filter, search or sort is another list: it starts at its top, the focus on its first row.
  const listKey = JSON.stringify(input);
  const [focusIndex, setFocusIndex] = useState(0);
  const wantFocus = useRef(false);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setFocusIndex(0);
  }, [listKey]);
  // A keyboard move may land on a row the virtualiser renders only after scrolling to it: focus it once it is there.
  useEffect(() => {
    if (!wantFocus.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${focusIndex}"]`);
    if (!row) return;
    wantFocus.current = false;
    row.focus({ preventScroll: true });
  });
  const moveFocus = (index: number) => {
    if (rows.length === 0) return;
    const next = Math.max(0, Math.min(rows.length - 1, index));
    wantFocus.current = true;
    setFocusIndex(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, index: number, id: string) => {
    // Keys pressed on the name's link are the link's (Enter follows it once, not twice).
    if (event.target !== event.currentTarget) return;
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + PAGE_ROWS, PageUp: index - PAGE_ROWS, Home: 0, End: rows.length - 1 };
    const target = Object.hasOwn(moves, event.key) ? moves[event.key] : undefined;
    if (event.key === 'Enter') openPartner(id);
    else if (target !== undefined) moveFocus(target);
    else return;
    event.preventDefault();
  };
  // Tab enters the table at the last focused row, or at the first rendered one once that row has scrolled out of the DOM.
  const tabbableIndex = items.some((item) => item.index === focusIndex) ? focusIndex : (items[0]?.index ?? 0);
  const padTop = (items[0]?.start ?? HEADER_HEIGHT) - HEADER_HEIGHT;
  const padBottom = items.length ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;

  return (
    <>
      <PageHeader
        title="Partners"
        description="Onboard partners, check their documents and manage their terms."
        actions={
          canCreate ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="partners-new">
              New partner
            </Button>
          ) : null
        }
      />

      <Paper withBorder radius="md" p="md" mb="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label="Search"
            placeholder="Name, code or contact email"
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            w={280}
            data-testid="partners-search"
          />
          <Select
            label="Type"
            placeholder="Any type"
            data={TYPE_OPTIONS}
            value={filters.type}
            onChange={(v) => setFilter('type', isOneOf(PARTNER_TYPES, v) ? v : null)}
            clearable
            w={170}
            data-testid="partners-filter-type"
          />
          <Select
            label="Status"
            placeholder="Any status"
            data={STATUS_OPTIONS}
            value={filters.status}
            onChange={(v) => setFilter('status', isOneOf(PARTNER_STATUSES, v) ? v : null)}
            clearable
            w={150}
            data-testid="partners-filter-status"
          />
          <Select
            label="KYC"
            placeholder="Any KYC status"
            data={KYC_OPTIONS}
            value={filters.kycStatus}
            onChange={(v) => setFilter('kycStatus', isOneOf(KYC_STATUSES, v) ? v : null)}
            clearable
            w={160}
            data-testid="partners-filter-kyc"
          />
          <Select
            label="Tier"
            placeholder="Any tier"
            data={TIER_OPTIONS}
            value={filters.tier}
            onChange={(v) => setFilter('tier', isOneOf(PARTNER_TIERS, v) ? v : null)}
            clearable
            w={130}
            data-testid="partners-filter-tier"
          />
          <Button
            variant="subtle"
            color="gray"
            leftSection={<IconFilterOff size={16} />}
            onClick={() => {
              setText('');
              clear();
            }}
            disabled={!filtered && text === ''}
            data-testid="partners-filter-clear"
          >
            Clear
          </Button>
        </Group>
      </Paper>

      {list.error && !list.data ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Paper withBorder radius="md" pos="relative">
          {/* The table scrolls inside the page (both ways below 900 px wide), its header staying on top. */}
          <Box ref={scrollRef} style={{ overflow: 'auto', maxHeight: 'max(320px, calc(100dvh - 330px))' }} data-testid="partners-scroll">
            <Table
              layout="fixed"
              verticalSpacing="xs"
              miw={900}
              stickyHeader
              // Only the rows in view are in the DOM: the table says how many there are (-1: not known exactly).
              aria-rowcount={first ? (first.totalExact ? first.total + 1 : -1) : undefined}
              data-testid="partners-table"
              style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}
            >
              <Table.Thead>
                <Table.Tr aria-rowindex={1} style={{ height: HEADER_HEIGHT }}>
                  <SortableTh field="code" w={120}>
                    Code
                  </SortableTh>
                  <SortableTh field="legalName">Legal name</SortableTh>
                  <SortableTh field="status" w={120}>
                    Status
                  </SortableTh>
                  <SortableTh field="kycStatus" w={130}>
                    KYC
                  </SortableTh>
                  <SortableTh field="tier" w={100}>
                    Tier
                  </SortableTh>
                  <SortableTh field="country" w={100}>
                    Country
                  </SortableTh>
                  <SortableTh field="createdAt" w={130}>
                    Created
                  </SortableTh>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.isPending ? (
                  <TableSkeleton columns={COLUMNS} rows={8} />
                ) : (
                  <>
                    {/* Spacers stand for the rows out of view, so the table keeps its own column layout (no absolute rows). */}
                    {padTop > 0 ? <Spacer height={padTop} /> : null}
                    {items.map((item) => {
                      const partner = rows[item.index];
                      if (!partner) return null;
                      return (
                        <PartnerRow
                          key={item.key}
                          partner={partner}
                          index={item.index}
                          tabbable={item.index === tabbableIndex}
                          onOpen={() => openPartner(partner.id)}
                          onKeyDown={(e) => onRowKey(e, item.index, partner.id)}
                          onFocus={() => setFocusIndex(item.index)}
                        />
                      );
                    })}
                    {padBottom > 0 ? <Spacer height={padBottom} /> : null}
                  </>
                )}
              </Table.Tbody>
            </Table>
            {list.isFetchingNextPage ? (
              <Group justify="center" py="sm">
                <Loader size="xs" aria-label="Loading more partners" />
              </Group>
            ) : null}
          </Box>
          {list.isSuccess && rows.length === 0 ? (
            <EmptyState
              py="xl"
              icon={<IconUsersGroup size={26} />}
              title={filtered ? 'No partner matches' : 'No partners yet'}
              description={
                filtered
                  ? 'Try another search or clear the filters.'
                  : canCreate
                    ? 'Create the first partner with “New partner”.'
                    : 'An admin creates partners; they will appear here.'
              }
            />
          ) : null}
          <Group justify="space-between" px="md" py="sm" style={{ borderTop: '1px solid var(--pd-border-subtle)' }}>
            <Group gap="xs">
              <Text size="sm" c="dimmed" data-testid="partners-total" data-total={first?.total} data-total-exact={first?.totalExact}>
                {first ? partnerCount(first.total, first.totalExact) : '…'}
              </Text>
              {list.isFetching && !list.isPending && !list.isFetchingNextPage ? <Loader size="xs" aria-label="Refreshing" /> : null}
            </Group>
            {list.hasNextPage ? (
              <Text size="xs" c="dimmed" data-testid="partners-loaded">
                {rows.length.toLocaleString()} loaded · scroll for more
              </Text>
            ) : null}
          </Group>
        </Paper>
      )}
      {list.error && list.data ? (
        <Center mt="sm">
          <Text size="sm" c="red">
            {list.error.message}
          </Text>
        </Center>
      ) : null}
      {canCreate ? (
        <PartnerFormDrawer
          opened={creating}
          onClose={() => setCreating(false)}
          onSaved={(partner) => {
            setCreating(false);
            openPartner(partner.id);
          }}
        />
      ) : null}
    </>
  );
}

/** "2,431 partners"; "1,000+ partners" when a short search was counted only up to a cap. */
function partnerCount(total: number, exact: boolean): string {
  return `${total.toLocaleString()}${exact ? '' : '+'} ${total === 1 && exact ? 'partner' : 'partners'}`;
}

/** A row standing for the rows out of view above or below: only its height matters. */
function Spacer({ height }: { height: number }) {
  return (
    <tr aria-hidden style={{ height, border: 0 }}>
      <td colSpan={COLUMNS} style={{ padding: 0, border: 0 }} />
    </tr>
  );
}
