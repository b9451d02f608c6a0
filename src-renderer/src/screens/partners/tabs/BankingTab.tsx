import { useState } from 'react';
import { Alert, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconEye, IconPencil, IconShieldCheck } from '@tabler/icons-react';
import type { BankingDetails, Partner } from '@shared/contract/partners';
import type { Input } from '@shared/contract';
import { useProcMutation } from '../../../api/hooks';
import { useCan } from '../../../api/use-can';
import { optionFor } from '@shared/contract/action-option';
import { useContractForm, type Converted } from '../../../forms/use-contract-form';
import { formatDateTime } from '../../../format/date';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { Info, InfoGrid } from '../InfoGrid';
import { BANKING_METHOD_LABEL, PAYOUT_LABEL } from '../partner-labels';
import { BankingFields, bankingDetailsOf, initialBankingValues, type BankingValues } from '../BankingFields';

interface Values extends Record<string, unknown> {
  id: string;
  details: BankingValues;
}

function toInput({ id, details }: Values): Converted<Input<'partners.banking.set'>> {
  return { input: { id, details: bankingDetailsOf(details) } };
}

function BankingForm({ partner, onClose }: { partner: Partner; onClose(): void }) {
  const { form, field: fieldAt, formError, onSubmit, mutation: save } = useContractForm('partners.banking.set', {
    initialValues: { id: partner.id, details: initialBankingValues(partner.banking) } satisfies Values,
    toInput,
    onSuccess: () => {
      notifications.show({
        color: 'orange',
        title: 'Banking details changed',
        message: 'Unpaid payouts of this partner are on hold until another admin verifies the new details.',
      });
      onClose();
    },
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <FormErrorAlert error={formError} />
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
          Changing banking details puts this partner’s unpaid payouts on hold until another admin verifies them.
        </Alert>
        <BankingFields
          method={form.getValues().details.method}
          onMethod={(m) => {
            form.setFieldValue('details.method', m);
            form.clearErrors();
          }}
          field={(name) => fieldAt(`details.${name}`)}
          testId="banking"
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={save.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="banking-submit">
            Save banking details
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RevealedBanking({ details }: { details: BankingDetails }) {
  const rows: [string, string | undefined][] =
    details.method === 'paypal'
      ? [['PayPal email', details.paypalEmail]]
      : details.method === 'iban'
        ? [
            ['Account holder', details.accountHolder],
            ['Bank', details.bankName],
            ['IBAN', details.iban.replace(/(.{4})/g, '$1 ').trim()],
            ['BIC', details.bic],
          ]
        : [
            ['Account holder', details.accountHolder],
            ['Bank', details.bankName],
            ['Account number', details.accountNumber],
            ['Routing code', details.routingCode],
            ['BIC', details.bic],
          ];
  return (
    <Stack gap="sm" data-testid="banking-revealed">
      {rows.map(([label, value]) => (
        <Group key={label} justify="space-between" wrap="nowrap">
          <Text size="sm" c="dimmed">
            {label}
          </Text>
          <Text size="sm" ff="monospace" style={{ userSelect: 'all' }}>
            {value ?? '—'}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

export function BankingTab({ partner }: { partner: Partner }) {
  const canEdit = useCan('partners.banking.set');
  const canReveal = useCan('partners.banking.reveal');
  // Offered while on hold; disabled (four eyes) for the admin who made the change, with the reason.
  const verifyOption = optionFor(partner.operations, 'partners.banking.verify');
  const [editing, setEditing] = useState(false);
  const [revealed, setRevealed] = useState<BankingDetails | null>(null);
  // The server's refusal (reveal first, four eyes) is shown beside the button, where it applies.
  const verify = useProcMutation('partners.banking.verify', {
    inlineErrors: true,
    onSuccess: () => notifications.show({ color: 'green', title: 'Banking verified', message: 'The hold on unpaid payouts is lifted.' }),
  });
  // Whether this admin revealed the details here: only a hint, the server checks the audited reveal.
  const [revealedHere, setRevealedHere] = useState(false);
  const reveal = useProcMutation('partners.banking.reveal', {
    onSuccess: (details) => {
      setRevealed(details);
      setRevealedHere(true);
      verify.reset();
    },
  });
  const banking = partner.banking;

  return (
    <Stack gap="lg">
      {partner.bankingOnHold ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="Banking details changed: payouts on hold" data-testid="banking-on-hold">
          <Group justify="space-between" align="flex-end" wrap="nowrap">
            <Text size="sm" style={{ flex: 1 }}>
              Unpaid payouts of this partner are held until an admin other than the one who changed the details, and already an admin before the
              change, reveals and verifies them (call the partner on a known number, not one from the change request).
            </Text>
            {verifyOption ? (
              <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }} maw={280}>
                <Button
                  color="orange"
                  leftSection={<IconShieldCheck size={16} />}
                  onClick={() => verify.mutate({ id: partner.id })}
                  loading={verify.isPending}
                  disabled={!verifyOption.enabled}
                  aria-describedby={verifyOption.enabled ? undefined : 'banking-verify-reason'}
                  data-testid="banking-verify"
                >
                  Verify banking
                </Button>
                {!verifyOption.enabled && verifyOption.reason ? (
                  <Text id="banking-verify-reason" size="sm" ta="right" data-testid="banking-verify-reason">
                    {verifyOption.reason}
                  </Text>
                ) : verify.error ? (
                  // The default text colour: it keeps its contrast on the orange alert in both colour schemes.
                  <Text size="sm" ta="right" fw={600} role="alert" data-testid="banking-verify-error">
                    {verify.error.message}
                  </Text>
                ) : !revealedHere && canReveal ? (
                  <Text size="sm" ta="right" data-testid="banking-verify-hint">
                    Reveal the new details first, then verify.
                  </Text>
                ) : null}
              </Stack>
            ) : null}
          </Group>
        </Alert>
      ) : null}

      <Paper withBorder radius="md" p="md">
        {banking ? (
          <InfoGrid>
            <Info label="Account">
              <Text size="sm" ff="monospace" data-testid="banking-display">
                {banking.display}
              </Text>
            </Info>
            <Info label="Method">{BANKING_METHOD_LABEL[banking.method]}</Info>
            <Info label="Account holder">{banking.holder}</Info>
            <Info label="Bank">{banking.bankName}</Info>
            <Info label="Verified">{partner.bankingVerifiedAt ? formatDateTime(partner.bankingVerifiedAt) : partner.bankingOnHold ? 'Not yet (on hold)' : null}</Info>
            <Info label="Payout method (partner’s choice)">{PAYOUT_LABEL[partner.payoutMethod]}</Info>
          </InfoGrid>
        ) : (
          <Text size="sm" c="dimmed" data-testid="banking-display">
            No banking details yet.
          </Text>
        )}
        {canEdit || (canReveal && banking) ? (
          <Group mt="lg" gap="sm">
            {canEdit ? (
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)} data-testid="banking-edit">
                {banking ? 'Change banking details' : 'Set banking details'}
              </Button>
            ) : null}
            {canReveal && banking ? (
              <Button variant="subtle" leftSection={<IconEye size={16} />} onClick={() => reveal.mutate({ id: partner.id })} loading={reveal.isPending} data-testid="banking-reveal">
                Reveal
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Paper>

      <Modal opened={editing} onClose={() => setEditing(false)} title={banking ? 'Change banking details' : 'Set banking details'} size="lg">
        {editing ? <BankingForm partner={partner} onClose={() => setEditing(false)} /> : null}
      </Modal>
      <Modal opened={revealed !== null} onClose={() => setRevealed(null)} title={`Banking details of ${partner.displayName}`} size="md">
        {revealed ? (
          <Stack gap="md">
            <RevealedBanking details={revealed} />
            <Alert color="gray" variant="light" icon={<IconEye size={16} />}>
              This reveal was recorded in the audit log.
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRevealed(null)} data-autofocus>
                Close
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}
