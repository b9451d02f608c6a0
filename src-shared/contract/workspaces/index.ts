import { z } from 'zod';
import { ALL_STAFF } from '../roles';
import { mutation, query } from '../procedure';
import { currency, workspaceName } from '../fields';
import type { WorkspaceSummary } from '../auth';
import { isTimeZone } from '../../calendar';

export interface WorkspaceSettings {
  /** Partners can be approved only when their KYC is verified. */
  approvalNeedsVerifiedKyc: boolean;
  /**
   * IANA time zone whose calendar day is "today" for expiry dates (KYC documents). Workspaces
   * created before the setting existed read as UTC.
   */
  timeZone: string;
}

/** Each setting may be changed alone; the others keep their values. */
export const updateSettingsInput = z
  .object({
    approvalNeedsVerifiedKyc: z.boolean({ error: 'Expected yes or no' }).optional(),
    timeZone: z
      .string({ error: 'Choose a time zone' })
      .trim()
      .max(64, 'Unknown time zone')
      .refine(isTimeZone, { error: 'Unknown time zone: choose one from the list (e.g. Europe/Berlin or UTC)' })
      .optional(),
  })
  .strict();

export const workspaces = {
  'workspaces.list': query(z.object({}).strict()).returns<WorkspaceSummary[]>(
    ALL_STAFF,
    'The workspaces the signed-in staff user belongs to.',
  ),
  'workspaces.settings': query(z.object({}).strict()).returns<WorkspaceSettings>(
    ALL_STAFF,
    "The current workspace's settings.",
  ),
  'workspaces.updateSettings': mutation(updateSettingsInput).effects('workspaces', 'partners', 'activity').returns<WorkspaceSettings>(
    ['admin'],
    "Changes the current workspace's settings (audited).",
  ),
  'workspaces.create': mutation(z.object({ name: workspaceName, currency }).strict()).effects('workspaces', 'auth', 'activity').returns<WorkspaceSummary>(
    ['admin'],
    'Creates a further workspace; its creator becomes its admin.',
  ),
} as const;
