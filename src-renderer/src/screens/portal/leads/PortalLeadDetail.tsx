import type { ReactNode } from 'react';
import { Alert, EmptyState, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconInbox } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import type { Lead } from '@shared/contract/leads/types';
import { useProcQuery } from '../../../api/hooks';
import { QueryError } from '../../../components/QueryError';
import { RouterAnchor } from '../../../router/links';
import { useSession } from '../../../stores/session-store';
import { LeadCreditBadge } from '../../credits/CreditBadges';
import { DuplicateBadge, LeadStatusBadge, ScoreBadge } from '../../leads/badges';
import { SUBMISSION_TYPE_LABEL } from '../../leads/lead-labels';
import { ScoreBreakdown } from '../../leads/ScoreBreakdown';
import { countryName } from '../../partners/partner-labels';
import { formatDateTime, formatMoney } from '../shell/format';
import { DuplicateNotice } from './DuplicateNotice';
import { LeadTimeline } from './LeadTimeline';

const detailRoute = getRouteApi('/portal/leads/$id');

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0} miw={0}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ wordBreak: 'break-word' }}>
        {children ?? '—'}
      </Text>
    </Stack>
  );
}

function Facts({ lead, currency }: { lead: Lead; currency: string }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" data-testid="portal-lead-facts">
      <Fact label="Type">{SUBMISSION_TYPE_LABEL[lead.type]}</Fact>
      <Fact label="Company">{lead.company}</Fact>
      <Fact label="Email">{lead.email}</Fact>
      <Fact label="Phone">{lead.phone}</Fact>
      <Fact label="Job title">{lead.jobTitle}</Fact>
      <Fact label="Country">{lead.country ? countryName(lead.country) : null}</Fact>
      <Fact label="Website">{lead.website}</Fact>
      <Fact label="Product interest">{lead.productInterest}</Fact>
      <Fact label="Estimated value">{lead.estimatedValueMinor !== null ? formatMoney(lead.estimatedValueMinor, currency) : null}</Fact>
      <Fact label="Commission">
        <LeadCreditBadge status={lead.creditStatus} />
      </Fact>
      <Fact label="Notes">{lead.notes}</Fact>
      {lead.extra.map((f) => (
        <Fact key={f.key} label={f.key}>
          {f.value}
        </Fact>
      ))}
    </SimpleGrid>
  );
}

function Back() {
  return (
    <RouterAnchor to="/portal/leads" size="sm" data-testid="portal-lead-back">
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={14} aria-hidden />
        My leads
      </Group>
    </RouterAnchor>
  );
}

function LeadDetail({ leadId }: { leadId: string }) {
  const { tenant } = useSession();
  const query = useProcQuery('leads.get', { id: leadId });
  const lead = query.data;
  if (query.error && !lead) {
    return (
      <Stack gap="md">
        <Back />
        {query.error.code === 'not_found' ? (
          <EmptyState py="xl" icon={<IconInbox size={26} />} title="This lead does not exist" description="It is not one of your leads, or the link is wrong." data-testid="portal-lead-missing" />
        ) : (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        )}
      </Stack>
    );
  }
  if (!lead) {
    return (
      <Stack gap="sm">
        <Back />
        <Skeleton height={28} width={280} />
        <Skeleton height={220} mt="md" />
      </Stack>
    );
  }
  return (
    <Stack gap="md" data-testid="portal-lead-detail" data-lead-id={lead.id} data-status={lead.status}>
      <Back />
      <Stack gap={6}>
        <Title order={1} size="h2" style={{ wordBreak: 'break-word' }} data-testid="portal-lead-title">
          {lead.contactName}
        </Title>
        <Text size="sm" c="dimmed">
          Submitted {formatDateTime(lead.submittedAt)}
        </Text>
        <Group gap={6}>
          <LeadStatusBadge status={lead.status} data-testid="portal-lead-status" />
          <ScoreBadge score={lead.score} withLabel />
          {lead.duplicateFlag ? <DuplicateBadge /> : null}
        </Group>
      </Stack>
      {lead.rejectionReason ? (
        <Alert color="red" variant="light" title={`Rejected${lead.decidedAt ? ` on ${formatDateTime(lead.decidedAt)}` : ''}`} data-testid="portal-lead-rejection">
          {lead.rejectionReason}
        </Alert>
      ) : null}
      <DuplicateNotice lead={lead} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="portal-lead-facts-title">
              <Title order={2} size="h4" mb="sm" id="portal-lead-facts-title">
                Details
              </Title>
              <Facts lead={lead} currency={tenant.currency} />
            </Paper>
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="portal-lead-history-title">
              <Title order={2} size="h4" mb="sm" id="portal-lead-history-title">
                Status history
              </Title>
              <LeadTimeline lead={lead} currency={tenant.currency} />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder radius="md" p="md" component="section" aria-label="Quality score">
            <ScoreBreakdown score={{ score: lead.score, breakdown: lead.scoreBreakdown }} />
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** `/portal/leads/$id`: one of my leads; another partner's id answers as missing. */
export function PortalLeadDetailScreen() {
  const { id } = detailRoute.useParams();
  return <LeadDetail key={id} leadId={id} />;
}
