import { contract, type ProcedureName, type Role } from '@shared/contract';
import { allowed } from '@shared/contract/procedure';
import { useSessionStore } from '../stores/session-store';

/** Whether `role` may call procedure `name`; for code outside React (route guards, lists). */
export function can(name: ProcedureName, role: Role | null): boolean {
  // The same rule and declaration as the server's dispatch: only hides what would be refused anyway.
  return allowed(contract[name].access, role);
}

/** Whether the signed-in user's role in the current workspace may call procedure `name`. */
export function useCan(name: ProcedureName): boolean {
  const role = useSessionStore((s) => s.session?.role ?? null);
  return can(name, role);
}
