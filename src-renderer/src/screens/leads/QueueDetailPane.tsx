import { Alert, Grid, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowUpRight, IconUserCheck } from '@tabler/icons-react';
import type { LeadAction } from '@shared/contract/leads';
import { useProcQuery } from '../../api/hooks';
import { QueryError } from '../../components/QueryError';
import { formatRelative } from '../../format/date';
import { LinkButton } from './LinkButton';
import { DuplicateBadge, LeadStatusBadge, ScoreBadge } from './badges';
import { DuplicatePanel } from './DuplicatePanel';
import { LeadActionButtons } from './LeadActions';
import { LeadFacts } from './LeadFacts';
import { ScoreBreakdown } from './ScoreBreakdown';
import { KeyHint } from './KeyHint';

interface PaneProps {
  leadId: string;
  conflict: string | null;
  onChoose(action: LeadAction): void;
}

/** The lead beside the list: what was submitted, the score's reasons, and the duplicate it may be. */
export function QueueDetailPane({ leadId, conflict, onChoose }: PaneProps) {
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
