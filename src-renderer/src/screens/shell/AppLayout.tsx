import { Suspense } from 'react';
import { AppShell, Box, Group, Text, ThemeIcon } from '@mantine/core';
import { IconBuildingStore } from '@tabler/icons-react';
import { Outlet } from '@tanstack/react-router';
import { NavbarLinks } from './NavbarLinks';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';
import { UserMenu } from './UserMenu';
import { RouteGuard, ScreenLoading } from './RouteGuard';
import { CommandPalette, CommandPaletteButton } from './CommandPalette';
import { InvitationsPrompt } from './InvitationsPrompt';
import { useLiveUpdates } from '../../api/live-updates';

/** The signed-in frame: header (product, workspace, user), navbar, the current route's screen, and the command palette. */
export function AppLayout() {
  useLiveUpdates();
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
            <Box w={1} h={24} bg="var(--pd-border-subtle)" />
            <WorkspaceSwitcher />
          </Group>
          <Group gap="md" wrap="nowrap">
            <CommandPaletteButton />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" bg="var(--pd-surface-subtle)">
        <NavbarLinks />
      </AppShell.Navbar>
      <AppShell.Main bg="var(--mantine-color-body)">
        <Box maw={1280}>
          <RouteGuard>
            <Suspense fallback={<ScreenLoading />}>
              <Outlet />
            </Suspense>
          </RouteGuard>
        </Box>
      </AppShell.Main>
      <CommandPalette />
      <InvitationsPrompt />
    </AppShell>
  );
}
