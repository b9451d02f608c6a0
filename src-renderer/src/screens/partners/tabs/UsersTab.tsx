import { useState } from 'react';
import { Alert, Badge, Button, CopyButton, EmptyState, Group, Modal, Paper, PasswordInput, SegmentedControl, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconKey, IconUserPlus, IconUsers } from '@tabler/icons-react';
import type { PartnerRole } from '@shared/contract/roles';
import type { Partner, PartnerInvite, PartnerUser, PartnerUserAction } from '@shared/contract';
import { optionFor } from '@shared/contract/action-option';
import { useProcMutation, useProcQuery } from '../../../api/hooks';
import { useCan } from '../../../api/use-can';
import { useContractForm } from '../../../forms/use-contract-form';
import { formatDateTime, formatRelative } from '../../../format/date';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { QueryError } from '../../../components/QueryError';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { RoleBadge } from '../../../components/RoleBadge';
import { PARTNER_ROLE_OPTIONS, PARTNER_USER_STATUS_COLOR, PARTNER_USER_STATUS_LABEL } from '../partner-labels';
import { LastLogin } from '../../../components/LastLogin';

/** Add (no user) or edit a portal user. */
function PartnerUserForm({ partner, user, onClose, onInvite }: { partner: Partner; user: PartnerUser | null; onClose(): void; onInvite(invite: PartnerInvite, user: PartnerUser): void }) {
  // Values in the create input's shape; the credential keeps both fields so switching mode loses nothing.
  const initialValues = {
    partnerId: partner.id,
    name: user?.name ?? '',
    email: user?.email ?? '',
    role: user?.role ?? ('partner_lead_manager' as PartnerRole),
    credential: { mode: 'invite' as 'invite' | 'password', password: '' },
  };
  type Values = typeof initialValues;
  const create = useContractForm('partners.users.create', {
    initialValues,
    toInput: ({ credential, ...rest }: Values) => ({
      input: { ...rest, credential: credential.mode === 'password' ? { mode: 'password', password: credential.password } : { mode: 'invite' } },
    }),
    onSuccess: (created) => {
      notifications.show({ color: 'green', title: 'User added', message: `${created.user.name} was added to ${partner.displayName}.` });
      onClose();
      if (created.invite) onInvite(created.invite, created.user);
    },
  });
  const update = useContractForm('partners.users.update', {
    initialValues,
    // Only what changed is sent, so the audit row names exactly the changed fields.
    toInput: ({ name, email, role }: Values) => ({
      input: {
        id: user?.id ?? '',
        ...(name !== user?.name ? { name } : {}),
        ...(email !== user?.email ? { email } : {}),
        ...(role !== user?.role ? { role } : {}),
      },
    }),
    onSuccess: (saved) => {
      notifications.show({ color: 'green', title: 'User saved', message: `${saved.name} was updated.` });
      onClose();
    },
  });
  const { form, field, formError, onSubmit, mutation: m } = user ? update : create;
  const mode = form.getValues().credential.mode;

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <FormErrorAlert error={formError} />
        <TextInput label="Name" required data-autofocus {...field('name')} data-testid="puser-name" />
        <TextInput
          label="Email"
          type="email"
          required
          {...field('email')}
          description="Unique in this workspace; the user signs in to the partner portal with it."
          data-testid="puser-email"
        />
        <Select
          label="Role"
          required
          data={PARTNER_ROLE_OPTIONS}
          allowDeselect={false}
          {...field('role')}
          comboboxProps={{ withinPortal: true }}
          data-testid="puser-role"
        />
        {!user ? (
          <>
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                Credential
              </Text>
              <SegmentedControl
                data={[
                  { value: 'invite', label: 'Send an invite' },
                  { value: 'password', label: 'Set a password' },
                ]}
                value={mode}
                onChange={(v) => form.setFieldValue('credential.mode', v === 'password' ? 'password' : 'invite')}
                data-testid="puser-mode"
              />
              <Text size="xs" c="dimmed">
                {mode === 'invite'
                  ? 'You get a one-time invite token to pass on; the user sets their own password with it.'
                  : 'Share the password privately; at least 12 characters.'}
              </Text>
            </Stack>
            {mode === 'password' ? (
              <PasswordInput
                label="Password"
                required
                autoComplete="new-password"
                {...field('credential.password')}
                data-testid="puser-password"
              />
            ) : null}
          </>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={m.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={m.isPending} data-testid="puser-submit">
            {user ? 'Save' : 'Add user'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function InviteModal({ invite, user, onClose }: { invite: PartnerInvite; user: PartnerUser | null; onClose(): void }) {
  return (
    <Modal opened onClose={onClose} title={user ? `Invite for ${user.name}` : 'Invite'} size="lg" closeOnClickOutside={false}>
      <Stack gap="md">
        <Alert color="orange" variant="light" icon={<IconKey size={18} />}>
          This token is shown once. Copy it now and pass it to {user?.name ?? 'the user'} through a trusted channel; only its hash is stored.
        </Alert>
        <Group gap="xs" wrap="nowrap">
          <Text
            ff="monospace"
            size="sm"
            p="xs"
            style={{ flex: 1, wordBreak: 'break-all', userSelect: 'all', background: 'var(--pd-surface-subtle)', border: '1px solid var(--pd-border-subtle)', borderRadius: 'var(--mantine-radius-sm)' }}
            data-testid="invite-token"
          >
            {invite.token}
          </Text>
          <CopyButton value={invite.token}>
            {({ copied, copy }) => (
              <Button variant={copied ? 'light' : 'default'} color={copied ? 'green' : undefined} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />} onClick={copy} data-testid="invite-copy">
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="sm" c="dimmed" data-testid="invite-expires">
          Expires {formatDateTime(invite.expiresAt)} ({formatRelative(invite.expiresAt)}).
        </Text>
        <Group justify="flex-end">
          <Button onClick={onClose} data-testid="invite-close">
            Done
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** `withActions`: the table has the actions column; the buttons in it are the server's `user.actions`. */
function UserRow({ user, withActions, onEdit, onInvite }: { user: PartnerUser; withActions: boolean; onEdit(): void; onInvite(invite: PartnerInvite): void }) {
  const [confirming, setConfirming] = useState(false);
  const deactivate = useProcMutation('partners.users.deactivate', {
    onSuccess: (u) => {
      setConfirming(false);
      notifications.show({ color: 'green', title: 'User deactivated', message: `${u.name} can no longer sign in.` });
    },
  });
  const newInvite = useProcMutation('partners.users.createInvite', { onSuccess: onInvite });
  const inactive = user.status === 'deactivated';
  const offers = (action: PartnerUserAction) => optionFor(user.actions, action)?.enabled === true;
  return (
    <Table.Tr data-testid="puser-row" data-user-id={user.id} data-status={user.status}>
      <Table.Td>
        <Text size="sm" fw={500} c={inactive ? 'dimmed' : undefined}>
          {user.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={inactive ? 'dimmed' : undefined} truncate="end">
          {user.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <RoleBadge role={user.role} />
      </Table.Td>
      <Table.Td>
        <Badge variant="light" radius="sm" tt="none" color={PARTNER_USER_STATUS_COLOR[user.status]} data-testid="puser-status">
          {PARTNER_USER_STATUS_LABEL[user.status]}
        </Badge>
      </Table.Td>
      <Table.Td>
        <LastLogin at={user.lastLoginAt} />
      </Table.Td>
      {withActions ? (
        <Table.Td ta="right">
          {user.actions.length > 0 ? (
            <Group gap={4} justify="flex-end" wrap="nowrap" preventGrowOverflow={false}>
              {offers('partners.users.update') ? (
                <Button size="compact-sm" variant="subtle" onClick={onEdit} data-testid="puser-edit">
                  Edit
                </Button>
              ) : null}
              {offers('partners.users.createInvite') ? (
                <Button size="compact-sm" variant="subtle" onClick={() => newInvite.mutate({ id: user.id })} loading={newInvite.isPending} data-testid="puser-invite">
                  New invite
                </Button>
              ) : null}
              {offers('partners.users.deactivate') ? (
                <Button size="compact-sm" variant="subtle" color="red" onClick={() => setConfirming(true)} data-testid="puser-deactivate">
                  Deactivate
                </Button>
              ) : null}
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
            {`${user.name} is signed out of the partner portal at once and can no longer sign in. The account is kept for the audit trail.`}
          </ConfirmDialog>
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}

export function UsersTab({ partner }: { partner: Partner }) {
  const canAdd = useCan('partners.users.create');
  // The actions column is there for those who may change portal users at all.
  const withActions = useCan('partners.users.update');
  const users = useProcQuery('partners.users.list', { partnerId: partner.id });
  const [form, setForm] = useState<{ user: PartnerUser | null } | null>(null);
  const [invite, setInvite] = useState<{ invite: PartnerInvite; user: PartnerUser | null } | null>(null);
  const list = users.data ? [...users.data].sort((a, b) => Number(a.status === 'deactivated') - Number(b.status === 'deactivated') || a.name.localeCompare(b.name)) : [];

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          People at {partner.displayName} who use the partner portal.
        </Text>
        {canAdd ? (
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setForm({ user: null })} data-testid="puser-add">
            Add user
          </Button>
        ) : null}
      </Group>
      {users.error ? (
        <QueryError error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={800} type="native">
            <Table layout="fixed" verticalSpacing="xs" data-testid="puser-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={160}>Name</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th w={150}>Role</Table.Th>
                  <Table.Th w={110}>Status</Table.Th>
                  <Table.Th w={110}>Last login</Table.Th>
                  {withActions ? (
                    <Table.Th w={290}>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.isPending ? (
                  <TableSkeleton columns={withActions ? 6 : 5} rows={2} />
                ) : (
                  list.map((u) => (
                    <UserRow key={u.id} user={u} withActions={withActions} onEdit={() => setForm({ user: u })} onInvite={(inv) => setInvite({ invite: inv, user: u })} />
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {users.isSuccess && list.length === 0 ? (
            <EmptyState py="lg" icon={<IconUsers size={24} />} title="No portal users yet" description={canAdd ? 'Add the partner’s first user with “Add user”.' : undefined} />
          ) : null}
        </Paper>
      )}
      <Modal opened={form !== null} onClose={() => setForm(null)} title={form?.user ? `Edit ${form.user.name}` : `Add a user to ${partner.displayName}`} size="md">
        {form ? (
          <PartnerUserForm
            key={form.user?.id ?? 'new'}
            partner={partner}
            user={form.user}
            onClose={() => setForm(null)}
            onInvite={(inv, u) => setInvite({ invite: inv, user: u })}
          />
        ) : null}
      </Modal>
      {invite ? <InviteModal invite={invite.invite} user={invite.user} onClose={() => setInvite(null)} /> : null}
    </Stack>
  );
}
