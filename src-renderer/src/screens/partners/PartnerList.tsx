import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Center, EmptyState, Group, Loader, Pagination, Paper, Select, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconFilterOff, IconPlus, IconSearch, IconUsersGroup } from '@tabler/icons-react';
import {
  KYC_STATUSES,
  PARTNER_STATUSES,
  PARTNER_TIERS,
  PARTNER_TYPES,
  type PartnerSortField,
  type PartnerSummary,
} from '@shared/contract/partners';
import { useProcQuery } from '../../api/hooks';
import { useCan } from '../../api/use-can';
import { formatDate } from '../../format/date';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { TableSkeleton } from '../../components/TableSkeleton';
import { KycBadge, PartnerStatusBadge } from './badges';
import { KYC_OPTIONS, STATUS_OPTIONS, TIER_LABEL, TIER_OPTIONS, TYPE_LABEL, TYPE_OPTIONS, countryName, isOneOf } from './partner-labels';
import { usePartnerListUrl } from './use-partner-list-url';
import { PartnerFormDrawer } from './PartnerFormDrawer';
import { RouterAnchor } from '../../router/links';

const PAGE_SIZE = 50;
const COLUMNS = 7;

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

function PartnerRow({ partner, onOpen }: { partner: PartnerSummary; onOpen(): void }) {
  return (
    <Table.Tr
      data-testid="partner-row"
      data-partner-id={partner.id}
      data-status={partner.status}
      // The whole row opens the partner for the mouse; keyboard and screen readers use the name's link.
      onClick={onOpen}
      style={{ cursor: 'pointer' }}
    >
      <Table.Td>
        <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
          {partner.code}
        </Text>
      </Table.Td>
      <Table.Td>
        <RouterAnchor
          to="/partners/$id/$tab"
          params={{ id: partner.id, tab: 'profile' }}
          size="sm"
          fw={500}
          c="var(--mantine-color-text)"
          truncate="end"
          display="block"
          onClick={(e) => e.stopPropagation()}
          data-testid="partner-open"
        >
          {partner.legalName}
        </RouterAnchor>
        <Text size="xs" c="dimmed" truncate="end">
          {partner.displayName !== partner.legalName ? `${partner.displayName} · ` : ''}
          {TYPE_LABEL[partner.type]} · {partner.contactEmail}
        </Text>
      </Table.Td>
      <Table.Td>
        <PartnerStatusBadge status={partner.status} size="sm" />
      </Table.Td>
      <Table.Td>
        <KycBadge status={partner.kycStatus} size="sm" />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{TIER_LABEL[partner.tier]}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" title={countryName(partner.country)}>
          {partner.country}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" className="tabular" style={{ whiteSpace: 'nowrap' }}>
          {formatDate(partner.createdAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

export function PartnerList() {
  const canCreate = useCan('partners.create');
  const navigate = useNavigate();
  const openPartner = (id: string) => void navigate({ to: '/partners/$id/$tab', params: { id, tab: 'profile' } });
  const { filters, sort, page, q, setFilter, setQuery, setPage, clear } = usePartnerListUrl();
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

  const input = {
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.tier ? { tier: filters.tier } : {}),
    ...(filters.kycStatus ? { kycStatus: filters.kycStatus } : {}),
    ...(q ? { q } : {}),
    sort,
    limit: PAGE_SIZE,
  };
  const list = useProcQuery('partners.list', input, { placeholderData: keepPreviousData });
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = Boolean(filters.type || filters.status || filters.tier || filters.kycStatus || q);

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
          <Table.ScrollContainer minWidth={900} type="native">
            <Table layout="fixed" verticalSpacing="xs" data-testid="partners-table" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
              <Table.Thead>
                <Table.Tr>
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
                  rows.map((p) => <PartnerRow key={p.id} partner={p} onOpen={() => openPartner(p.id)} />)
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
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
              <Text size="sm" c="dimmed" data-testid="partners-total" data-total={list.data ? total : undefined}>
                {list.data ? `${total.toLocaleString()} ${total === 1 ? 'partner' : 'partners'}` : '…'}
              </Text>
              {list.isFetching && !list.isPending ? <Loader size="xs" /> : null}
            </Group>
            <Pagination
              total={pages}
              value={Math.min(page, pages)}
              onChange={setPage}
              size="sm"
              withEdges
              hideWithOnePage
              data-testid="partners-pagination"
            />
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
