import { useState, type FormEvent } from 'react';
import { Modal, ScrollArea, Stack, Table, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { AppError } from '@shared/contract/errors';
import type { LeadSummary } from '@shared/contract/leads';
import { call } from '../../api/client';
import { invalidateAfter } from '../../api/invalidation';
import { StandardReasonSelect } from './StandardReasonSelect';
import { BulkDecisionFooter, BulkOutcomeCell } from '../../components/BulkDecision';

export type BulkAction = 'approve' | 'reject';

interface Outcome {
  id: string;
  ok: boolean;
  message: string;
}

interface Props {
  action: BulkAction;
  leads: LeadSummary[];
  onClose(): void;
  /** The leads the action went through for (to unselect them). */
  onDone(succeeded: string[]): void;
}

/**
 * Approve or reject the selected leads after a confirmation, one call per lead with the version
 * the reviewer saw: each lead succeeds or fails on its own (another reviewer may have decided one
 * meanwhile), and the dialog then lists what happened to each.
 */
export function BulkDecisionDialog({ action, leads: chosen, onClose, onDone }: Props) {
  // The leads as chosen when the dialog opened: the selection shrinks as leads succeed, the report does not.
  const [leads] = useState(chosen);
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [running, setRunning] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  const verb = action === 'approve' ? 'Approve' : 'Reject';

  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (running || (action === 'reject' && reason.trim() === '')) return;
    setRunning(true);
    const results: Outcome[] = [];
    // One at a time: the writes queue on the server anyway, and the order of the results is the list's.
    for (const lead of leads) {
      try {
        const ref = { id: lead.id, version: lead.version };
        if (action === 'approve') await call('leads.approve', ref);
        else await call('leads.reject', { ...ref, reason: reason.trim() });
        results.push({ id: lead.id, ok: true, message: action === 'approve' ? 'Approved' : 'Rejected' });
      } catch (error) {
        results.push({ id: lead.id, ok: false, message: (error as AppError).message });
      }
      setOutcomes([...results]);
    }
    await invalidateAfter(queryClient, `leads.${action}`);
    setRunning(false);
    onDone(results.filter((r) => r.ok).map((r) => r.id));
  };

  const byId = new Map(outcomes?.map((o) => [o.id, o]));
  const failed = outcomes?.filter((o) => !o.ok).length ?? 0;
  const finished = outcomes !== null && !running;

  return (
    <Modal opened onClose={() => !running && onClose()} title={finished ? `${verb}: result per lead` : `${verb} ${leads.length} ${leads.length === 1 ? 'lead' : 'leads'}?`} size="lg">
      <form onSubmit={(e) => void run(e)} noValidate data-testid="lead-bulk-form">
        <Stack gap="md">
          {!finished ? (
            <Text size="sm">
              {action === 'approve'
                ? 'Each lead is approved on its own; a lead another reviewer decided meanwhile is left as it is and listed below.'
                : 'Each lead is rejected with the reason below, which its partner sees.'}
            </Text>
          ) : (
            <Text size="sm" fw={500} data-testid="lead-bulk-summary">
              {outcomes.length - failed} of {outcomes.length} {action === 'approve' ? 'approved' : 'rejected'}
              {failed > 0 ? `; ${failed} not changed` : ''}.
            </Text>
          )}
          {action === 'reject' && !finished ? <StandardReasonSelect onPick={setReason} disabled={running} /> : null}
          {action === 'reject' && !finished ? (
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
              data-testid="lead-bulk-reason"
            />
          ) : null}
          <ScrollArea.Autosize mah={280}>
            <Table verticalSpacing={4} fz="sm" data-testid="lead-bulk-results">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Lead</Table.Th>
                  <Table.Th>Score</Table.Th>
                  <Table.Th>Result</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {leads.map((lead) => {
                  const outcome = byId.get(lead.id);
                  return (
                    <Table.Tr key={lead.id} data-testid="lead-bulk-row" data-ok={outcome ? String(outcome.ok) : undefined}>
                      <Table.Td>
                        {lead.contactName}
                        {lead.company ? (
                          <Text span c="dimmed" size="xs">
                            {' '}
                            · {lead.company}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td className="tabular">{lead.score}</Table.Td>
                      <Table.Td>
                        <BulkOutcomeCell outcome={outcome} running={running} />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          <BulkDecisionFooter
            decision={action}
            confirmLabel={`${verb} ${leads.length}`}
            running={running}
            finished={finished}
            canConfirm={action === 'approve' || reason.trim() !== ''}
            onClose={onClose}
            testIdPrefix="lead-bulk"
          />
        </Stack>
      </form>
    </Modal>
  );
}
