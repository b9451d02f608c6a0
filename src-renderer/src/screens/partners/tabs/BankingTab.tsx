import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconEye, IconPencil, IconShieldCheck } from '@tabler/icons-react';
import { BANKING_METHODS, bankingDetails, type BankingDetails, type BankingMethod, type Partner } from '@shared/contract/partners';
import { useProcMutation } from '../../../api/hooks';
import { useSession } from '../../../stores/session-store';
import { splitServerError } from '../../../forms/server-errors';
import { schemaFieldErrors } from '../../../forms/schema-errors';
import { formatDateTime } from '../../../format/date';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { Info, InfoGrid } from '../InfoGrid';
import { BANKING_METHOD_LABEL, BANKING_METHOD_OPTIONS, PAYOUT_LABEL, isOneOf, MONO_INPUT_STYLES } from '../partner-labels';

const FIELDS = ['method', 'accountHolder', 'bankName', 'iban', 'bic', 'accountNumber', 'routingCode', 'paypalEmail'] as const;
type Field = (typeof FIELDS)[number];

function detailsFor(method: BankingMethod, v: Record<Field, string>) {
  if (method === 'iban') return { method, accountHolder: v.accountHolder, bankName: v.bankName, iban: v.iban, bic: v.bic };
  if (method === 'account_number') {
    return { method, accountHolder: v.accountHolder, bankName: v.bankName, accountNumber: v.accountNumber, routingCode: v.routingCode, bic: v.bic };
  }
  return { method, paypalEmail: v.paypalEmail };
}

function BankingForm({ partner, onClose }: { partner: Partner; onClose(): void }) {
  const [method, setMethod] = useState<BankingMethod>(partner.banking?.method ?? 'iban');
  const [values, setValues] = useState<Record<Field, string>>({
    method: '',
    accountHolder: partner.banking?.holder ?? '',
    bankName: partner.banking?.bankName ?? '',
    iban: '',
    bic: '',
    accountNumber: '',
    routingCode: '',
    paypalEmail: '',
  });
  const [clientErrors, setClientErrors] = useState<Partial<Record<Field, string>>>({});
  const save = useProcMutation('partners.banking.set', {
    inlineErrors: true,
    onSuccess: () => {
      notifications.show({
        color: 'orange',
        title: 'Banking details changed',
        message: 'Unpaid payouts of this partner are on hold until another admin verifies the new details.',
      });
      onClose();
    },
  });
  const server = splitServerError(save.error, FIELDS, { prefix: 'details.' });
  const errorOf = (f: Field) => clientErrors[f] ?? server.fields[f];
  const field = (f: Field) => ({
    value: values[f],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [f]: value }));
      if (clientErrors[f]) setClientErrors(({ [f]: _, ...rest }) => rest);
      if (save.error) save.reset();
    },
    error: errorOf(f),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const details = detailsFor(method, values);
    const errors = schemaFieldErrors(bankingDetails, details);
    if (errors) {
      setClientErrors(errors as Partial<Record<Field, string>>);
      return;
    }
    save.mutate({ id: partner.id, details });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormErrorAlert error={server.form} />
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
          Changing banking details puts this partner’s unpaid payouts on hold until another admin verifies them.
        </Alert>
        <SegmentedControl
          data={BANKING_METHOD_OPTIONS}
          value={method}
          onChange={(v) => {
            if (isOneOf(BANKING_METHODS, v)) setMethod(v);
            setClientErrors({});
            if (save.error) save.reset();
          }}
          data-testid="banking-method"
        />
        {method === 'paypal' ? (
          <TextInput label="PayPal email" type="email" required {...field('paypalEmail')} data-testid="banking-paypal" />
        ) : (
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label="Account holder" required {...field('accountHolder')} data-testid="banking-holder" />
            <TextInput label="Bank name" required {...field('bankName')} data-testid="banking-bank" />
            {method === 'iban' ? (
              <>
                <TextInput label="IBAN" required placeholder="DE89 3704 0044 0532 0130 00" styles={MONO_INPUT_STYLES} {...field('iban')} data-testid="banking-iban" />
                <TextInput label="BIC / SWIFT" required placeholder="DEUTDEFF" styles={MONO_INPUT_STYLES} {...field('bic')} data-testid="banking-bic" />
              </>
            ) : (
              <>
                <TextInput label="Account number" required styles={MONO_INPUT_STYLES} {...field('accountNumber')} data-testid="banking-account" />
                <TextInput
                  label="Routing code"
                  description="ABA, sort code, BSB, IFSC…"
                  required
                  styles={MONO_INPUT_STYLES}
                  {...field('routingCode')}
                  data-testid="banking-routing"
                />
                <TextInput label="BIC / SWIFT" description="Optional" styles={MONO_INPUT_STYLES} {...field('bic')} data-testid="banking-bic" />
              </>
            )}
          </SimpleGrid>
        )}
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
  const { role } = useSession();
  const isAdmin = role === 'admin';
  const canReveal = role === 'admin' || role === 'finance';
  const [editing, setEditing] = useState(false);
  const [revealed, setRevealed] = useState<BankingDetails | null>(null);
  const verify = useProcMutation('partners.banking.verify', {
    onSuccess: () => notifications.show({ color: 'green', title: 'Banking verified', message: 'The hold on unpaid payouts is lifted.' }),
  });
  const reveal = useProcMutation('partners.banking.reveal', { onSuccess: (details) => setRevealed(details) });
  const banking = partner.banking;

  return (
    <Stack gap="lg">
      {partner.bankingOnHold ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="Banking details changed: payouts on hold" data-testid="banking-on-hold">
          <Group justify="space-between" align="flex-end" wrap="nowrap">
            <Text size="sm" style={{ flex: 1 }}>
              Unpaid payouts of this partner are held until an admin other than the one who changed the details verifies them (call the partner on a
              known number, not one from the change request).
            </Text>
            {isAdmin ? (
              <Button color="orange" leftSection={<IconShieldCheck size={16} />} onClick={() => verify.mutate({ id: partner.id })} loading={verify.isPending} style={{ flexShrink: 0 }} data-testid="banking-verify">
                Verify banking
              </Button>
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
        {isAdmin || (canReveal && banking) ? (
          <Group mt="lg" gap="sm">
            {isAdmin ? (
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
