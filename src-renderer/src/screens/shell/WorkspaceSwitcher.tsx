import { useState } from 'react';
import { Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconCheck, IconPlus, IconSelector } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useSession } from '../../stores/session-store';
import { useProcMutation } from '../../api/hooks';
import { useCan } from '../../api/use-can';
import { enterWorkspace } from '../../api/session-actions';
import { RoleBadge } from '../../components/RoleBadge';
import { NewWorkspaceModal } from './NewWorkspaceModal';

/** The current workspace; its menu lists the user's workspaces and, for admins, "New workspace…". */
export function WorkspaceSwitcher() {
  const session = useSession();
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const switchWorkspace = useProcMutation('auth.switchWorkspace', {
    // Another workspace starts at its home. Leave the old screen first: a partner open in the
    // old workspace would otherwise be fetched in the new one and read "no longer exists".
    onSuccess: async (next) => {
      await navigate({ to: '/' });
      enterWorkspace(next);
    },
  });
  const canCreate = useCan('workspaces.create');

  return (
    <>
      <Menu position="bottom-start" width={300} shadow="md" withinPortal>
        <Menu.Target>
          <UnstyledButton
            data-testid="workspace-switcher"
            title="Switch workspace"
            px="sm"
            py={4}
            style={{ borderRadius: 'var(--mantine-radius-sm)', border: '1px solid var(--pd-border-subtle)' }}
            disabled={switchWorkspace.isPending}
          >
            <Group gap="xs" wrap="nowrap">
              <div>
                <Text size="sm" fw={600} lh={1.2} truncate="end" maw={240}>
                  {session.tenant.name}
                </Text>
                <Text size="xs" c="dimmed" lh={1.2}>
                  {session.tenant.currency}
                </Text>
              </div>
              <IconSelector size={16} color="var(--mantine-color-dimmed)" aria-hidden />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Workspaces</Menu.Label>
          {session.workspaces.map((w) => {
            const current = w.id === session.tenant.id;
            return (
              <Menu.Item
                key={w.id}
                data-testid="workspace-option"
                data-workspace-id={w.id}
                leftSection={current ? <IconCheck size={16} /> : <span style={{ width: 16, display: 'inline-block' }} />}
                rightSection={<RoleBadge role={w.role} size="xs" />}
                onClick={() => {
                  if (!current) switchWorkspace.mutate({ tenantId: w.id });
                }}
                aria-current={current ? 'true' : undefined}
              >
                <Text size="sm" fw={current ? 600 : 400} truncate="end">
                  {w.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {w.currency}
                </Text>
              </Menu.Item>
            );
          })}
          {canCreate ? (
            <>
              <Menu.Divider />
              <Menu.Item leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="workspace-new">
                New workspace…
              </Menu.Item>
            </>
          ) : null}
        </Menu.Dropdown>
      </Menu>
      <NewWorkspaceModal
        opened={creating}
        onClose={() => setCreating(false)}
        defaultCurrency={session.tenant.currency}
        onCreated={(tenantId) => {
          setCreating(false);
          switchWorkspace.mutate({ tenantId });
        }}
      />
    </>
  );
}
