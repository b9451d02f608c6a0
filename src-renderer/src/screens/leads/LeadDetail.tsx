import { useState } from 'react';
import { Alert, Button, Center, EmptyState, Grid, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { IconArrowLeft, IconHistory, IconInbox } from '@tabler/icons-react';
import type { LeadAction } from '@shared/contract/leads';
import { useProcQuery } from '../../api/hooks';
import { useCan } from '../../api/use-can';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format/date';
import { RouterAnchor } from '../../router/links';
import { ActivityTable } from '../activity/ActivityTable';
import { useActivityPages } from '../activity/use-activity-pages';
import { DuplicateBadge, LeadStatusBadge, ScoreBadge } from './badges';
import { DuplicatePanel } from './DuplicatePanel';
import { LeadActionButtons, LeadDecisionDialog } from './LeadActions';
import { LeadFacts } from './LeadFacts';
import { ScoreBreakdown } from './ScoreBreakdown';

const detailRoute = getRouteApi('/_staff/leads/$id');

function BackLinks() {
  const canReview = useCan('leads.queue');
  return (
    <Group gap="md" mb="xs">
      <RouterAnchor to="/leads" size="sm" data-testid="lead-back">
        <Group gap={4} wrap="nowrap">
          <IconArrowLeft size={14} />
          Leads
        </Group>
      </RouterAnchor>
      {canReview ? (
        <RouterAnchor to="/leads/review" size="sm">
          Review queue
        </RouterAnchor>
      ) : null}
    </Group>
  );
}

/** The lead's own trail (submission, claim, decision, conversion), newest first. */
function LeadHistory({ leadId }: { leadId: string }) {
  const canRead = useCan('activity.list');
  const pages = useActivityPages({ resourceType: 'lead', resourceId: leadId }, canRead);
  const entries = pages.data?.pages.flatMap((p) => p.items) ?? [];
  if (!canRead) return null;
  return (
    <Paper withBorder radius="md" mt="lg" component="section" aria-labelledby="lead-history-title">
      <Group gap="xs" px="md" py="sm" style={{ borderBottom: '1px solid var(--pd-border-subtle)' }}>
        <IconHistory size={16} aria-hidden />
        <Title order={2} size="h4" id="lead-history-title">
          History
        </Title>
      </Group>
      {pages.error ? (
        <Center p="lg">
          <QueryError error={pages.error} onRetry={() => void pages.refetch()} />
        </Center>
      ) : (
        <div data-testid="lead-history">
          <ActivityTable entries={entries} loading={pages.isPending} withResource={false} />
        </div>
      )}
      {pages.isSuccess && entries.length === 0 ? <EmptyState py="xl" icon={<IconHistory size={26} />} title="No activity yet" /> : null}
      {pages.hasNextPage ? (
        <Center py="sm" style={{ borderTop: '1px solid var(--pd-border-subtle)' }}>
          <Button variant="subtle" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
            Load older
          </Button>
        </Center>
      ) : null}
    </Paper>
  );
}

function LeadDetail({ leadId }: { leadId: string }) {
  const query = useProcQuery('leads.get', { id: leadId });
  const [dialog, setDialog] = useState<LeadAction | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const lead = query.data;

  if (query.error && !lead) {
    return (
      <>
        <BackLinks />
        {query.error.code === 'not_found' ? (
          <EmptyState py="xl" icon={<IconInbox size={26} />} title="This lead does not exist" description="It belongs to another workspace, or the link is wrong." />
        ) : (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        )}
      </>
    );
  }
  if (!lead) {
    return (
      <>
        <BackLinks />
        <Stack gap="sm">
          <Skeleton height={28} width={320} />
          <Skeleton height={16} width={220} />
          <Skeleton height={240} mt="lg" />
        </Stack>
      </>
    );
  }

  return (
    <>
      <BackLinks />
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap" data-testid="lead-detail" data-lead-id={lead.id} data-status={lead.status}>
        <Stack gap={6} miw={0}>
          <Title order={1} size="h2" data-testid="lead-title" style={{ wordBreak: 'break-word' }}>
            {lead.contactName}
          </Title>
          <Text size="sm" c="dimmed">
            {[lead.company, lead.partner.name].filter(Boolean).join(' · ')} · submitted {formatDateTime(lead.submittedAt)}
          </Text>
          <Group gap={6}>
            <LeadStatusBadge status={lead.status} data-testid="lead-status" />
            <ScoreBadge score={lead.score} withLabel />
            {lead.duplicateFlag ? <DuplicateBadge /> : null}
          </Group>
        </Stack>
        <LeadActionButtons
          lead={lead}
          onChoose={(action) => {
            setConflict(null);
            setDialog(action);
          }}
        />
      </Group>
      {conflict ? (
        <Alert color="orange" variant="light" title="Another reviewer got there first" mb="md" data-testid="lead-conflict">
          {conflict} The lead has been reloaded: it shows its current state.
        </Alert>
      ) : null}
      {lead.rejectionReason ? (
        <Alert color="gray" variant="light" mb="md" title={`Rejected${lead.decidedAt ? ` on ${formatDateTime(lead.decidedAt)}` : ''}`} data-testid="lead-rejection-reason">
          {lead.rejectionReason}
        </Alert>
      ) : null}
      <Stack gap="md">
        <DuplicatePanel lead={lead} />
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Paper withBorder radius="md" p="md" component="section" aria-label="Lead">
              <LeadFacts lead={lead} />
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Paper withBorder radius="md" p="md" component="section" aria-label="Quality score">
              <ScoreBreakdown score={{ score: lead.score, breakdown: lead.scoreBreakdown }} />
            </Paper>
          </Grid.Col>
        </Grid>
      </Stack>
      <LeadHistory leadId={lead.id} />
      {dialog ? <LeadDecisionDialog key={dialog} lead={lead} action={dialog} onClose={() => setDialog(null)} onConflict={setConflict} /> : null}
    </>
  );
}

/** `/leads/$id`: one lead, with its score's reasons, its duplicate and its history. */
export function LeadDetailScreen() {
  const { id } = detailRoute.useParams();
  return <LeadDetail key={id} leadId={id} />;
}
