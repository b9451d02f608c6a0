import { Alert, Button, Group, Select, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { Input } from '@shared/contract';
import type { PayoutMethod } from '@shared/contract/partners';
import type { MaskedBanking } from '@shared/contract/partners/banking-fields';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { useContractForm, type Converted } from '../../../forms/use-contract-form';
import { PAYOUT_OPTIONS } from '../../partners/partner-labels';
import { BankingFields, bankingDetailsOf, initialBankingValues, type BankingValues } from '../../partners/BankingFields';

interface Values extends Record<string, unknown> {
  payoutMethod: PayoutMethod;
  details: BankingValues;
}

function toInput(values: Values): Converted<Input<'portal.setBanking'>> {
  return { input: { details: bankingDetailsOf(values.details), payoutMethod: values.payoutMethod } };
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
      details: initialBankingValues(current),
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

  return (
    <form onSubmit={onSubmit} noValidate data-testid="portal-banking-form">
      <Stack gap="md">
        <FormErrorAlert error={formError} />
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="portal-banking-warning">
          Changing your banking details puts your unpaid payouts on hold until the workspace verifies the new details (a protection against payment
          fraud). Expect a call on a number they already know.
        </Alert>
        <Select label="Payout method" data={PAYOUT_OPTIONS} allowDeselect={false} {...fieldAt('payoutMethod')} data-testid="portal-banking-payout-method" />
        <BankingFields
          method={form.getValues().details.method}
          onMethod={(m) => {
            form.setFieldValue('details.method', m);
            form.clearErrors();
          }}
          field={(name) => fieldAt(`details.${name}`)}
          testId="portal-banking"
        />
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
