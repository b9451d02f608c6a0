import type { ReactNode } from 'react';
import { Button, Center, EmptyState, Loader } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link, useMatches } from '@tanstack/react-router';
import { useSessionStore } from '../../stores/session-store';
import { canOpen } from './use-route-access';

/**
 * The route guard: a screen renders only when the role may call the procedure its route
 * declares (`staticData.procedure`), by the contract's `access`. Checked on render rather than
 * in `beforeLoad`, so it follows the role as it changes (workspace switch, role change) without
 * a reload. The server refuses the calls anyway; this keeps a pasted link from showing a
 * screen full of "not allowed" errors.
 */
export function RouteGuard({ children }: { children: ReactNode }) {
  const role = useSessionStore((s) => s.session?.role ?? null);
  const procedures = useMatches({ select: (matches) => matches.map((m) => m.staticData.procedure) });
  if (procedures.every((p) => canOpen(p, role))) return children;
  return (
    <EmptyState
      py="xl"
      icon={<IconLock size={26} />}
      title="Your role cannot open this page"
      description="Ask an admin of this workspace if you need it."
      data-testid="route-forbidden"
    >
      <Button component={Link} to="/" variant="light" mt="md">
        Go to the dashboard
      </Button>
    </EmptyState>
  );
}

/** While a screen's chunk loads. */
export function ScreenLoading() {
  return (
    <Center py="xl">
      <Loader size="sm" />
    </Center>
  );
}
