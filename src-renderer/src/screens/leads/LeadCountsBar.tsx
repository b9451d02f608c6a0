import { Group, Paper, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { LEAD_STATUSES, type LeadStatus } from '@shared/contract/leads';
import { useProcQuery } from '../../api/hooks';
import { LEAD_STATUS_COLOR, LEAD_STATUS_LABEL } from './lead-labels';

interface Props {
  /** The status the screen shows now, marked as current. */
  current?: LeadStatus | undefined;
  onPick(status: LeadStatus): void;
}

/** Counts per status from `leads.counts` (maintained counters, no scan); each opens its status. */
export function LeadCountsBar({ current, onPick }: Props) {
  const counts = useProcQuery('leads.counts', {});
  return (
    <Group gap="xs" mb="md" wrap="wrap" data-testid="lead-counts" role="list" aria-label="Leads per status">
      {LEAD_STATUSES.map((status) => {
        const n = counts.data?.byStatus[status];
        const dupes = counts.data?.duplicatesByStatus[status] ?? 0;
        return (
          <Paper key={status} withBorder radius="md" role="listitem" style={current === status ? { borderColor: `var(--mantine-color-${LEAD_STATUS_COLOR[status]}-outline)` } : undefined}>
            <UnstyledButton
              onClick={() => onPick(status)}
              px="sm"
              py={6}
              aria-current={current === status ? 'true' : undefined}
              data-testid={`lead-count-${status}`}
              data-count={n}
            >
              <Text size="xs" c="dimmed" fw={500}>
                {LEAD_STATUS_LABEL[status]}
              </Text>
              {n === undefined ? (
                <Skeleton height={20} width={40} mt={2} />
              ) : (
                <Group gap={6} align="baseline" wrap="nowrap">
                  <Text size="lg" fw={700} className="tabular" lh={1.3}>
                    {n.toLocaleString()}
                  </Text>
                  {dupes > 0 ? (
                    <Text size="xs" c="dimmed" className="tabular">
                      {dupes.toLocaleString()} flagged
                    </Text>
                  ) : null}
                </Group>
              )}
            </UnstyledButton>
          </Paper>
        );
      })}
    </Group>
  );
}
