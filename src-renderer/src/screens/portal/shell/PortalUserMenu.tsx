import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useSession } from '../../../stores/session-store';
import { RoleBadge } from '../../../components/RoleBadge';
import { usePortalSignOut } from './portal-session';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}

/** The signed-in partner user: their account (password) and sign-out. The name hides on a phone; the avatar stays. */
export function PortalUserMenu() {
  const session = useSession();
  const navigate = useNavigate();
  const signOut = usePortalSignOut();
  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton data-testid="portal-user-menu" aria-label={`Account of ${session.user.name}`} px={6} py={4} style={{ borderRadius: 'var(--mantine-radius-sm)' }}>
          <Group gap="xs" wrap="nowrap">
            <Avatar size={30} radius="xl" color="brand" variant="light" aria-hidden>
              {initials(session.user.name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" aria-hidden>
              {session.user.name}
            </Text>
            <IconChevronDown size={14} color="var(--mantine-color-dimmed)" aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)">
            {session.user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate="end">
            {session.user.email}
          </Text>
          <RoleBadge role={session.role} size="xs" mt={4} data-testid="portal-user-role" />
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item leftSection={<IconKey size={16} />} onClick={() => void navigate({ to: '/portal/account' })} data-testid="portal-account">
          Account and password
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => signOut.mutate({})} disabled={signOut.isPending} data-testid="portal-sign-out">
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
