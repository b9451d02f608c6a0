import { useState } from 'react';
import { Badge, Button, Group, Select, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PartnerUser } from '@shared/contract';
import { isOneOf, PARTNER_ROLE_OPTIONS, PARTNER_USER_STATUS_COLOR, PARTNER_USER_STATUS_LABEL } from '../../partners/partner-labels';
import { PARTNER_ROLES } from '@shared/contract/roles';
import { useProcMutation } from '../../../api/hooks';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LastLogin } from '../../../components/LastLogin';
import { RoleBadge } from '../../../components/RoleBadge';
import { TeamResetPassword } from './TeamResetPassword';

/**
 * One colleague: role (a select for the others; one's own role is not changeable here, the
 * server refuses it too), status, last sign-in, and reset password / deactivate (confirmed).
 */
export function TeamMemberRow({ user, isSelf }: { user: PartnerUser; isSelf: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [resetting, setResetting] = useState(false);
  const changeRole = useProcMutation('portal.team.changeRole', {
    onSuccess: (u) => notifications.show({ color: 'green', title: 'Role changed', message: `${u.name} is now ${PARTNER_ROLE_OPTIONS.find((o) => o.value === u.role)?.label ?? u.role}.` }),
  });
  const deactivate = useProcMutation('portal.team.deactivate', {
    onSuccess: (u) => {
      setConfirming(false);
      notifications.show({ color: 'green', title: 'User deactivated', message: `${u.name} is signed out and can no longer sign in.` });
    },
  });
  const inactive = user.status === 'deactivated';
  const editable = !isSelf && !inactive;

  return (
    <Table.Tr data-testid="team-row" data-user-email={user.email} data-status={user.status}>
      <Table.Td>
        <Text size="sm" fw={500} c={inactive ? 'dimmed' : undefined}>
          {user.name}
          {isSelf ? (
            <Text span size="xs" c="dimmed">
              {' '}
              (you)
            </Text>
          ) : null}
        </Text>
        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
          {user.email}
        </Text>
      </Table.Td>
      <Table.Td>
        {editable ? (
          <Select
            aria-label={`Role of ${user.name}`}
            size="xs"
            w={160}
            data={PARTNER_ROLE_OPTIONS}
            value={user.role}
            allowDeselect={false}
            disabled={changeRole.isPending}
            comboboxProps={{ withinPortal: true }}
            onChange={(v) => {
              if (isOneOf(PARTNER_ROLES, v) && v !== user.role) changeRole.mutate({ id: user.id, role: v });
            }}
            data-testid="team-role"
          />
        ) : (
          <RoleBadge role={user.role} />
        )}
      </Table.Td>
      <Table.Td>
        <Badge variant="light" radius="sm" tt="none" color={PARTNER_USER_STATUS_COLOR[user.status]} data-testid="team-status">
          {PARTNER_USER_STATUS_LABEL[user.status]}
        </Badge>
      </Table.Td>
      <Table.Td>
        <LastLogin at={user.lastLoginAt} />
      </Table.Td>
      <Table.Td ta="right">
        {editable ? (
          <Group gap={4} justify="flex-end" wrap="nowrap">
            <Button size="compact-sm" variant="subtle" onClick={() => setResetting(true)} aria-label={`Reset the password of ${user.name}`} data-testid="team-reset">
              Reset password
            </Button>
            <Button size="compact-sm" variant="subtle" color="red" onClick={() => setConfirming(true)} aria-label={`Deactivate ${user.name}`} data-testid="team-deactivate">
              Deactivate
            </Button>
          </Group>
        ) : null}
        <ConfirmDialog
          opened={confirming}
          title={`Deactivate ${user.name}?`}
          confirmLabel="Deactivate"
          color="red"
          loading={deactivate.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => deactivate.mutate({ id: user.id })}
        >
          {`${user.name} is signed out of the portal at once and can no longer sign in. The account is kept for the audit trail.`}
        </ConfirmDialog>
        {resetting ? <TeamResetPassword user={user} onClose={() => setResetting(false)} /> : null}
      </Table.Td>
    </Table.Tr>
  );
}
