import { Badge, type BadgeProps } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import type { LeadStatus } from '@shared/contract/leads/values';
import { LEAD_STATUS_COLOR, LEAD_STATUS_LABEL, scoreColor } from './lead-labels';

type Props = Omit<BadgeProps, 'color' | 'children'> & { 'data-testid'?: string };

export function LeadStatusBadge({ status, ...props }: { status: LeadStatus } & Props) {
  return (
    <Badge variant="light" radius="sm" tt="none" color={LEAD_STATUS_COLOR[status]} data-status={status} {...props}>
      {LEAD_STATUS_LABEL[status]}
    </Badge>
  );
}

/** The quality score as a number in a coloured box; the label says what the number is for screen readers. */
export function ScoreBadge({ score, ...props }: { score: number } & Props) {
  return (
    <Badge
      variant="light"
      radius="sm"
      color={scoreColor(score)}
      className="tabular"
      aria-label={`Score ${score} of 100`}
      data-score={score}
      styles={{ root: { minWidth: 40 } }}
      {...props}
    >
      {score}
    </Badge>
  );
}

export function DuplicateBadge(props: Props) {
  return (
    <Badge variant="outline" radius="sm" tt="none" color="orange" leftSection={<IconCopy size={11} />} {...props}>
      Duplicate
    </Badge>
  );
}
