import { z } from 'zod';
import { ALL_STAFF } from '../roles';
import { query } from '../procedure';
import { id, isoDateTime } from '../fields';

export interface ActivityEntry {
  id: string;
  seq: number;
  at: string;
  actorType: 'staff' | 'partner_user' | 'system' | 'anonymous';
  actorId: string | null;
  actorName: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  /**
   * What the resource is called now, for people ("CP-0001 · Globex", "CP-0001 · Globex ·
   * passport.pdf" for a document of that partner, a staff member's or workspace's name); null
   * when the row names no resource or one the server cannot label.
   */
  resourceLabel: string | null;
  details: Record<string, unknown>;
}

export interface ActivityPage {
  items: ActivityEntry[];
  /** Pass back as `beforeSeq` for the next (older) page; null at the end. */
  nextBeforeSeq: number | null;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  problems: { seq: number | null; problem: string }[];
}

export const activity = {
  'activity.list': query(
    z
      .object({
        actorId: id.optional(),
        action: z.string().trim().min(1).max(80).optional(),
        resourceType: z.string().trim().min(1).max(40).optional(),
        resourceId: id.optional(),
        from: isoDateTime.optional(),
        to: isoDateTime.optional(),
        beforeSeq: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
  ).returns<ActivityPage>(ALL_STAFF, 'The audit trail of the current workspace, newest first, filtered.'),
  'activity.facets': query(z.object({}).strict()).returns<{ actions: string[]; actors: { id: string; name: string }[] }>(
    ALL_STAFF,
    'The actions and actors that appear in the trail, for filter pickers.',
  ),
  'activity.verify': query(z.object({}).strict()).returns<AuditVerification>(
    ['admin'],
    "Recomputes the workspace's hash chain and reports any edited, inserted or deleted row.",
  ),
} as const;
