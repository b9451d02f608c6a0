import { useState } from 'react';
import { Button, Modal, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import type { PartnerUserCreated } from '@shared/contract';
import { useProcQuery } from '../../../api/hooks';
import { PortalPage } from '../shell/PortalPage';
import { QueryError } from '../../../components/QueryError';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { formatDateTime } from '../../../format/date';
import { useSessionStore } from '../../../stores/session-store';
import { OneTimeSecret } from './OneTimeSecret';
import { TeamInviteForm } from './TeamInviteForm';
import { TeamMemberRow } from './TeamMemberRow';

/** The one-time link a colleague opens to choose their password (routes.tsx: `invite/$token`). */
export function inviteLink(token: string): string {
  return `${window.location.origin}/portal/invite/${encodeURIComponent(token)}`;
}

/** `/portal/team` (partner admins): colleagues, invite (the link shown once), change role, reset password, deactivate. */
export function PortalTeamScreen() {
  const users = useProcQuery('portal.team.list', {});
  const selfId = useSessionStore((s) => s.session?.user.id ?? null);
  const [inviting, setInviting] = useState(false);
  const [created, setCreated] = useState<PartnerUserCreated | null>(null);
  // Active and invited first, then by name: deactivated colleagues stay listed for the record.
  const list = users.data ? [...users.data].sort((a, b) => Number(a.status === 'deactivated') - Number(b.status === 'deactivated') || a.name.localeCompare(b.name)) : [];

  return (
    <PortalPage
      title="Team"
      description="People of your organisation who use the portal."
      actions={
        <Button leftSection={<IconUserPlus size={16} />} onClick={() => setInviting(true)} data-testid="team-invite-open">
          Invite a colleague
        </Button>
      }
    >
      {users.error ? (
        <QueryError error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={720} type="native">
            <Table verticalSpacing="sm" data-testid="team-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Last sign-in</Table.Th>
                    {/* Positioned, so the hidden label stays inside the table's scroll box: else it widens the phone page. */}
                    <Table.Th pos="relative">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>{users.isPending ? <TableSkeleton columns={5} rows={2} /> : list.map((u) => <TeamMemberRow key={u.id} user={u} isSelf={u.id === selfId} />)}</Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <Modal opened={inviting} onClose={() => setInviting(false)} title="Invite a colleague" size="md">
        {inviting ? (
          <TeamInviteForm
            onCancel={() => setInviting(false)}
            onInvited={(c) => {
              setInviting(false);
              setCreated(c);
            }}
          />
        ) : null}
      </Modal>
      {created?.invite ? (
        <OneTimeSecret
          title={`Invite link for ${created.user.name}`}
          value={inviteLink(created.invite.token)}
          warning={`This link is shown once. Copy it now and send it to ${created.user.name} yourself; only its hash is stored.`}
          testId="team-invite-link"
          onClose={() => setCreated(null)}
        >
          <Text size="sm" c="dimmed" data-testid="team-invite-expires">
            It works once, until {formatDateTime(created.invite.expiresAt)}. With it, {created.user.name} chooses a password and signs in.
          </Text>
        </OneTimeSecret>
      ) : null}
    </PortalPage>
  );
}
