import type { ProcedureName } from '@shared/contract';

/**
 * Which cached queries a mutation may have changed, as procedure-name prefixes. By default a
 * mutation touches its own domain (`staff.add` → `staff.`) and the audit trail, since every
 * change writes an activity. Exceptions are listed by name.
 */
const EXTRA: Partial<Record<ProcedureName, readonly string[]>> = {
  'workspaces.create': ['workspaces.', 'auth.session'],
  'staff.changeRole': ['auth.session'],
};

export function invalidatedBy(name: ProcedureName): readonly string[] {
  const domain = name.slice(0, name.indexOf('.') + 1);
  return [domain, 'activity.', ...(EXTRA[name] ?? [])];
}
