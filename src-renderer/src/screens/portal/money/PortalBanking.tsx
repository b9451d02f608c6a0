import { useState } from 'react';
import { Alert, Button, Modal, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconPencil, IconShieldCheck } from '@tabler/icons-react';
import { useProcQuery } from '../../../api/hooks';
import { PortalPage } from '../shell/PortalPage';
import { QueryError } from '../../../components/QueryError';
import { formatDateTime } from '../../../format/date';
import { BANKING_METHOD_LABEL, PAYOUT_LABEL } from '../../partners/partner-labels';
import { PortalBankingForm } from './PortalBankingForm';

/** `/portal/banking`: the payout method and the masked account; partner admins change the account (which holds unpaid payouts until re-verified). */
export function PortalBankingScreen() {
  const banking = useProcQuery('portal.banking', {});
  const [editing, setEditing] = useState(false);
  if (banking.error && !banking.data) return <QueryError error={banking.error} onRetry={() => void banking.refetch()} />;
  if (!banking.data) return <Skeleton height={220} radius="md" />;
  const b = banking.data;

  return (
    <PortalPage title="Banking" description="Where your payouts are sent. Details are stored encrypted and shown masked.">
      <Stack gap="lg">
        {b.onHold ? (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="Payouts on hold" data-testid="portal-banking-on-hold">
            Your banking details changed, so your unpaid payouts are held until the workspace verifies the new details. Nothing is lost: they are
            paid once verified.
          </Alert>
        ) : b.verifiedAt ? (
          <Alert color="green" variant="light" icon={<IconShieldCheck size={18} />} data-testid="portal-banking-verified">
            Verified by the workspace on {formatDateTime(b.verifiedAt)}.
          </Alert>
        ) : null}
        <Paper withBorder radius="md" p="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
            <Fact label="Payout method">
              <span data-testid="portal-payout-method">{PAYOUT_LABEL[b.payoutMethod]}</span>
            </Fact>
            <Fact label="Account">
              {b.banking ? (
                <Text size="sm" ff="monospace" component="span" data-testid="portal-banking-display">
                  {b.banking.display}
                </Text>
              ) : (
                <span data-testid="portal-banking-display">No banking details yet</span>
              )}
            </Fact>
            {b.banking && b.banking.method !== 'paypal' ? (
              <>
                <Fact label="Account type">{BANKING_METHOD_LABEL[b.banking.method]}</Fact>
                <Fact label="Account holder">{b.banking.holder ?? '—'}</Fact>
                <Fact label="Bank">{b.banking.bankName ?? '—'}</Fact>
              </>
            ) : null}
          </SimpleGrid>
          {b.canChange ? (
            <Button mt="lg" variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)} data-testid="portal-banking-edit">
              {b.banking ? 'Change banking details' : 'Add banking details'}
            </Button>
          ) : (
            <Text mt="lg" size="sm" c="dimmed">
              Your organisation’s admins can change these details.
            </Text>
          )}
        </Paper>
      </Stack>
      <Modal opened={editing} onClose={() => setEditing(false)} title={b.banking ? 'Change banking details' : 'Add banking details'} size="lg">
        {editing ? <PortalBankingForm current={b.banking} payoutMethod={b.payoutMethod} onClose={() => setEditing(false)} /> : null}
      </Modal>
    </PortalPage>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}
