import type { ComponentPropsWithRef } from 'react';
import { Badge, NavLink, Stack, Text, type NavLinkProps } from '@mantine/core';
import { createLink, useRouter } from '@tanstack/react-router';
import type { ProcedureName } from '@shared/contract';
import { useSessionStore } from '../../../stores/session-store';
import { canOpen } from '../../shell/use-route-access';
import { PORTAL_NAV_ITEMS, type PortalNavItem } from './nav-items';

/** Mantine's NavLink as a router link: a real anchor, `aria-current` when open. */
const RouterNavLink = createLink(function NavLinkAnchor(props: NavLinkProps & ComponentPropsWithRef<'a'>) {
  return <NavLink component="a" {...props} />;
});

const trimSlash = (path: string) => (path.length > 1 ? path.replace(/\/$/, '') : path);

function useVisibleItems(): PortalNavItem[] {
  const router = useRouter();
  const role = useSessionStore((s) => s.session?.role ?? null);
  // By full path without its trailing slash: the index route under `/portal` is '/portal/' in the
  // types but may be listed either way at run time.
  const routes = Object.values(router.routesById as Record<string, { fullPath: string; options: { staticData?: { procedure?: ProcedureName } } }>);
  return PORTAL_NAV_ITEMS.filter((item) => {
    if ('procedure' in item) return canOpen(item.procedure, role);
    const route = routes.find((r) => trimSlash(r.fullPath) === item.to && r.options.staticData?.procedure !== undefined);
    // A link whose route cannot be found is hidden rather than shown to every role.
    return route !== undefined && canOpen(route.options.staticData?.procedure, role);
  });
}

/** The portal's links the role may open, the new-notification count beside Notifications; `onNavigate` closes the phone drawer. */
export function PortalNav({ newCount, onNavigate }: { newCount: number; onNavigate(): void }) {
  const items = useVisibleItems();
  const render = (section: PortalNavItem['section']) =>
    items
      .filter((i) => i.section === section)
      .map(({ to, key, label, icon: LinkIcon }) => (
        <RouterNavLink
          key={key}
          to={to}
          activeOptions={{ exact: key === 'home', includeSearch: false }}
          activeProps={{ active: true }}
          label={label}
          aria-label={key === 'notifications' && newCount > 0 ? `${label}, ${newCount} new` : undefined}
          leftSection={<LinkIcon size={18} stroke={1.6} aria-hidden />}
          rightSection={
            key === 'notifications' && newCount > 0 ? (
              <Badge size="sm" variant="filled" color="red" circle={newCount < 10} aria-hidden data-testid="portal-nav-new-count">
                {newCount > 99 ? '99+' : newCount}
              </Badge>
            ) : null
          }
          variant="light"
          style={{ borderRadius: 'var(--mantine-radius-sm)' }}
          onClick={onNavigate}
          data-testid={`portal-nav-${key}`}
        />
      ));
  const admin = render('admin');
  return (
    <Stack gap={2} component="nav" aria-label="Portal">
      {render('main')}
      {admin.length > 0 ? (
        <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
          Your organisation
        </Text>
      ) : null}
      {admin}
    </Stack>
  );
}
