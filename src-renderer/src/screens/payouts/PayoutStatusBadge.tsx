import { Badge } from '@mantine/core';
import type { PayoutStatus } from '@shared/contract/payouts/values';
import { PAYOUT_STATUS_COLORS, PAYOUT_STATUS_LABELS } from './payout-labels';

export function PayoutStatusBadge({ status }: { status: PayoutStatus }) {
  return (
    <Badge color={PAYOUT_STATUS_COLORS[status]} variant="light" data-testid="payout-status">
      {PAYOUT_STATUS_LABELS[status]}
    </Badge>
  );
}
