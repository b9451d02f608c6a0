import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, Modal, ScrollArea, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { PAYMENT_METHODS, PAYOUT_FIELD_LIMITS, type PaymentMethod } from '@shared/contract/payouts/values';
import type { FinancePayout, MarkPaidResult } from '@shared/contract/payouts/finance-types';
import { formatMoney } from '@shared/money';
import { useProcMutation } from '../../api/hooks';
import { FormErrorAlert } from '../../components/FormErrorAlert';

/** The fields whose errors show beside them; any other error shows above the buttons. */
const FIELDS = ['paymentDate', 'method', 'reference'];

export const METHOD_LABELS: Record<PaymentMethod, string> = { bank_transfer: 'Bank transfer', paypal: 'PayPal', check: 'Check', wire: 'Wire' };

/** Today as the user's calendar day (the server checks it against the workspace's day). */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface Props {
  payouts: FinancePayout[];
  currency: string;
  onClose(): void;
  onDone(paidIds: string[]): void;
}

/**
 * Records the payment of the selected payouts: date (today by default, never later), method and
 * the bank reference. For several payouts each stores "<reference>/<payout number>". The server
 * pays each one on its own compare-and-set; the dialog then lists what happened to each.
 */
export function MarkPaidDialog({ payouts: chosen, currency, onClose, onDone }: Props) {
  const [payouts] = useState(chosen);
  const [paymentDate, setPaymentDate] = useState(localToday());
  const [method, setMethod] = useState<PaymentMethod>(chosen[0]?.partnerPayoutMethod ?? 'bank_transfer');
  const [reference, setReference] = useState('');
  const [result, setResult] = useState<MarkPaidResult | null>(null);
  const paying = useProcMutation('payouts.markPaid', {
    inlineErrors: true,
    onSuccess: (r) => {
      setResult(r);
      onDone(r.outcomes.filter((o) => o.ok).map((o) => o.id));
    },
  });
  const fieldError = (field: string) => (paying.error?.field === field ? paying.error.message : undefined);
  const total = payouts.reduce((sum, p) => sum + p.approvedMinor, 0);
  const byId = new Map(payouts.map((p) => [p.id, p]));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (paying.isPending) return;
    paying.mutate({ payouts: payouts.map((p) => ({ id: p.id, version: p.version })), paymentDate, method, reference: reference.trim() });
  };

  return (
    <Modal opened onClose={onClose} title={`Mark ${payouts.length === 1 ? (payouts[0]?.number ?? '') : `${payouts.length} payouts`} paid`} size="lg" data-testid="mark-paid-dialog">
      {result ? (
        <Stack>
          <Alert color={result.paidCount === payouts.length ? 'green' : 'yellow'} data-testid="mark-paid-summary">
            {result.paidCount} of {payouts.length} paid, {formatMoney(result.paidMinor, currency)}.
          </Alert>
          <ScrollArea.Autosize mah={300}>
            <Table>
              <Table.Tbody>
                {result.outcomes.map((o) => (
                  <Table.Tr key={o.id} data-testid={`mark-paid-outcome-${byId.get(o.id)?.number ?? o.id}`}>
                    <Table.Td>{byId.get(o.id)?.number ?? o.id}</Table.Td>
                    <Table.Td>{o.ok ? <Badge color="green">Paid</Badge> : <Badge color="red">Refused</Badge>}</Table.Td>
                    <Table.Td>{o.ok ? o.payout.paymentReference : o.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="mark-paid-close">
              Close
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">
              {payouts.length} payout{payouts.length === 1 ? '' : 's'}, {formatMoney(total, currency)} in all.
            </Text>
            <TextInput type="date" label="Payment date" required value={paymentDate} max={localToday()} onChange={(e) => setPaymentDate(e.currentTarget.value)} error={fieldError('paymentDate')} data-testid="mark-paid-date" />
            <Select
              label="Method"
              required
              allowDeselect={false}
              data={PAYMENT_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }))}
              value={method}
              onChange={(v) => v && setMethod(v as PaymentMethod)}
              error={fieldError('method')}
              data-testid="mark-paid-method"
            />
            <TextInput
              label="Bank reference"
              description={payouts.length > 1 ? 'Each payout stores "<reference>/<payout number>"; the whole must fit 35 characters.' : 'As the bank shows it; unique in the workspace.'}
              required
              maxLength={PAYOUT_FIELD_LIMITS.paymentReference}
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              error={fieldError('reference')}
              data-testid="mark-paid-reference"
            />
            <FormErrorAlert error={paying.error && !FIELDS.includes(paying.error.field ?? '') ? paying.error : null} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={paying.isPending} disabled={reference.trim() === ''} data-testid="mark-paid-submit">
                Mark paid
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
