import { useMemo, useState } from 'react';
import { Button, Group, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Input } from '@shared/contract';
import { currencyFractionDigits, formatMoney, minorToDecimalString, parseMoney } from '@shared/money';
import { useProcQuery } from '../../../api/hooks';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { useContractForm, type Converted } from '../../../forms/use-contract-form';

interface Values extends Record<string, unknown> {
  leadId: string | null;
  /** As the user types it ("150,00"); parsed once into minor units on submit. */
  amountMinor: string;
  justification: string;
}

function toInput(v: Values, currency: string): Converted<Input<'credits.request'>> {
  const errors: Record<string, string> = {};
  const minor = v.amountMinor.trim() === '' ? null : parseMoney(v.amountMinor, currency);
  const digits = currencyFractionDigits(currency);
  if (minor === null) errors.amountMinor = `Enter an amount in ${currency}, e.g. ${minorToDecimalString(150 * 10 ** digits, digits)}`;
  if (!v.leadId) errors.leadId = 'Choose one of your leads';
  return { input: { leadId: v.leadId ?? '', amountMinor: minor ?? 0, justification: v.justification }, errors };
}

/**
 * Asks for a credit on one of the partner's own leads (the picker lists only what `leads.list`
 * returns for this session: the partner's own). The partner never names itself: the server
 * takes it from the session. A manager decides; the form says so.
 */
export function CreditRequestForm({ currency, onDone }: { currency: string; onDone(): void }) {
  const leads = useProcQuery('leads.list', { limit: 200 });
  const [search, setSearch] = useState('');
  const options = useMemo(
    () =>
      (leads.data?.rows ?? []).map((l) => ({
        value: l.id,
        label: `${l.contactName}${l.company ? ` · ${l.company}` : ''} (${l.status.replace('_', ' ')})`,
      })),
    [leads.data],
  );
  const { field, formError, onSubmit, mutation } = useContractForm('credits.request', {
    initialValues: { leadId: null, amountMinor: '', justification: '' } satisfies Values,
    toInput: (v) => toInput(v, currency),
    onSuccess: (credit) => {
      notifications.show({ color: 'green', title: 'Credit requested', message: `${formatMoney(credit.amountMinor, credit.currency)} for ${credit.lead.contactName}: a manager will decide.` });
      onDone();
    },
  });

  return (
    <form onSubmit={onSubmit} noValidate data-testid="credit-request-form">
      <Stack gap="md">
        <FormErrorAlert error={formError} />
        <Select
          label="Lead"
          description="One of your organisation’s leads"
          placeholder={leads.isPending ? 'Loading your leads…' : 'Search by name or company'}
          required
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          nothingFoundMessage="No lead matches"
          data={options}
          comboboxProps={{ withinPortal: true }}
          data-autofocus
          {...field('leadId')}
          data-testid="credit-request-lead"
        />
        <TextInput label={`Amount (${currency})`} required inputMode="decimal" autoComplete="off" {...field('amountMinor')} data-testid="credit-request-amount" />
        <Textarea
          label="Justification"
          description="Why this credit is owed; the manager who decides reads it."
          required
          autosize
          minRows={3}
          {...field('justification')}
          data-testid="credit-request-justification"
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending} data-testid="credit-request-submit">
            Request credit
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
