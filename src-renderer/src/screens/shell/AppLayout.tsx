import { AppShell, Box, Group, Text, ThemeIcon } from '@mantine/core';
import { IconBuildingStore } from '@tabler/icons-react';
import { useNavigationStore } from '../../stores/navigation-store';
import { NavbarLinks } from './NavbarLinks';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';
import { UserMenu } from './UserMenu';
import { DashboardScreen } from '../dashboard/DashboardScreen';
import { PartnersScreen } from '../partners/PartnersScreen';
import { StaffScreen } from '../staff/StaffScreen';
import { ActivityScreen } from '../activity/ActivityScreen';

/** The signed-in frame: header (product, workspace, user), navbar, and the current screen. */
export function AppLayout() {
  const screen = useNavigationStore((s) => s.screen);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 0 }} padding="lg">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Group gap={8} wrap="nowrap">
              <ThemeIcon size={28} radius="sm" variant="filled">
                <IconBuildingStore size={18} />
              </ThemeIcon>
              <Text fw={700} size="md">
                PartnerDesk
              </Text>
            </Group>
            <Box w={1} h={24} bg="var(--mantine-color-gray-3)" />
            <WorkspaceSwitcher />
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" bg="var(--mantine-color-gray-0)">
        <NavbarLinks />
      </AppShell.Navbar>
      <AppShell.Main bg="var(--mantine-color-body)">
        <Box maw={1280}>
          {screen === 'dashboard' && <DashboardScreen />}
          {screen === 'partners' && <PartnersScreen />}
          {screen === 'staff' && <StaffScreen />}
          {screen === 'activity' && <ActivityScreen />}
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
