import { Badge, VisuallyHidden, type BadgeProps } from '@mantine/core';
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

/** The quality score as a number in a coloured box; a bare number says what it is to screen readers (hidden text). */
export function ScoreBadge({ score, withLabel = false, ...props }: { score: number; withLabel?: boolean } & Props) {
  return (
    <Badge
      variant="light"
      radius="sm"
      color={scoreColor(score)}
      tt="none"
      className="tabular"
      data-score={score}
      styles={{ root: { minWidth: 40 } }}
      {...props}
    >
      {withLabel ? (
        `Score ${score}`
      ) : (
        <>
          <VisuallyHidden>Score </VisuallyHidden>
          {score}
        </>
      )}
    </Badge>
  );
}

export function DuplicateBadge(props: Props) {
  return (
    // Light, not outline: its own background keeps the text readable on any row (active, selected, under a dialog's overlay).
    <Badge variant="light" radius="sm" tt="none" color="orange" leftSection={<IconCopy size={11} />} {...props}>
      Duplicate
    </Badge>
  );
}
