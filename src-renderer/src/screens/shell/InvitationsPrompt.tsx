import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useProcMutation, useProcQuery } from '../../api/hooks';
import { enterWorkspace } from '../../api/session-actions';
import { roleLabel } from '../../components/RoleBadge';
import { useSession, useSessionStore } from '../../stores/session-store';

/**
 * After sign-in: a workspace that added this user's e-mail waits for an answer. One invitation
 * at a time; accepting opens that workspace, declining removes it. Until then the invitation
 * gives no access (the server ignores it), so closing the dialog only postpones the answer.
 */
export function InvitationsPrompt() {
  const session = useSession();
  const [later, setLater] = useState<string[]>([]);
  const navigate = useNavigate();
  const invitations = useProcQuery('auth.invitations', {}, { enabled: session.user.kind === 'staff' });
  const switchWorkspace = useProcMutation('auth.switchWorkspace', {
    onSuccess: async (next) => {
      await navigate({ to: '/' });
      enterWorkspace(next);
    },
  });
  const accept = useProcMutation('auth.acceptInvitation', {
    onSuccess: (info, { tenantId }) => {
      useSessionStore.getState().updateSession(info);
      switchWorkspace.mutate({ tenantId });
    },
  });
  const decline = useProcMutation('auth.declineInvitation', { onSuccess: () => invitations.refetch() });
  const invitation = invitations.data?.find((i) => !later.includes(i.tenantId));
  if (!invitation) return null;
  const busy = accept.isPending || decline.isPending || switchWorkspace.isPending;

  return (
    <Modal opened onClose={() => setLater([...later, invitation.tenantId])} closeOnClickOutside={false} title="Invitation" size="md" data-testid="invitation-prompt">
      <Stack gap="md">
        <Text size="sm" data-testid="invitation-text">
          <Text span fw={600}>
            {invitation.workspaceName}
          </Text>{' '}
          invited you as {roleLabel(invitation.role).toLowerCase()}.
        </Text>
        <Text size="xs" c="dimmed">
          You keep your password and your other workspaces. If you decline, the workspace can invite you again later.
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="subtle" color="gray" onClick={() => setLater([...later, invitation.tenantId])} disabled={busy} data-testid="invitation-later">
            Later
          </Button>
          <Button variant="default" onClick={() => decline.mutate({ tenantId: invitation.tenantId })} loading={decline.isPending} disabled={busy} data-testid="invitation-decline">
            Decline
          </Button>
          <Button onClick={() => accept.mutate({ tenantId: invitation.tenantId })} loading={accept.isPending || switchWorkspace.isPending} disabled={busy} data-testid="invitation-accept">
            Accept and open
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
