import { useState, type FormEvent } from 'react';
import { Modal, ScrollArea, Stack, Table, Text, Textarea } from '@mantine/core';
import type { BulkCreditOutcome, CreditSummary } from '@shared/contract/credits/types';
import { formatMoney } from '@shared/money';
import { useProcMutation } from '../../api/hooks';
import { BulkDecisionFooter, BulkOutcomeCell } from '../../components/BulkDecision';

export type CreditBulkDecision = 'approve' | 'reject';

interface Props {
  decision: CreditBulkDecision;
  credits: CreditSummary[];
  onClose(): void;
  /** The credits decided (to unselect them). */
  onDone(succeeded: string[]): void;
}

/**
 * Approve or reject the selected credits in one `credits.bulkDecide` call, each at the version the
 * manager saw: the server decides each on its own and says why it refused any (decided meanwhile,
 * requested by the caller), and the dialog lists what happened to each.
 */
export function CreditBulkDialog({ decision, credits: chosen, onClose, onDone }: Props) {
  const [credits] = useState(chosen);
  const [reason, setReason] = useState('');
  const [outcomes, setOutcomes] = useState<BulkCreditOutcome[] | null>(null);
  const mutation = useProcMutation('credits.bulkDecide');
  const verb = decision === 'approve' ? 'Approve' : 'Reject';
  const running = mutation.isPending;

  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (running || (decision === 'reject' && reason.trim() === '')) return;
    const result = await mutation.mutateAsync({
      decision,
      ...(decision === 'reject' ? { reason: reason.trim() } : {}),
      items: credits.map((c) => ({ id: c.id, version: c.version })),
    });
    setOutcomes(result.results);
    onDone(result.results.filter((r) => r.ok).map((r) => r.id));
  };

  const byId = new Map(outcomes?.map((o) => [o.id, o]));
  const failed = outcomes?.filter((o) => !o.ok).length ?? 0;
  const finished = outcomes !== null;
  const total = credits.reduce((sum, c) => sum + c.amountMinor, 0);

  return (
    <Modal opened onClose={() => !running && onClose()} title={finished ? `${verb}: result per credit` : `${verb} ${credits.length} ${credits.length === 1 ? 'credit' : 'credits'}?`} size="lg">
      <form onSubmit={(e) => void run(e)} noValidate data-testid="credit-bulk-form">
        <Stack gap="md">
          {finished ? (
            <Text size="sm" fw={500} data-testid="credit-bulk-summary">
              {outcomes.length - failed} of {outcomes.length} {decision === 'approve' ? 'approved' : 'rejected'}
              {failed > 0 ? `; ${failed} not changed` : ''}.
            </Text>
          ) : (
            <Text size="sm">
              {decision === 'approve'
                ? `${formatMoney(total, credits[0]?.currency ?? 'EUR')} in total. Each credit is approved on its own; one decided meanwhile is left as it is and listed below.`
                : 'Each credit is rejected with the reason below, which its partner sees.'}
            </Text>
          )}
          {decision === 'reject' && !finished ? (
            <Textarea
              label="Reason"
              description="The partner sees it."
              required
              autosize
              minRows={2}
              data-autofocus
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              disabled={running}
              data-testid="credit-bulk-reason"
            />
          ) : null}
          <ScrollArea.Autosize mah={280}>
            <Table verticalSpacing={4} fz="sm" data-testid="credit-bulk-results">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Lead</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th>Result</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {credits.map((credit) => {
                  const outcome = byId.get(credit.id);
                  return (
                    <Table.Tr key={credit.id} data-testid="credit-bulk-row" data-ok={outcome ? String(outcome.ok) : undefined}>
                      <Table.Td>
                        {credit.lead.contactName}
                        <Text span c="dimmed" size="xs">
                          {' '}
                          · {credit.partner.code}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right" className="tabular">
                        {formatMoney(credit.amountMinor, credit.currency)}
                      </Table.Td>
                      <Table.Td>
                        <BulkOutcomeCell outcome={outcome && { ok: outcome.ok, message: outcome.ok ? (decision === 'approve' ? 'Approved' : 'Rejected') : outcome.message }} running={running} />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          <BulkDecisionFooter
            decision={decision}
            confirmLabel={`${verb} ${credits.length}`}
            running={running}
            finished={finished}
            canConfirm={decision === 'approve' || reason.trim() !== ''}
            onClose={onClose}
            testIdPrefix="credit-bulk"
          />
        </Stack>
      </form>
    </Modal>
  );
}
