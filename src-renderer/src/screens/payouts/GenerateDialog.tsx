import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useProcMutation, useProcQuery } from '../../api/hooks';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { PartnerPicker } from '../leads/PartnerPicker';
import { RunReport } from './RunReport';

/** The previous calendar month of the user's day (the server defaults to the workspace's, which is what it uses when both fields are left as they are). */
function lastMonth(): { start: string; end: string } {
  const now = new Date();
  const first = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  const last = new Date(now.getFullYear(), now.getMonth(), 0);
  const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { start: day(first), end: day(last) };
}

interface Props {
  onClose(): void;
  /** A request to generate for (its partner, the period up to today). */
  requestId?: string;
}

/**
 * "Generate payouts": period (default last month) and one partner or all; then the run's
 * progress bar while it goes (polled), then its report. One idempotency key per dialog, so a
 * double click or a retry returns the same run.
 */
export function GenerateDialog({ onClose, requestId }: Props) {
  const initial = lastMonth();
  const [periodStart, setStart] = useState(initial.start);
  const [periodEnd, setEnd] = useState(initial.end);
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [key] = useState(() => `ui-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`);
  const [runId, setRunId] = useState<string | null>(null);
  const generate = useProcMutation('payouts.generate', { inlineErrors: true, onSuccess: (run) => setRunId(run.id) });
  const run = useProcQuery('payouts.run', { id: runId ?? '' }, { enabled: runId !== null, refetchInterval: (q) => (q.state.data?.status === 'running' || !q.state.data ? 500 : false) });
  const fieldError = (field: string) => (generate.error?.field === field ? generate.error.message : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (generate.isPending) return;
    generate.mutate(
      requestId
        ? { requestId, idempotencyKey: key }
        : { periodStart, periodEnd, ...(partnerId ? { partnerId } : {}), idempotencyKey: key },
    );
  };

  return (
    <Modal opened onClose={onClose} title={requestId ? 'Generate the requested payout' : 'Generate payouts'} size="xl" data-testid="generate-dialog">
      {runId ? (
        <Stack>
          {run.data ? <RunReport run={run.data} /> : <Text size="sm">Starting…</Text>}
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="generate-close">
              Close
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            {requestId ? (
              <Text size="sm">The partner's available balance up to today goes into one pending payout, which then needs the usual approvals.</Text>
            ) : (
              <>
                <Group grow>
                  <TextInput type="date" label="Period start" value={periodStart} onChange={(e) => setStart(e.currentTarget.value)} error={fieldError('periodStart')} data-testid="generate-start" required />
                  <TextInput type="date" label="Period end" value={periodEnd} onChange={(e) => setEnd(e.currentTarget.value)} error={fieldError('periodEnd')} data-testid="generate-end" required />
                </Group>
                <PartnerPicker label="Partner" placeholder="All partners" value={partnerId} onChange={setPartnerId} error={fieldError('partnerId')} data-testid="generate-partner" />
                <Text size="xs" c="dimmed">
                  Approved credits of the period that are in no payout go into one pending payout per partner; clawbacks are netted, balances below the minimum carry over.
                </Text>
              </>
            )}
            {generate.error && !generate.error.field ? <FormErrorAlert error={generate.error} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={generate.isPending} data-testid="generate-submit">
                Generate
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
