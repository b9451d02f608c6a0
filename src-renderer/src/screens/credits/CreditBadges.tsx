import { Badge, type BadgeProps } from '@mantine/core';
import type { CreditStatus, LeadCreditStatus } from '@shared/contract/credits/values';
import { CREDIT_STATUS_COLOR, CREDIT_STATUS_LABEL, LEAD_CREDIT_STATUS_COLOR, LEAD_CREDIT_STATUS_LABEL } from './credit-labels';

type Props = Omit<BadgeProps, 'color' | 'children'> & { 'data-testid'?: string };

export function CreditStatusBadge({ status, ...props }: { status: CreditStatus } & Props) {
  return (
    <Badge variant="light" radius="sm" tt="none" color={CREDIT_STATUS_COLOR[status]} data-status={status} {...props}>
      {CREDIT_STATUS_LABEL[status]}
    </Badge>
  );
}

/** What a lead shows of its credits (none, pending, approved, rejected, paid), decided by the server. */
export function LeadCreditBadge({ status, ...props }: { status: LeadCreditStatus } & Props) {
  return (
    <Badge variant="light" radius="sm" tt="none" color={LEAD_CREDIT_STATUS_COLOR[status]} data-credit-status={status} {...props}>
      {LEAD_CREDIT_STATUS_LABEL[status]}
    </Badge>
  );
}
