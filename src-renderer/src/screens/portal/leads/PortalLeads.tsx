import { useState } from 'react';
import { Button, Center, EmptyState, Group, Select, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { IconFileImport, IconInbox, IconPlus } from '@tabler/icons-react';
import { LEAD_STATUSES, type LeadStatus } from '@shared/contract/leads';
import { useCan } from '../../../api/use-can';
import { useCursorPages } from '../../../api/use-cursor-pages';
import { QueryError } from '../../../components/QueryError';
import { useSession } from '../../../stores/session-store';
import { LinkButton } from '../../leads/LinkButton';
import { LEAD_STATUS_LABEL } from '../../leads/lead-labels';
import { PortalPage } from '../shell/PortalPage';
import { LeadCard } from './LeadCard';

const PAGE_SIZE = 50;
const STATUS_OPTIONS = [{ value: '', label: 'All statuses' }, ...LEAD_STATUSES.map((s) => ({ value: s, label: LEAD_STATUS_LABEL[s] }))];
const isStatus = (v: string | null): v is LeadStatus => v !== null && (LEAD_STATUSES as readonly string[]).includes(v);

/** `/portal/leads`: the partner's own leads (the session's partner: no input names it), newest first. */
export function PortalLeadsScreen() {
  const { tenant } = useSession();
  const canSubmit = useCan('leads.submit');
  const canImport = useCan('leads.startImport');
  const [status, setStatus] = useState<LeadStatus | undefined>(undefined);
  const pages = useCursorPages('leads.list', status ? { status } : {}, PAGE_SIZE);
  const rows = pages.data?.pages.flatMap((p) => p.rows) ?? [];

  return (
    <PortalPage
      title="My leads"
      description="Every lead and referral you registered, with its status, score and any rejection reason."
      testId="portal-leads"
      actions={
        <>
          {canSubmit ? (
            <LinkButton to="/portal/leads/new" leftSection={<IconPlus size={16} />} data-testid="portal-leads-submit">
              Submit a lead
            </LinkButton>
          ) : null}
          {canImport ? (
            <LinkButton to="/portal/leads/import" variant="default" leftSection={<IconFileImport size={16} />} data-testid="portal-leads-import">
              Import CSV
            </LinkButton>
          ) : null}
        </>
      }
    >
      <Group>
        <Select
          label="Status"
          data={STATUS_OPTIONS}
          value={status ?? ''}
          onChange={(v) => setStatus(isStatus(v) ? v : undefined)}
          allowDeselect={false}
          w={220}
          data-testid="portal-leads-status"
        />
      </Group>
      {pages.error && !pages.data ? (
        <QueryError error={pages.error} onRetry={() => void pages.refetch()} />
      ) : pages.isPending ? (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
          <Skeleton h={110} radius="md" />
          <Skeleton h={110} radius="md" />
        </SimpleGrid>
      ) : rows.length === 0 ? (
        <EmptyState py="xl" icon={<IconInbox size={26} />} title={status ? 'No lead with this status' : 'No leads yet'} description={canSubmit ? 'Submit your first lead, or import a CSV file of them.' : undefined} data-testid="portal-leads-empty" />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="My leads">
            {rows.map((lead) => (
              <LeadCard key={lead.id} lead={lead} currency={tenant.currency} />
            ))}
          </SimpleGrid>
          <Center>
            {pages.hasNextPage ? (
              <Button variant="subtle" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
                Load more
              </Button>
            ) : (
              <Text size="xs" c="dimmed">
                {rows.length.toLocaleString()} {rows.length === 1 ? 'lead' : 'leads'}
              </Text>
            )}
          </Center>
        </>
      )}
    </PortalPage>
  );
}
