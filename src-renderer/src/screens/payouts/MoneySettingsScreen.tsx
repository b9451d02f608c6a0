import { useEffect, useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Paper, Skeleton, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { MoneySettings } from '@shared/contract/payouts/settings-types';
import { currencyFractionDigits, minorToDecimalString, parseMoney } from '@shared/money';
import { useProcMutation, useProcQuery } from '../../api/hooks';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';

/** `/payouts/settings` (admin): minimum payout, second-approval threshold, the paying account, journal account codes. */
export function MoneySettingsScreen() {
  const settings = useProcQuery('payouts.settings', {});
  if (settings.error && !settings.data) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <>
      <PageHeader title="Money settings" description="What payout generation, the four-eyes rule and the finance files use." />
      {settings.data ? <MoneySettingsForm settings={settings.data} /> : <Skeleton height={300} radius="md" />}
    </>
  );
}

function MoneySettingsForm({ settings }: { settings: MoneySettings }) {
  const amount = (minor: number) => minorToDecimalString(minor, currencyFractionDigits(settings.currency));
  const [minimum, setMinimum] = useState(amount(settings.minimumPayoutMinor));
  const [twoApprovals, setTwoApprovals] = useState(settings.secondApprovalAboveMinor !== null);
  const [threshold, setThreshold] = useState(amount(settings.secondApprovalAboveMinor ?? 1_000_000));
  const [debtorName, setDebtorName] = useState(settings.debtorName);
  const [debtorIban, setDebtorIban] = useState(settings.debtorIban);
  const [debtorBic, setDebtorBic] = useState(settings.debtorBic);
  const [expenseAccount, setExpense] = useState(settings.expenseAccount);
  const [bankAccount, setBank] = useState(settings.bankAccount);
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const save = useProcMutation('payouts.updateSettings', { inlineErrors: true, onSuccess: () => notifications.show({ color: 'green', message: 'Money settings saved' }) });
  useEffect(() => setLocalError(null), [minimum, threshold]);
  const error = (field: string) => (localError?.field === field ? localError.message : save.error?.field === field ? save.error.message : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const min = parseMoney(minimum, settings.currency);
    if (min === null) return setLocalError({ field: 'minimumPayoutMinor', message: 'Enter an amount such as 50.00' });
    const above = twoApprovals ? parseMoney(threshold, settings.currency) : null;
    if (twoApprovals && above === null) return setLocalError({ field: 'secondApprovalAboveMinor', message: 'Enter an amount such as 10,000.00' });
    save.mutate({ minimumPayoutMinor: min, secondApprovalAboveMinor: above, debtorName, debtorIban, debtorBic, expenseAccount, bankAccount });
  };

  return (
    <form onSubmit={submit}>
      <Stack maw={640}>
        <Paper withBorder radius="md" p="md">
          <Title order={3} size="h4" mb="sm">
            Payouts
          </Title>
          <Stack>
            <TextInput label={`Minimum payout (${settings.currency})`} description="Smaller available balances carry over to a later payout." value={minimum} onChange={(e) => setMinimum(e.currentTarget.value)} error={error('minimumPayoutMinor')} data-testid="money-minimum" />
            <Checkbox label="Large payouts need two different managers' approvals" checked={twoApprovals} onChange={(e) => setTwoApprovals(e.currentTarget.checked)} data-testid="money-two-approvals" />
            {twoApprovals ? (
              <TextInput label={`Two approvals above (${settings.currency})`} value={threshold} onChange={(e) => setThreshold(e.currentTarget.value)} error={error('secondApprovalAboveMinor')} data-testid="money-threshold" />
            ) : null}
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={3} size="h4" mb="sm">
            Paying account (bank file)
          </Title>
          <Stack>
            <TextInput label="Account holder" value={debtorName} onChange={(e) => setDebtorName(e.currentTarget.value)} error={error('debtorName')} data-testid="money-debtor-name" />
            <TextInput label="IBAN" value={debtorIban} onChange={(e) => setDebtorIban(e.currentTarget.value)} error={error('debtorIban')} data-testid="money-debtor-iban" />
            <TextInput label="BIC" value={debtorBic} onChange={(e) => setDebtorBic(e.currentTarget.value)} error={error('debtorBic')} data-testid="money-debtor-bic" />
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={3} size="h4" mb="sm">
            Accounting journal
          </Title>
          <Group grow>
            <TextInput label="Commission expense account" value={expenseAccount} onChange={(e) => setExpense(e.currentTarget.value)} error={error('expenseAccount')} />
            <TextInput label="Bank account" value={bankAccount} onChange={(e) => setBank(e.currentTarget.value)} error={error('bankAccount')} />
          </Group>
        </Paper>
        {save.error && !save.error.field ? <FormErrorAlert error={save.error} /> : null}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="money-save">
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
