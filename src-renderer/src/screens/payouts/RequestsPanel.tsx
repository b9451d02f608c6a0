import { useState } from 'react';
import { Button, Group, Table, Text } from '@mantine/core';
import { formatMoney } from '@shared/money';
import { useProcMutation, useProcQuery } from '../../api/hooks';
import { useCan } from '../../api/use-can';
import { formatDateTime } from '../../format/date';
import { GenerateDialog } from './GenerateDialog';
import { NoteDialog } from './NoteDialog';

/** Partners' open payout requests: generate the payout (same approval path as any other) or decline with a reason. */
export function RequestsPanel() {
  const requests = useProcQuery('payouts.requests', { status: 'open' });
  const canGenerate = useCan('payouts.generate');
  const [generating, setGenerating] = useState<string | null>(null);
  const [declining, setDeclining] = useState<string | null>(null);
  const decline = useProcMutation('payouts.declineRequest', { inlineErrors: true, onSuccess: () => setDeclining(null) });
  if (!requests.data || requests.data.length === 0) return <Text size="sm" c="dimmed">No open payout requests.</Text>;
  return (
    <>
      <Table data-testid="requests-list">
        <Table.Tbody>
          {requests.data.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Text size="sm">{r.partner.name}</Text>
                <Text size="xs" c="dimmed">
                  {r.partner.code}
                </Text>
              </Table.Td>
              <Table.Td>{formatMoney(r.amountMinor, r.currency)}</Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(r.requestedAt)}</Text>
                <Text size="xs" c="dimmed">
                  {r.requestedBy?.name ?? ''} {r.note ? `· ${r.note}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                {canGenerate ? (
                  <Group gap="xs" justify="flex-end">
                    <Button size="xs" onClick={() => setGenerating(r.id)}>
                      Generate
                    </Button>
                    <Button size="xs" variant="default" onClick={() => setDeclining(r.id)}>
                      Decline
                    </Button>
                  </Group>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {generating ? <GenerateDialog requestId={generating} onClose={() => setGenerating(null)} /> : null}
      {declining ? (
        <NoteDialog
          title="Decline the payout request"
          label="Reason (the partner sees it)"
          confirm="Decline"
          color="red"
          required
          field="reason"
          pending={decline.isPending}
          error={decline.error}
          onSubmit={(reason) => decline.mutate({ id: declining, reason })}
          onClose={() => setDeclining(null)}
        />
      ) : null}
    </>
  );
}
