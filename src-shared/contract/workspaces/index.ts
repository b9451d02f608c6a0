import { z } from 'zod';
import { ALL_STAFF } from '../roles';
import { mutation, query } from '../procedure';
import { currency, workspaceName } from '../fields';
import type { WorkspaceSummary } from '../auth';

export interface WorkspaceSettings {
  /** Partners can be approved only when their KYC is verified. */
  approvalNeedsVerifiedKyc: boolean;
}

export const workspaces = {
  'workspaces.list': query(z.object({}).strict()).returns<WorkspaceSummary[]>(
    ALL_STAFF,
    'The workspaces the signed-in staff user belongs to.',
  ),
  'workspaces.settings': query(z.object({}).strict()).returns<WorkspaceSettings>(
    ALL_STAFF,
    "The current workspace's settings.",
  ),
  'workspaces.updateSettings': mutation(z.object({ approvalNeedsVerifiedKyc: z.boolean({ error: 'Expected yes or no' }) }).strict()).effects('workspaces', 'partners', 'activity').returns<WorkspaceSettings>(
    ['admin'],
    "Changes the current workspace's settings (audited).",
  ),
  'workspaces.create': mutation(z.object({ name: workspaceName, currency }).strict()).effects('workspaces', 'auth', 'activity').returns<WorkspaceSummary>(
    ['admin'],
    'Creates a further workspace; its creator becomes its admin.',
  ),
} as const;
