import { Box, Checkbox, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import type { LeadSummary } from '@shared/contract/leads';
import { formatRelative } from '../../format/date';
import { DuplicateBadge, LeadStatusBadge, ScoreBadge } from './badges';
import { SUBMISSION_TYPE_LABEL } from './lead-labels';

/** Fixed row height: the virtualiser places rows without measuring them. */
export const ROW_HEIGHT = 68;

interface RowProps {
  lead: LeadSummary;
  active: boolean;
  selected: boolean;
  onActivate(): void;
  /** Null: the caller may not decide in bulk, so there is nothing to select for. */
  onToggle: (() => void) | null;
}

/** One pending lead in the virtualised queue list. */
export function QueueRow({ lead, active, selected, onActivate, onToggle }: RowProps) {
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
