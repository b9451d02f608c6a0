import { useState } from 'react';
import { Button, Center, EmptyState, Group, Loader, Paper, Table, Text } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { IconInbox, IconListCheck } from '@tabler/icons-react';
import { formatMoney } from '@shared/money';
import { useCan } from '../../api/use-can';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { TableSkeleton } from '../../components/TableSkeleton';
import { formatDate } from '../../format/date';
import { RouterAnchor } from '../../router/links';
import { LeadIntakeActions } from './LeadIntakeActions';
import { LinkButton } from './LinkButton';
import { useSession } from '../../stores/session-store';
import { DuplicateBadge, LeadStatusBadge, ScoreBadge } from './badges';
import { LeadCountsBar } from './LeadCountsBar';
import { LeadFilters } from './LeadFilters';
import { SUBMISSION_TYPE_LABEL } from './lead-labels';
import type { LeadListSearch } from './routes';
import { SubmitLeadDrawer } from './SubmitLeadDrawer';
import { useListPages } from './use-lead-pages';

const listRoute = getRouteApi('/_staff/leads');
const COLUMNS = 7;

/** `/leads`: every lead of the workspace, newest first, filtered by the URL, a keyset page at a time. */
export function LeadList() {
  const filters = listRoute.useSearch();
  const navigate = useNavigate();
  const { tenant } = useSession();
  const canSubmit = useCan('leads.submit');
  const canReview = useCan('leads.queue');
  const [submitting, setSubmitting] = useState(false);
  const update = (patch: LeadListSearch) => void navigate({ from: '/leads', to: '/leads', search: (prev) => ({ ...prev, ...patch }) });
  const pages = useListPages(filters);
  const rows = pages.data?.pages.flatMap((p) => p.rows) ?? [];
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const openLead = (id: string) => void navigate({ to: '/leads/$id', params: { id } });

  return (
    <>
      <PageHeader
        title="Leads"
        description="Every lead partners registered, newest first."
        actions={
          <>
            {canReview ? (
              <LinkButton to="/leads/review" variant="default" leftSection={<IconListCheck size={16} />} data-testid="leads-review-link">
                Review queue
              </LinkButton>
            ) : null}
            <LeadIntakeActions onSubmit={() => setSubmitting(true)} />
          </>
        }
      />
      {canReview ? <LeadCountsBar current={filters.status} onPick={(status) => update({ status })} /> : null}
      <LeadFilters values={filters} onChange={update} onClear={() => void navigate({ to: '/leads', search: {} })} statuses="all" testIdPrefix="leads" />

      {pages.error && !pages.data ? (
        <QueryError error={pages.error} onRetry={() => void pages.refetch()} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={900} type="native">
            <Table layout="fixed" verticalSpacing="xs" data-testid="leads-table" style={{ opacity: pages.isPlaceholderData ? 0.6 : 1 }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>Score</Table.Th>
                  <Table.Th>Contact</Table.Th>
                  <Table.Th w={200}>Partner</Table.Th>
                  <Table.Th w={130}>Status</Table.Th>
                  <Table.Th w={110}>Type</Table.Th>
                  <Table.Th w={150} ta="right">
                    Estimated value
                  </Table.Th>
                  <Table.Th w={120}>Submitted</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pages.isPending ? (
                  <TableSkeleton columns={COLUMNS} rows={8} />
                ) : (
                  rows.map((lead) => (
                    <Table.Tr key={lead.id} data-testid="lead-row" data-lead-id={lead.id} data-status={lead.status} onClick={() => openLead(lead.id)} style={{ cursor: 'pointer' }}>
                      <Table.Td>
                        <ScoreBadge score={lead.score} />
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <RouterAnchor
                            to="/leads/$id"
                            params={{ id: lead.id }}
                            size="sm"
                            fw={500}
                            c="var(--mantine-color-text)"
                            truncate="end"
                            onClick={(e) => e.stopPropagation()}
                            data-testid="lead-open"
                          >
                            {lead.contactName}
                          </RouterAnchor>
                          {lead.duplicateFlag ? <DuplicateBadge size="xs" /> : null}
                        </Group>
                        <Text size="xs" c="dimmed" truncate="end">
                          {[lead.company, lead.email].filter(Boolean).join(' · ') || '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" truncate="end">
                          {lead.partner.name}
                        </Text>
                        <Text size="xs" c="dimmed" ff="monospace">
                          {lead.partner.code}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <LeadStatusBadge status={lead.status} size="sm" />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{SUBMISSION_TYPE_LABEL[lead.type]}</Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm" className="tabular">
                          {lead.estimatedValueMinor === null ? '—' : formatMoney(lead.estimatedValueMinor, tenant.currency)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                          {formatDate(lead.submittedAt)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages.isSuccess && rows.length === 0 ? (
            <EmptyState
              py="xl"
              icon={<IconInbox size={26} />}
              title={filtered ? 'No lead matches' : 'No leads yet'}
              description={filtered ? 'Try other filters or clear them.' : 'Leads partners submit appear here.'}
            />
          ) : null}
          <Group justify="space-between" px="md" py="sm" style={{ borderTop: '1px solid var(--pd-border-subtle)' }}>
            <Group gap="xs">
              <Text size="sm" c="dimmed" data-testid="leads-loaded">
                {pages.data ? `${rows.length.toLocaleString()}${pages.hasNextPage ? '+' : ''} ${rows.length === 1 ? 'lead' : 'leads'}` : '…'}
              </Text>
              {pages.isFetching && !pages.isPending && !pages.isFetchingNextPage ? <Loader size="xs" aria-label="Refreshing" /> : null}
            </Group>
            {pages.hasNextPage ? (
              <Button variant="subtle" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage} data-testid="leads-load-more">
                Load more
              </Button>
            ) : null}
          </Group>
        </Paper>
      )}
      {pages.error && pages.data ? (
        <Center mt="sm">
          <Text size="sm" c="red">
            {pages.error.message}
          </Text>
        </Center>
      ) : null}
      {canSubmit ? <SubmitLeadDrawer opened={submitting} onClose={() => setSubmitting(false)} onSubmitted={openLead} /> : null}
    </>
  );
}
