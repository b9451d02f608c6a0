import type { ComponentPropsWithRef } from 'react';
import { NavLink, Stack, Text, type NavLinkProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { NAV_ITEMS } from './nav-items';
import { useCanOpenPath } from './use-route-access';

/** Mantine's NavLink as a router link: a real anchor with the screen's URL, `aria-current` when open. */
const RouterNavLink = createLink(function NavLinkAnchor(props: NavLinkProps & ComponentPropsWithRef<'a'>) {
  return <NavLink component="a" {...props} />;
});

function SectionLabel({ children }: { children: string }) {
  return (
    <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="sm" pb={4}>
      {children}
    </Text>
  );
}

/** Links to the screens the role may open; the others are not shown (the route's procedure decides). */
export function NavbarLinks() {
  const canOpen = useCanOpenPath();

  const render = (section: 'program' | 'admin', title: string) => {
    const links = NAV_ITEMS.filter((l) => l.section === section && canOpen(l.to));
    if (links.length === 0) return null;
    return [<SectionLabel key="label">{title}</SectionLabel>, ...links.map(({ to, key, label, icon: LinkIcon, ...item }) => (
      <RouterNavLink
        key={key}
        to={to}
        activeOptions={{ exact: to === '/' || ('exact' in item && item.exact), includeSearch: false }}
        activeProps={{ active: true }}
        label={label}
        leftSection={<LinkIcon size={18} stroke={1.6} />}
        variant="light"
        style={{ borderRadius: 'var(--mantine-radius-sm)' }}
        data-testid={`nav-${key}`}
      />
    ))];
  };

  return (
    <Stack gap={2} component="nav" aria-label="Main">
      {render('program', 'Program')}
      {render('admin', 'Administration')}
    </Stack>
  );
}
