import { Avatar, Group, Menu, Text, UnstyledButton, isMantineColorScheme, useMantineColorScheme } from '@mantine/core';
import { useState } from 'react';
import { IconChevronDown, IconDeviceDesktop, IconKey, IconLogout, IconMoon, IconPlugConnected, IconSun } from '@tabler/icons-react';
import { useSession, useSessionStore } from '../../stores/session-store';
import { useSignOut } from '../../api/use-sign-out';
import { RoleBadge } from '../../components/RoleBadge';
import { ChangePasswordModal } from '../auth/ChangePasswordModal';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}

const SCHEMES = [
  { value: 'light', label: 'Light', icon: IconSun },
  { value: 'dark', label: 'Dark', icon: IconMoon },
  { value: 'auto', label: 'System', icon: IconDeviceDesktop },
] as const;

export function UserMenu() {
  const session = useSession();
  // Stored per user by the colour-scheme manager (color-scheme.ts); "System" follows the OS.
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const [changingPassword, setChangingPassword] = useState(false);
  const signOut = useSignOut();
  const connection = useSessionStore((s) => s.connection);
  const setPhase = useSessionStore((s) => s.setPhase);

  return (
    <>
    <ChangePasswordModal opened={changingPassword} onClose={() => setChangingPassword(false)} />
    <Menu position="bottom-end" width={260} shadow="md">
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" title="Account" px={6} py={4} style={{ borderRadius: 'var(--mantine-radius-sm)' }}>
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
        </Menu.Label>
        <Menu.Divider />
        <Menu.Label>Appearance</Menu.Label>
        <Menu.RadioGroup value={colorScheme} onChange={(value) => isMantineColorScheme(value) && setColorScheme(value)}>
          {SCHEMES.map(({ value, label, icon: SchemeIcon }) => (
            <Menu.RadioItem key={value} value={value} rightSection={<SchemeIcon size={16} aria-hidden />} data-testid={`color-scheme-${value}`}>
              {label}
            </Menu.RadioItem>
          ))}
        </Menu.RadioGroup>
        <Menu.Divider />
        {session.user.kind === 'staff' ? (
          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setChangingPassword(true)} data-testid="change-password">
            Change password
          </Menu.Item>
        ) : null}
        {connection ? (
          <Menu.Item leftSection={<IconPlugConnected size={16} />} onClick={() => setPhase('connect')} data-testid="change-connection">
            {connection.mode === 'connected' ? `Server: ${new URL(connection.serverUrl).host}…` : 'Data on this computer…'}
          </Menu.Item>
        ) : null}
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
    </>
  );
}
