import { Group, Progress, Stack, Text } from '@mantine/core';
import type { LeadScore } from '@shared/contract/leads/score-types';
import { SIGNAL_LABEL, scoreColor } from './lead-labels';

/**
 * The stored breakdown as the server computed it at submission: one line per signal with its
 * points out of its max and the sentence that explains them. Nothing is recomputed here.
 */
export function ScoreBreakdown({ score }: { score: LeadScore }) {
  return (
    <Stack gap="sm" data-testid="lead-score-breakdown">
      <Group justify="space-between" align="baseline">
        <Text size="sm" fw={600}>
          Quality score
        </Text>
        <Text size="xl" fw={700} className="tabular" data-testid="lead-score-total">
          {score.score}
          <Text span size="sm" c="dimmed" fw={500}>
            {' '}
            / 100
          </Text>
        </Text>
      </Group>
      {score.breakdown.map((line) => (
        <Stack key={line.signal} gap={4} data-testid="lead-score-line" data-signal={line.signal}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" fw={500}>
              {SIGNAL_LABEL[line.signal]}
            </Text>
            <Text size="sm" className="tabular" fw={500} style={{ whiteSpace: 'nowrap' }}>
              {line.points} / {line.max}
            </Text>
          </Group>
          <Progress
            value={line.max > 0 ? (line.points / line.max) * 100 : 0}
            color={scoreColor(line.max > 0 ? Math.round((line.points / line.max) * 100) : 0)}
            size="sm"
            aria-label={`${SIGNAL_LABEL[line.signal]}: ${line.points} of ${line.max} points`}
          />
          <Text size="xs" c="dimmed">
            {line.sentence}
          </Text>
        </Stack>
      ))}
    </Stack>
  );
}
