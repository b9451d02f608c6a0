import { Badge, type BadgeProps } from '@mantine/core';
import type { KycStatus, PartnerStatus } from '@shared/contract';
import { KYC_COLOR, KYC_LABEL, STATUS_COLOR, STATUS_LABEL } from './partner-labels';

type Props = Omit<BadgeProps, 'color' | 'children'> & { 'data-testid'?: string };

export function PartnerStatusBadge({ status, ...props }: { status: PartnerStatus } & Props) {
  return (
    <Badge variant="light" radius="sm" tt="none" color={STATUS_COLOR[status]} data-status={status} {...props}>
      {STATUS_LABEL[status]}
    </Badge>
  );
}

export function KycBadge({ status, withLabel, ...props }: { status: KycStatus; withLabel?: boolean } & Props) {
  return (
    <Badge variant="outline" radius="sm" tt="none" color={KYC_COLOR[status]} data-kyc={status} {...props}>
      {withLabel ? `KYC: ${KYC_LABEL[status]}` : KYC_LABEL[status]}
    </Badge>
  );
}
