import { eq } from 'drizzle-orm';
import { isValidIBAN, electronicFormatIBAN } from 'ibantools';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import type { MoneySettings, updateMoneySettingsInput } from '../../../src-shared/contract/payouts';
import type { AppDb, Database } from '../../data/database';
import type { AuditService } from '../activity/audit';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';
import { invalidateTenant } from '../workspaces/tenant-cache';
import { readMoneySettings, type StoredMoneySettings } from './money-settings';

type UpdateInput = z.output<typeof updateMoneySettingsInput>;
type Editable = Required<StoredMoneySettings>;

const EDITABLE = ['minimumPayoutMinor', 'secondApprovalAboveMinor', 'debtorName', 'debtorIban', 'debtorBic', 'expenseAccount', 'bankAccount'] as const satisfies readonly (keyof Editable)[];

/** The tenant's whole settings JSON, locked on Postgres: other domains' keys (and a concurrent change) are kept. */
async function lockedSettingsJson(database: Database, tx: AppDb, tenantId: string): Promise<Record<string, unknown>> {
  const { tenants } = database.t;
  const q = tx.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tenantId));
  const [row] = database.dialect.lockForUpdate ? await q.for('update') : await q;
  return { ...(row?.settings as unknown as Record<string, unknown> | undefined) };
}

/**
 * `payouts.settings` and `payouts.updateSettings` (the tenant settings JSON under `money`, as
 * leads.updateSettings keeps `leads`): only what changes is stored, audited with before and
 * after, and the tenant cache dropped at commit here and in other processes.
 */
export function moneySettingsService({ database }: ServiceDeps, audit: AuditService) {
  async function moneySettings(session: ActiveSession): Promise<MoneySettings> {
    return readMoneySettings(database, database.db, session.tenantId);
  }

  async function updateMoneySettings(session: ActiveSession, input: UpdateInput): Promise<MoneySettings> {
    const next: Partial<Editable> = { ...input };
    if (input.debtorIban !== undefined && input.debtorIban !== '') {
      const iban = electronicFormatIBAN(input.debtorIban) ?? '';
      if (!isValidIBAN(iban)) throw new AppError('validation', 'This IBAN is not valid: check its country code, length and check digits', 'debtorIban');
      next.debtorIban = iban;
    }
    return database.write(async (tx) => {
      const json = await lockedSettingsJson(database, tx, session.tenantId);
      const current = await readMoneySettings(database, tx, session.tenantId);
      const from: Partial<Editable> = {};
      const to: Partial<Editable> = {};
      for (const key of EDITABLE) {
        const value = next[key];
        if (value === undefined || value === current[key]) continue;
        Object.assign(from, { [key]: current[key] });
        Object.assign(to, { [key]: value });
      }
      if (Object.keys(to).length === 0) return current;
      const stored = { ...(json.money as StoredMoneySettings | undefined), ...to };
      const { tenants } = database.t;
      await tx
        .update(tenants)
        .set({ settings: { ...json, money: stored } as unknown as (typeof tenants.$inferInsert)['settings'] })
        .where(eq(tenants.id, session.tenantId));
      await invalidateTenant(database, tx, session.tenantId);
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'payout.settings_changed',
        resourceType: 'workspace',
        resourceId: session.tenantId,
        details: { changed: Object.keys(to), from, to },
      });
      return { ...current, ...to };
    });
  }

  return { moneySettings, updateMoneySettings };
}
