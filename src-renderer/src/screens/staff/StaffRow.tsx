import { useState } from 'react';
import { Badge, Button, Group, Select, Table, Text } from '@mantine/core';
import type { StaffMember } from '@shared/contract';
import { useProcMutation } from '../../api/hooks';
import { useCan } from '../../api/use-can';
import { RoleBadge } from '../../components/RoleBadge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { STAFF_ROLE_OPTIONS, isStaffRole } from './staff-roles';
import { LastLogin } from '../../components/LastLogin';
import { StaffPasswordActions } from './StaffPasswordActions';

interface StaffRowProps {
  member: StaffMember;
  /** The table has the actions column (the caller may manage staff). */
  withActions: boolean;
  /** Your own row: no role change or disabling from here, so an admin cannot lock themselves out. */
  isSelf: boolean;
}

export function StaffRow({ member, withActions, isSelf }: StaffRowProps) {
  const [confirming, setConfirming] = useState(false);
  const changeRole = useProcMutation('staff.changeRole');
  const disable = useProcMutation('staff.disable', { onSuccess: () => setConfirming(false) });
  const enable = useProcMutation('staff.enable', { onSuccess: () => setConfirming(false) });
  const toggling = disable.isPending || enable.isPending;
  const canChangeRole = useCan('staff.changeRole') && !isSelf;
  const canToggle = useCan(member.disabled ? 'staff.enable' : 'staff.disable') && !isSelf;

  return (
    <Table.Tr data-testid="staff-row" data-user-id={member.userId} data-disabled={member.disabled || undefined}>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={500} c={member.disabled ? 'dimmed' : undefined}>
            {member.name}
          </Text>
          {isSelf ? (
            <Badge size="xs" variant="outline" color="gray" tt="none">
              You
            </Badge>
          ) : null}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={member.disabled ? 'dimmed' : undefined}>
          {member.email}
        </Text>
      </Table.Td>
      <Table.Td>
        {canChangeRole ? (
          <Select
            size="xs"
            data={STAFF_ROLE_OPTIONS}
            value={member.role}
            allowDeselect={false}
            withCheckIcon={false}
            aria-label={`Role of ${member.name}`}
            disabled={changeRole.isPending || member.disabled}
            onChange={(value) => {
              if (isStaffRole(value) && value !== member.role) changeRole.mutate({ userId: member.userId, role: value });
            }}
            data-testid="staff-row-role"
          />
        ) : (
          <RoleBadge role={member.role} />
        )}
      </Table.Td>
      <Table.Td>
        {member.disabled ? (
          <Badge color="gray" variant="light" tt="none" data-testid="staff-status">
            Disabled
          </Badge>
        ) : member.invited ? (
          <Badge color="yellow" variant="light" tt="none" title="Invited: has not signed in to this workspace yet" data-testid="staff-status">
            Invited
          </Badge>
        ) : (
          <Badge color="green" variant="light" tt="none" data-testid="staff-status">
            Active
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <LastLogin at={member.lastLoginAt} />
      </Table.Td>
      {withActions ? (
        <Table.Td ta="right">
          <Group gap={4} justify="flex-end" wrap="nowrap">
            {!isSelf ? <StaffPasswordActions member={member} /> : null}
            {canToggle ? (
              <Button
                size="xs"
                variant="subtle"
                color={member.disabled ? 'brand' : 'red'}
                onClick={() => setConfirming(true)}
                loading={toggling}
                data-testid={member.disabled ? 'staff-enable' : 'staff-disable'}
              >
                {member.disabled ? 'Enable' : 'Disable'}
              </Button>
            ) : null}
          </Group>
          <ConfirmDialog
            opened={confirming}
            title={member.disabled ? `Enable ${member.name}?` : `Disable ${member.name}?`}
            confirmLabel={member.disabled ? 'Enable' : 'Disable'}
            color={member.disabled ? undefined : 'red'}
            loading={toggling}
            onCancel={() => setConfirming(false)}
            onConfirm={() => (member.disabled ? enable : disable).mutate({ userId: member.userId })}
          >
            {member.disabled
              ? `${member.name} will be able to sign in to this workspace again with their existing password.`
              : `${member.name} will be signed out of this workspace at once and can no longer sign in to it. Their past activity stays in the audit trail.`}
          </ConfirmDialog>
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}
