import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useSession } from '../../stores/session-store';
import { useProcMutation } from '../../api/hooks';
import { leaveApp } from '../../api/session-actions';
import { RoleBadge } from '../../components/RoleBadge';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}

export function UserMenu() {
  const session = useSession();
  const navigate = useNavigate();
  // Whatever the answer, the user wanted out: a failed sign-out (session already gone) still leaves.
  // Whoever signs in next starts at the home screen, not at this user's last page.
  const signOut = useProcMutation('auth.signOut', {
    inlineErrors: true,
    onSettled: () => {
      leaveApp();
      void navigate({ to: '/' });
    },
  });

  return (
    <Menu position="bottom-end" width={260} shadow="md">
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" aria-label={`Account: ${session.user.name}`} px={6} py={4} style={{ borderRadius: 'var(--mantine-radius-sm)' }}>
          <Group gap="xs" wrap="nowrap">
            <Avatar size={30} radius="xl" color="brand" variant="light">
              {initials(session.user.name)}
            </Avatar>
            <div>
              <Text size="sm" fw={500} lh={1.2}>
                {session.user.name}
              </Text>
              <RoleBadge role={session.role} size="xs" data-testid="user-role" />
            </div>
            <IconChevronDown size={14} color="var(--mantine-color-gray-6)" />
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
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          onClick={() => signOut.mutate({})}
          disabled={signOut.isPending}
          data-testid="sign-out"
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
