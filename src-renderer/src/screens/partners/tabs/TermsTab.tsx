import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import type { Partner } from '@shared/contract';
import { useSession } from '../../../stores/session-store';
import { useCan } from '../../../api/use-can';
import { formatBp, formatMoney } from '@shared/money';
import { Info, InfoGrid } from '../InfoGrid';
import { MODEL_HINT, MODEL_LABEL, PAYOUT_LABEL, TIER_LABEL } from '../partner-labels';
import { PartnerFormDrawer } from '../PartnerFormDrawer';

export function TermsTab({ partner }: { partner: Partner }) {
  const canEdit = useCan('partners.update');
  const { tenant } = useSession();
  const [editing, setEditing] = useState(false);
  const t = partner.terms;
  return (
    <Stack gap="xl">
      <InfoGrid>
        <Info label="Commission model" testId="terms-model">
          <Text size="sm">{MODEL_LABEL[t.commissionModel]}</Text>
          <Text size="xs" c="dimmed">
            {MODEL_HINT[t.commissionModel]}
          </Text>
        </Info>
        {t.commissionModel !== 'fixed' ? (
          <Info label={t.commissionModel === 'hybrid' ? 'Rate on conversion' : 'Rate'} testId="terms-rate">
            {formatBp(t.rateBp)}
          </Info>
        ) : null}
        {t.commissionModel !== 'percentage' ? (
          <Info label={t.commissionModel === 'hybrid' ? 'Fixed price on approval' : 'Price per approved lead'} testId="terms-fixed-price">
            {formatMoney(t.fixedPriceMinor, tenant.currency)}
          </Info>
        ) : null}
        <Info label="Tier" testId="terms-tier">{TIER_LABEL[t.tier]}</Info>
        <Info label="Monthly lead quota" testId="terms-quota">
          {t.monthlyLeadQuota === 0 ? 'No limit' : `${t.monthlyLeadQuota.toLocaleString()} leads per month`}
        </Info>
        <Info label="Payout method" testId="terms-payout-method">{PAYOUT_LABEL[partner.payoutMethod]}</Info>
      </InfoGrid>
      {canEdit ? (
        <Group>
          <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)} data-testid="terms-edit">
            Edit terms
          </Button>
        </Group>
      ) : null}
      {canEdit ? <PartnerFormDrawer opened={editing} partner={partner} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} /> : null}
    </Stack>
  );
}
