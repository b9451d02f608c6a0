import { Alert, Button, Group, SegmentedControl, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { Input } from '@shared/contract';
import { BANKING_METHODS, type BankingMethod, type PayoutMethod } from '@shared/contract/partners';
import type { MaskedBanking } from '@shared/contract/partners/banking-fields';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { useContractForm, type Converted } from '../../../forms/use-contract-form';
import { BANKING_METHOD_OPTIONS, isOneOf, MONO_INPUT_STYLES, PAYOUT_OPTIONS } from '../../partners/partner-labels';

/** Every method's fields at once, so switching method loses nothing typed; only the chosen method's are sent. */
interface Values extends Record<string, unknown> {
  payoutMethod: PayoutMethod;
  details: {
    method: BankingMethod;
    accountHolder: string;
    bankName: string;
    iban: string;
    bic: string;
    accountNumber: string;
    routingCode: string;
    paypalEmail: string;
  };
}

function detailsOf(v: Values['details']): Input<'portal.setBanking'>['details'] {
  const { method } = v;
  if (method === 'iban') return { method, accountHolder: v.accountHolder, bankName: v.bankName, iban: v.iban, bic: v.bic };
  if (method === 'account_number') return { method, accountHolder: v.accountHolder, bankName: v.bankName, accountNumber: v.accountNumber, routingCode: v.routingCode, bic: v.bic };
  return { method, paypalEmail: v.paypalEmail };
}

function toInput(values: Values): Converted<Input<'portal.setBanking'>> {
  return { input: { details: detailsOf(values.details), payoutMethod: values.payoutMethod } };
}

/**
 * The partner admin's banking form. It says before saving what a change does (DOMAIN.md: a
 * change of banking details holds the unpaid payouts until the workspace re-verifies them), as
 * the staff form does; the account numbers are typed afresh, never prefilled from the masked ones.
 */
export function PortalBankingForm({ current, payoutMethod, onClose }: { current: MaskedBanking | null; payoutMethod: PayoutMethod; onClose(): void }) {
  const { form, field: fieldAt, formError, onSubmit, mutation: save } = useContractForm('portal.setBanking', {
    initialValues: {
      payoutMethod,
      details: {
        method: current?.method ?? 'iban',
        accountHolder: current?.holder ?? '',
        bankName: current?.bankName ?? '',
        iban: '',
        bic: '',
        accountNumber: '',
        routingCode: '',
        paypalEmail: '',
      },
    } satisfies Values,
    toInput,
    onSuccess: () => {
      notifications.show({
        color: 'orange',
        title: 'Banking details changed',
        message: 'Your unpaid payouts are on hold until the workspace verifies the new details.',
      });
      onClose();
    },
  });
  const method = form.getValues().details.method;
  const field = (name: keyof Values['details']) => fieldAt(`details.${name}`);

  return (
    <form onSubmit={onSubmit} noValidate data-testid="portal-banking-form">
      <Stack gap="md">
        <FormErrorAlert error={formError} />
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="portal-banking-warning">
          Changing your banking details puts your unpaid payouts on hold until the workspace verifies the new details (a protection against payment
          fraud). Expect a call on a number they already know.
        </Alert>
        <Select label="Payout method" data={PAYOUT_OPTIONS} allowDeselect={false} {...fieldAt('payoutMethod')} data-testid="portal-banking-payout-method" />
        <SegmentedControl
          data={BANKING_METHOD_OPTIONS}
          value={method}
          aria-label="Account type"
          onChange={(v) => {
            if (!isOneOf(BANKING_METHODS, v)) return;
            form.setFieldValue('details.method', v);
            form.clearErrors();
          }}
          data-testid="portal-banking-method"
        />
        {method === 'paypal' ? (
          <TextInput label="PayPal email" type="email" required {...field('paypalEmail')} data-testid="portal-banking-paypal" />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Account holder" required {...field('accountHolder')} data-testid="portal-banking-holder" />
            <TextInput label="Bank name" required {...field('bankName')} data-testid="portal-banking-bank" />
            {method === 'iban' ? (
              <>
                <TextInput label="IBAN" required placeholder="DE89 3704 0044 0532 0130 00" styles={MONO_INPUT_STYLES} {...field('iban')} data-testid="portal-banking-iban" />
                <TextInput label="BIC / SWIFT" required placeholder="DEUTDEFF" styles={MONO_INPUT_STYLES} {...field('bic')} data-testid="portal-banking-bic" />
              </>
            ) : (
              <>
                <TextInput label="Account number" required styles={MONO_INPUT_STYLES} {...field('accountNumber')} data-testid="portal-banking-account" />
                <TextInput label="Routing code" description="ABA, sort code, BSB, IFSC…" required styles={MONO_INPUT_STYLES} {...field('routingCode')} data-testid="portal-banking-routing" />
                <TextInput label="BIC / SWIFT" description="Optional" styles={MONO_INPUT_STYLES} {...field('bic')} data-testid="portal-banking-bic" />
              </>
            )}
          </SimpleGrid>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={save.isPending}>
            Cancel
          </Button>
          <Button type="submit" color="orange" loading={save.isPending} data-testid="portal-banking-submit">
            Save and hold unpaid payouts
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
