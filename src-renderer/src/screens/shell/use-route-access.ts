import { useRouter, type RegisteredRouter } from '@tanstack/react-router';
import type { ProcedureName } from '@shared/contract';
import { can } from '../../api/use-can';
import { useSessionStore } from '../../stores/session-store';

export type RoutePath = keyof RegisteredRouter['routesByPath'];

/** Whether the current role may open a route: the contract's `access` of the route's declared procedure. */
export function canOpen(procedure: ProcedureName | undefined, role: Parameters<typeof can>[1]): boolean {
  // A route that declares no procedure shows no workspace data (e.g. a redirect): open to all.
  return procedure === undefined || can(procedure, role);
}

/** A predicate over route paths for the navbar and the command palette. */
export function useCanOpenPath(): (path: RoutePath) => boolean {
  const router = useRouter();
  const role = useSessionStore((s) => s.session?.role ?? null);
  return (path) => canOpen(router.routesByPath[path].options.staticData?.procedure, role);
}
