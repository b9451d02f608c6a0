import { Suspense } from 'react';
import { AppShell, Box, Burger, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingStore } from '@tabler/icons-react';
import { Outlet } from '@tanstack/react-router';
import { useProcQuery } from '../../../api/hooks';
import { useLiveUpdates } from '../../../api/live-updates';
import { useSession } from '../../../stores/session-store';
import { ScreenLoading } from '../../shell/RouteGuard';
import { PortalNav } from './PortalNav';
import { PortalRouteGuard } from './PortalRouteGuard';
import { PortalUserMenu } from './PortalUserMenu';

/**
 * The signed-in portal: header (workspace and partner, user menu), navigation (a drawer behind a
 * burger below the `sm` breakpoint, a sidebar above), and the current screen.
 */
export function PortalLayout() {
  useLiveUpdates();
  const session = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  // The partner's name is on the home answer (cached for the home screen too); the count feeds the badge.
  const home = useProcQuery('portal.home', {});
  const notes = useProcQuery('portal.notifications', {}, { refetchInterval: 60_000 });
  const partnerName = home.data?.partner.name;

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={{ base: 'sm', sm: 'lg' }}>
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Close navigation' : 'Open navigation'} data-testid="portal-burger" />
            <ThemeIcon size={28} radius="sm" variant="filled" visibleFrom="xs" aria-hidden>
              <IconBuildingStore size={18} />
            </ThemeIcon>
            <Stack gap={0} miw={0}>
              <Text fw={700} size="sm" truncate="end" data-testid="portal-workspace-name">
                {session.tenant.name}
              </Text>
              <Text size="xs" c="dimmed" truncate="end" data-testid="portal-partner-name">
                {partnerName ?? '\u00a0'}
              </Text>
            </Stack>
          </Group>
          <PortalUserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" bg="var(--pd-surface-subtle)">
        <PortalNav newCount={notes.data?.newCount ?? 0} onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main bg="var(--mantine-color-body)">
        <Box maw={1200} mx="auto">
          <PortalRouteGuard>
            <Suspense fallback={<ScreenLoading />}>
              <Outlet />
            </Suspense>
          </PortalRouteGuard>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
