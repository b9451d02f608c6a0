import { Badge, Button, Group, Text } from '@mantine/core';

/*
 * The parts every bulk decision dialog shares (leads, credits): the per-row outcome, and the
 * footer that turns Cancel / Confirm into Done once the server has answered for every row.
 */

/** What happened to one row: the server's sentence (green when it went through), "Waiting…" while the call runs. */
export function BulkOutcomeCell({ outcome, running }: { outcome: { ok: boolean; message: string } | undefined; running: boolean }) {
  if (!outcome) {
    return (
      <Text size="xs" c="dimmed">
        {running ? 'Waiting…' : '—'}
      </Text>
    );
  }
  return (
    <Badge variant="light" radius="sm" tt="none" color={outcome.ok ? 'green' : 'red'} title={outcome.message} styles={{ label: { whiteSpace: 'normal' } }} h="auto" py={2}>
      {outcome.message}
    </Badge>
  );
}

interface FooterProps {
  decision: 'approve' | 'reject';
  /** "Approve 3", "Reject 3". */
  confirmLabel: string;
  running: boolean;
  finished: boolean;
  /** A rejection without its reason cannot be sent. */
  canConfirm: boolean;
  onClose(): void;
  /** `<prefix>-close`, `-cancel`, `-confirm`. */
  testIdPrefix: string;
}

export function BulkDecisionFooter({ decision, confirmLabel, running, finished, canConfirm, onClose, testIdPrefix }: FooterProps) {
  return (
    <Group justify="flex-end" gap="sm">
      {finished ? (
        <Button onClick={onClose} data-autofocus data-testid={`${testIdPrefix}-close`}>
          Done
        </Button>
      ) : (
        <>
          <Button variant="default" onClick={onClose} disabled={running} data-autofocus={decision === 'approve' ? true : undefined} data-testid={`${testIdPrefix}-cancel`}>
            Cancel
          </Button>
          <Button type="submit" color={decision === 'approve' ? 'green' : 'red'} loading={running} disabled={!canConfirm} data-testid={`${testIdPrefix}-confirm`}>
            {confirmLabel}
          </Button>
        </>
      )}
    </Group>
  );
}
