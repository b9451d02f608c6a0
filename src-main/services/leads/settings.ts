import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { LeadSettingsView, updateLeadSettingsInput } from '../../../src-shared/contract/leads';
import type { AppDb, Database } from '../../data/database';
import { assertWindowDays } from '../../domain/leads/dedupe';
import { assertLeadScoreWeights, leadScoreMaxima } from '../../domain/leads/quality-score';
import type { AuditService } from '../activity/audit';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';
import { readLeadSettings, type LeadSettings, type StoredLeadSettings } from './lead-settings';
import { invalidateTenant } from '../workspaces/tenant-cache';

type UpdateInput = z.output<typeof updateLeadSettingsInput>;

/** The settings an admin edits, by the names of `leads.updateSettings`' input (and of the audit row's details). */
type Editable = Required<UpdateInput>;

export function toSettingsView(settings: LeadSettings): LeadSettingsView {
  return {
    weights: { ...settings.scoreWeights },
    maxima: leadScoreMaxima(settings.scoreWeights),
    protectionWindowDays: settings.protectionWindowDays,
    referenceDealValueMinor: settings.referenceDealValueMinor,
    currency: settings.currency,
    minPartnerDecisions: settings.minPartnerDecisions,
    rejectionReasons: [...settings.rejectionReasons],
  };
}

function editableOf(settings: LeadSettings): Editable {
  return {
    weights: { ...settings.scoreWeights },
    protectionWindowDays: settings.protectionWindowDays,
    referenceDealValueMinor: settings.referenceDealValueMinor,
    minPartnerDecisions: settings.minPartnerDecisions,
    rejectionReasons: [...settings.rejectionReasons],
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The tenant's whole settings JSON, locked on Postgres: other domains' keys (and a concurrent change) are kept. */
async function lockedSettingsJson(database: Database, tx: AppDb, tenantId: string): Promise<Record<string, unknown>> {
  const { tenants } = database.t;
  const q = tx.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tenantId));
  const [row] = database.dialect.lockForUpdate ? await q.for('update') : await q;
  return { ...(row?.settings as unknown as Record<string, unknown> | undefined) };
}

/**
 * `leads.settings` and `leads.updateSettings`. The settings live in the tenant's settings JSON
 * under `leads` (no table, no migration). An update stores only what it changes, and its audit
 * row holds before and after of exactly those settings. Stored lead scores are not touched:
 * only `leads.rescore` (./rescoring.ts) rewrites them, on purpose and audited.
 */
export function leadSettingsService({ database }: ServiceDeps, audit: AuditService) {
  async function settings(session: ActiveSession): Promise<LeadSettingsView> {
    return toSettingsView(await readLeadSettings(database, database.db, session.tenantId));
  }

  async function updateSettings(session: ActiveSession, input: UpdateInput): Promise<LeadSettingsView> {
    // The domain's rules, before anything is written (the schema checked the shapes).
    if (input.weights) assertLeadScoreWeights(input.weights);
    if (input.protectionWindowDays !== undefined) assertWindowDays(input.protectionWindowDays);
    return database.write(async (tx) => {
      const json = await lockedSettingsJson(database, tx, session.tenantId);
      const current = await readLeadSettings(database, tx, session.tenantId);
      const before = editableOf(current);
      const from: Partial<Editable> = {};
      const to: Partial<Editable> = {};
      for (const key of Object.keys(before) as (keyof Editable)[]) {
        const next = input[key];
        if (next === undefined || same(next, before[key])) continue;
        Object.assign(from, { [key]: before[key] });
        Object.assign(to, { [key]: next });
      }
      // Nothing differs from what is stored: nothing to write, so nothing to record.
      if (Object.keys(to).length === 0) return toSettingsView(current);
      const stored = { ...(json.leads as StoredLeadSettings | undefined) };
      if (to.weights) stored.scoreWeights = { ...to.weights };
      if (to.protectionWindowDays !== undefined) stored.protectionWindowDays = to.protectionWindowDays;
      if (to.referenceDealValueMinor !== undefined) stored.referenceDealValueMinor = to.referenceDealValueMinor;
      if (to.minPartnerDecisions !== undefined) stored.minPartnerDecisions = to.minPartnerDecisions;
      if (to.rejectionReasons) stored.rejectionReasons = [...to.rejectionReasons];
      const { tenants } = database.t;
      await tx
        .update(tenants)
        .set({ settings: { ...json, leads: stored } as unknown as (typeof tenants.$inferInsert)['settings'] })
        .where(eq(tenants.id, session.tenantId));
      await invalidateTenant(database, tx, session.tenantId);
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'lead.settings_changed',
        resourceType: 'workspace',
        resourceId: session.tenantId,
        details: { changed: Object.keys(to), from, to },
      });
      return toSettingsView(await readLeadSettings(database, tx, session.tenantId));
    });
  }

  return { settings, updateSettings };
}
