import { NavLink, Stack, Text } from '@mantine/core';
import { IconHistory, IconLayoutDashboard, IconUsers, IconUsersGroup, type Icon } from '@tabler/icons-react';
import { useNavigationStore, type Screen } from '../../stores/navigation-store';

const LINKS: { screen: Screen; label: string; icon: Icon; section: 'program' | 'admin' }[] = [
  { screen: 'dashboard', label: 'Dashboard', icon: IconLayoutDashboard, section: 'program' },
  { screen: 'partners', label: 'Partners', icon: IconUsersGroup, section: 'program' },
  { screen: 'staff', label: 'Staff', icon: IconUsers, section: 'admin' },
  { screen: 'activity', label: 'Activity', icon: IconHistory, section: 'admin' },
];

function SectionLabel({ children }: { children: string }) {
  return (
    <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="sm" pb={4}>
      {children}
    </Text>
  );
}

/** Buttons, not links: there is no URL routing; Tab/Enter work as on any button. */
export function NavbarLinks() {
  const screen = useNavigationStore((s) => s.screen);
  const go = useNavigationStore((s) => s.go);

  const render = (section: 'program' | 'admin') =>
    LINKS.filter((l) => l.section === section).map(({ screen: target, label, icon: LinkIcon }) => (
      <NavLink
        key={target}
        component="button"
        type="button"
        label={label}
        leftSection={<LinkIcon size={18} stroke={1.6} />}
        active={screen === target}
        aria-current={screen === target ? 'page' : undefined}
        onClick={() => go(target)}
        variant="light"
        style={{ borderRadius: 'var(--mantine-radius-sm)' }}
        data-testid={`nav-${target}`}
      />
    ));

  return (
    <Stack gap={2} component="nav" aria-label="Main">
      <SectionLabel>Program</SectionLabel>
      {render('program')}
      <SectionLabel>Administration</SectionLabel>
      {render('admin')}
    </Stack>
  );
}
