import type { ReactNode } from 'react';
import { Button, EmptyState } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link, useMatches } from '@tanstack/react-router';
import { useSessionStore } from '../../../stores/session-store';
import { canOpen } from '../../shell/use-route-access';

/**
 * As the staff RouteGuard: a portal screen renders only when the partner role may call the
 * procedure its route declares. The server refuses anyway; this keeps a pasted link (a viewer
 * opening /portal/team) from showing a screen of "not allowed" errors.
 */
export function PortalRouteGuard({ children }: { children: ReactNode }) {
  const role = useSessionStore((s) => s.session?.role ?? null);
  const procedures = useMatches({ select: (matches) => matches.map((m) => m.staticData.procedure) });
  if (procedures.every((p) => canOpen(p, role))) return children;
  return (
    <EmptyState py="xl" icon={<IconLock size={26} />} title="Your role cannot open this page" description="Ask an admin of your organisation if you need it." data-testid="portal-route-forbidden">
      <Button component={Link} to="/portal" variant="light" mt="md">
        Go to the portal home
      </Button>
    </EmptyState>
  );
}
