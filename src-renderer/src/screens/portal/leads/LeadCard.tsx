import { Group, Paper, Stack, Text } from '@mantine/core';
import type { LeadSummary } from '@shared/contract/leads';
import { RouterAnchor } from '../../../router/links';
import { DuplicateBadge, LeadStatusBadge, ScoreBadge } from '../../leads/badges';
import { SUBMISSION_TYPE_LABEL } from '../../leads/lead-labels';
import { formatDate, formatMoney } from '../shell/format';

/** One of my leads as a card: readable on a phone, several per row on a wide screen. */
export function LeadCard({ lead, currency }: { lead: LeadSummary; currency: string }) {
  return (
    <Paper withBorder radius="md" p="md" component="li" data-testid="portal-lead-row" data-lead-id={lead.id} data-status={lead.status}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Stack gap={0} miw={0}>
            <RouterAnchor to="/portal/leads/$id" params={{ id: lead.id }} fw={600} style={{ wordBreak: 'break-word' }} data-testid="portal-lead-open">
              {lead.contactName}
            </RouterAnchor>
            <Text size="sm" c="dimmed" truncate="end">
              {[lead.company, lead.email].filter(Boolean).join(' · ') || '—'}
            </Text>
          </Stack>
          <ScoreBadge score={lead.score} />
        </Group>
        <Group gap={6}>
          <LeadStatusBadge status={lead.status} data-testid="portal-lead-status" />
          {lead.duplicateFlag ? <DuplicateBadge /> : null}
          <Text size="xs" c="dimmed">
            {SUBMISSION_TYPE_LABEL[lead.type]} · {formatDate(lead.submittedAt)}
            {lead.estimatedValueMinor !== null ? ` · ${formatMoney(lead.estimatedValueMinor, currency)}` : ''}
          </Text>
        </Group>
        {lead.status === 'rejected' && lead.rejectionReason ? (
          <Text size="sm" c="var(--mantine-color-red-text)" data-testid="portal-lead-reason" style={{ wordBreak: 'break-word' }}>
            Reason: {lead.rejectionReason}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
