import { useState } from 'react';
import { Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefreshDot } from '@tabler/icons-react';
import { useProcMutation, useProcQuery } from '../../api/hooks';

const leadsText = (n: number) => `${n.toLocaleString()} pending ${n === 1 ? 'lead' : 'leads'}`;

/**
 * The explicit rescoring: the pending leads get the score the saved weights give them now. A
 * confirmation says how many it affects and that it is recorded; decided leads keep their score.
 */
export function RescorePanel() {
  const [confirming, setConfirming] = useState(false);
  const counts = useProcQuery('leads.counts', {});
  const pending = counts.data?.pending ?? 0;
  const rescore = useProcMutation('leads.rescore', {
    onSuccess: (result) => {
      setConfirming(false);
      notifications.show({
        color: 'green',
        title: 'Pending leads rescored',
        message: `${result.rescored.toLocaleString()} of ${leadsText(result.examined)} got a new score; the others came out the same.`,
      });
    },
    onError: () => setConfirming(false),
  });

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="lead-rescore-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="lead-rescore-title">
          Rescore pending leads
        </Title>
        <Text size="sm">
          Saving weights changes how new leads are scored; the leads already in the queue keep the score they were given. Rescoring gives the{' '}
          {counts.data ? <strong data-testid="lead-rescore-pending">{leadsText(pending)}</strong> : 'pending leads'} the score of the saved weights. Decided leads
          are never rescored.
        </Text>
        <Group>
          <Button
            variant="light"
            color="orange"
            leftSection={<IconRefreshDot size={16} />}
            onClick={() => setConfirming(true)}
            disabled={!counts.data}
            data-testid="lead-rescore-open"
          >
            Rescore pending leads
          </Button>
        </Group>
      </Stack>
      <Modal opened={confirming} onClose={() => !rescore.isPending && setConfirming(false)} title={`Rescore ${leadsText(pending)}?`} size="md">
        <Stack gap="md" data-testid="lead-rescore-confirm">
          <Text size="sm">
            The score, its breakdown and the place in the review queue of <strong>{leadsText(pending)}</strong> (new and in review) are computed again with the saved
            weights (unsaved changes above are not used). Approved, rejected and converted leads keep theirs. A reviewer who has one of them open is asked to reload it before deciding.
          </Text>
          <Text size="sm">The rescoring is recorded in the activity log, with each changed lead&apos;s old and new score.</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)} disabled={rescore.isPending} data-autofocus data-testid="lead-rescore-cancel">
              Cancel
            </Button>
            <Button color="orange" onClick={() => rescore.mutate({})} loading={rescore.isPending} data-testid="lead-rescore-run">
              Rescore {leadsText(pending)}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
