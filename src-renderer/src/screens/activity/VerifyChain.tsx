import { Alert, Button, List, Text } from '@mantine/core';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { AuditVerification } from '@shared/contract';
import type { AppError } from '@shared/contract/errors';
import { call } from '../../api/client';

/** Admin only: recompute the workspace's hash chain on demand (a query procedure, run by a click). */
export function useVerifyChain() {
  return useMutation<AuditVerification, AppError, void>({
    mutationKey: ['activity.verify'],
    mutationFn: () => call('activity.verify', {}),
  });
}

export function VerifyChainButton({ verify }: { verify: ReturnType<typeof useVerifyChain> }) {
  return (
    <Button variant="default" leftSection={<IconShieldCheck size={16} />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="activity-verify">
      Verify chain
    </Button>
  );
}

export function VerifyChainResult({ result, onClose }: { result: AuditVerification; onClose(): void }) {
  if (result.ok) {
    return (
      <Alert color="green" variant="light" icon={<IconShieldCheck size={18} />} title="The audit trail is intact" withCloseButton onClose={onClose} mb="md" data-testid="activity-verify-result" data-ok="true">
        {result.checked.toLocaleString()} entries checked; none was edited, inserted or deleted outside PartnerDesk.
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" icon={<IconShieldX size={18} />} title="The audit trail was tampered with" withCloseButton onClose={onClose} mb="md" data-testid="activity-verify-result" data-ok="false">
      <Text size="sm" mb="xs">
        {result.checked.toLocaleString()} entries checked, {result.problems.length} problem(s) found:
      </Text>
      <List size="sm" spacing={2}>
        {result.problems.slice(0, 20).map((p, i) => (
          <List.Item key={i}>
            {p.seq === null ? '' : `#${p.seq}: `}
            {p.problem}
          </List.Item>
        ))}
      </List>
      {result.problems.length > 20 ? (
        <Text size="xs" c="dimmed" mt="xs">
          …and {result.problems.length - 20} more.
        </Text>
      ) : null}
    </Alert>
  );
}
