import { activityHash, GENESIS_HASH } from '../src-main/domain/audit-chain';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '../src-main/data/schema/logical';
import type { StaffRole } from '../src-shared/contract/roles';
import { generatePartners, partnerFacts, PARTNERS_START_MS, type PartnerData, type PartnerFacts, type PartnerRow } from './partners';
import { emptyLeadFacts, type LeadFacts, type LeadPlanInput } from './leads';
import { int, pick, prng, uuidV7At, type Rand } from './random';

export { prng, uuidV7At, type Rand } from './random';

/**
 * Deterministic seed-scale data for one tenant. Everything is a pure function of (seed, scale,
 * partners): the same run on SQLite and Postgres loads the same rows, so their figures are comparable.
 *
 * The full product scale is 10,000 partners, 1,000,000 leads and 1,000,000 payout lines. Generated
 * so far: tenant, staff, memberships, the audit trail (scaled by BENCH_SCALE), the partners
 * with their KYC documents and portal users (./partners.ts; 10,000, or BENCH_PARTNERS, whatever
 * the scale), and the leads (./leads.ts; 1,000,000 × BENCH_SCALE) over those partners.
 * TODO(payouts slice): generate 1,000,000 payout lines (× BENCH_SCALE) here, and load them in
 * ./load.ts, once their tables exist.
 */

// ---------------------------------------------------------------------------------------------
// The plan: sizes derived from the scale

export interface DatasetSpec {
  /** Multiplier on the seed scale (BENCH_SCALE); 1 = 1,000,000 activity rows. Does not change the partner count. */
  scale: number;
  seed: number;
  /** Partners in the tenant (BENCH_PARTNERS); default SEED_SCALE.partners. */
  partners?: number;
}

export const SEED_SCALE = {
  activity: 1_000_000,
  staff: 50,
  partners: 10_000,
} as const;

/** Every staff user's password (they all share one argon2id hash, computed once with the app's parameters). */
export const BENCH_PASSWORD = 'orbit lantern cobalt meadow 7';

export interface StaffUserRow {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  createdAt: Date;
}

export interface TenantRow {
  id: string;
  name: string;
  currency: string;
  settings: TenantSettings;
  createdAt: Date;
}

export interface ActivityRow {
  id: string;
  tenantId: string;
  seq: number;
  at: Date;
  actorType: 'staff' | 'partner_user' | 'system' | 'anonymous';
  actorId: string | null;
  actorName: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** What operations need to know about the loaded data (ids to look up, a mid-trail seq, …). */
export interface DatasetFacts {
  tenant: TenantRow;
  staff: StaffUserRow[];
  admin: StaffUserRow;
  password: string;
  /** Rows in the tenant's chain after loading (seq 1..activityRows); the head points at the last. */
  activityRows: number;
  /** A mid-frequency action, for the filtered page. */
  filterAction: string;
  /** The portal users, actors of the trail's partner-side events. */
  partnerUsers: { id: string; name: string }[];
  partners: PartnerFacts;
  /** One week in the middle of the trail, for the date-range page. */
  activityWeek: { from: string; to: string };
  /** Filled while the leads are generated (at load time), read by the lead operations after it. */
  leads: LeadFacts;
}

export interface DatasetPlan {
  spec: DatasetSpec;
  facts: DatasetFacts;
  /** The rows of partners, partner_documents and partner_users, loaded as they are. */
  partnerData: PartnerData;
  /** What the lead generator (./leads.ts leadBatches) needs. */
  leadPlan: LeadPlanInput;
  /** First and last `at` of the synthetic trail (the rows appended by the bench itself come later). */
  startMs: number;
  endMs: number;
}

const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Ken', 'Margaret', 'Linus', 'Frances', 'Dennis', 'Radia', 'Tim', 'Hedy', 'Donald', 'Karen', 'John'];
const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Thompson', 'Hamilton', 'Torvalds', 'Allen', 'Ritchie', 'Perlman', 'Berners-Lee', 'Lamarr', 'Knuth', 'Jones', 'Backus'];

export function planDataset(spec: DatasetSpec): DatasetPlan {
  const r = prng(spec.seed);
  // A fixed window in the past: rows appended by the bench (sign-ins) are newer than all of these.
  const startMs = Date.UTC(2023, 0, 1);
  const endMs = Date.UTC(2025, 0, 1);
  const tenant: TenantRow = {
    id: uuidV7At(startMs, r),
    name: 'Bench Partners',
    currency: 'EUR',
    settings: DEFAULT_TENANT_SETTINGS,
    // The workspace (and its staff) predate the partners, whose creation spreads over 2022–2024.
    createdAt: new Date(PARTNERS_START_MS),
  };
  const staff: StaffUserRow[] = [];
  for (let i = 0; i < SEED_SCALE.staff; i++) {
    const role: StaffRole = i === 0 ? 'admin' : i < 4 ? 'admin' : pick(r, ['manager', 'manager', 'finance', 'viewer'] as const);
    const name = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 7 + Math.floor(i / LAST_NAMES.length)) % LAST_NAMES.length]}`;
    staff.push({
      id: uuidV7At(startMs + i, r),
      email: `staff${String(i).padStart(3, '0')}@bench.test`,
      name,
      role,
      createdAt: new Date(PARTNERS_START_MS + i),
    });
  }
  const partnerData = generatePartners({
    seed: spec.seed,
    count: Math.max(100, Math.round(spec.partners ?? SEED_SCALE.partners)),
    tenantId: tenant.id,
    reviewers: staff.filter((s) => s.role === 'admin'),
    deciders: staff.filter((s) => s.role === 'admin' || s.role === 'manager'),
  });
  const leadPlan: LeadPlanInput = {
    seed: spec.seed,
    scale: spec.scale,
    tenantId: tenant.id,
    partnerData,
    deciders: staff.filter((s) => s.role === 'admin' || s.role === 'manager'),
    // The 12 months up to the start of the run, to the minute: the bench's own submissions come after them.
    endMs: Math.floor(Date.now() / 60_000) * 60_000 - 60_000,
  };
  const weekFrom = Math.floor((startMs + endMs) / 2 / 86_400_000) * 86_400_000;
  const admin = staff[0] as StaffUserRow;
  return {
    spec,
    startMs,
    endMs,
    partnerData,
    leadPlan,
    facts: {
      tenant,
      staff,
      admin,
      password: BENCH_PASSWORD,
      activityRows: Math.max(100, Math.round(SEED_SCALE.activity * spec.scale)),
      filterAction: 'partner.approved',
      partnerUsers: partnerData.users.map((u) => ({ id: u.id, name: u.name })),
      partners: partnerFacts(partnerData, spec.seed),
      activityWeek: { from: new Date(weekFrom).toISOString(), to: new Date(weekFrom + 7 * 86_400_000 - 1).toISOString() },
      leads: emptyLeadFacts(leadPlan),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The audit trail: a valid hash chain, seq 1..N

interface ActionKind {
  action: string;
  /** Relative frequency. */
  weight: number;
  resourceType: string;
  actor: 'staff' | 'partner_user' | 'system' | 'anonymous';
  resource(r: Rand, ctx: RowContext): string | null;
  details(r: Rand, ctx: RowContext): Record<string, unknown>;
}

interface RowContext {
  ms: number;
  staff: StaffUserRow;
  partnerId: string;
  partner: PartnerRow;
  plan: DatasetPlan;
}

const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'won', 'lost'];

const ACTIONS: ActionKind[] = [
  { action: 'auth.signed_in', weight: 250, resourceType: 'staff_user', actor: 'staff', resource: (_r, c) => c.staff.id, details: () => ({}) },
  { action: 'auth.signed_out', weight: 80, resourceType: 'staff_user', actor: 'staff', resource: (_r, c) => c.staff.id, details: () => ({}) },
  {
    action: 'auth.sign_in_failed',
    weight: 20,
    resourceType: 'staff_user',
    actor: 'staff',
    resource: (_r, c) => c.staff.id,
    details: (r) => ({ reason: 'wrong_password', consecutiveFailures: int(r, 1, 4) }),
  },
  {
    action: 'partner.created',
    weight: 40,
    resourceType: 'partner',
    actor: 'staff',
    resource: (_r, c) => c.partnerId,
    details: (_r, c) => ({ code: c.partner.code, type: c.partner.type, legalName: c.partner.legalName, country: c.partner.country }),
  },
  {
    action: 'partner.updated',
    weight: 120,
    resourceType: 'partner',
    actor: 'staff',
    resource: (_r, c) => c.partnerId,
    details: (r) => ({ fields: pick(r, [['email'], ['phone'], ['email', 'phone'], ['address'], ['iban'], ['commissionRateBp']]) }),
  },
  { action: 'partner.approved', weight: 30, resourceType: 'partner', actor: 'staff', resource: (_r, c) => c.partnerId, details: () => ({ from: 'pending', to: 'approved' }) },
  {
    action: 'partner.rejected',
    weight: 5,
    resourceType: 'partner',
    actor: 'staff',
    resource: (_r, c) => c.partnerId,
    details: (r) => ({ from: 'pending', to: 'rejected', reason: pick(r, ['kyc_failed', 'duplicate', 'out_of_region']) }),
  },
  {
    action: 'document.uploaded',
    weight: 50,
    resourceType: 'partner',
    actor: 'partner_user',
    resource: (_r, c) => c.partnerId,
    details: (r) => ({ type: pick(r, ['kyc_id', 'kyc_company', 'contract']), sizeBytes: int(r, 20_000, 4_000_000) }),
  },
  {
    action: 'lead.created',
    weight: 200,
    resourceType: 'lead',
    actor: 'partner_user',
    resource: (r, c) => uuidV7At(c.ms, r),
    details: (r, c) => ({ partnerId: c.partnerId, valueMinor: int(r, 1_000, 5_000_000) }),
  },
  {
    action: 'lead.status_changed',
    weight: 150,
    resourceType: 'lead',
    actor: 'staff',
    resource: (r, c) => uuidV7At(c.ms - int(r, 0, 86_400_000 * 30), r),
    details: (r) => ({ from: pick(r, LEAD_STATUSES), to: pick(r, LEAD_STATUSES) }),
  },
  {
    action: 'payout.line_added',
    weight: 40,
    resourceType: 'payout_line',
    actor: 'system',
    resource: (r, c) => uuidV7At(c.ms, r),
    details: (r, c) => ({ partnerId: c.partnerId, amountMinor: int(r, 100, 250_000), currency: c.plan.facts.tenant.currency }),
  },
  {
    action: 'payout.batch_approved',
    weight: 3,
    resourceType: 'payout_batch',
    actor: 'staff',
    resource: (r, c) => uuidV7At(c.ms, r),
    details: (r) => ({ lines: int(r, 10, 2_000), totalMinor: int(r, 100_000, 90_000_000) }),
  },
  {
    action: 'staff.role_changed',
    weight: 2,
    resourceType: 'staff_user',
    actor: 'staff',
    resource: (r, c) => pick(r, c.plan.facts.staff).id,
    details: (r) => ({ from: pick(r, ['manager', 'finance', 'viewer']), to: pick(r, ['manager', 'finance', 'viewer']) }),
  },
];

const TOTAL_WEIGHT = ACTIONS.reduce((sum, a) => sum + a.weight, 0);

function pickAction(r: Rand): ActionKind {
  let x = r() * TOTAL_WEIGHT;
  for (const a of ACTIONS) {
    x -= a.weight;
    if (x < 0) return a;
  }
  return ACTIONS[ACTIONS.length - 1] as ActionKind;
}

/**
 * Yields the trail in seq order, `batchSize` rows at a time. Each row's hash is computed with the
 * app's own `activityHash` over the previous one, keyed with the store's audit key (a fresh
 * trail is keyed from seq 1), starting from the genesis hash, so the loaded chain verifies and
 * appends made later by the service continue it.
 */
export function* activityBatches(plan: DatasetPlan, batchSize: number, auditKey: Buffer): Generator<ActivityRow[], { seq: number; hash: string }> {
  const r = prng(plan.spec.seed ^ 0x5eed);
  const { tenant, staff, partnerUsers, activityRows } = plan.facts;
  const { partners } = plan.partnerData;
  const step = (plan.endMs - plan.startMs) / activityRows;
  let prevHash = GENESIS_HASH;
  let batch: ActivityRow[] = [];
  for (let seq = 1; seq <= activityRows; seq++) {
    const ms = Math.floor(plan.startMs + (seq - 1) * step + r() * step * 0.9);
    const kind = pickAction(r);
    const actorStaff = pick(r, staff);
    const partner = pick(r, partners);
    const ctx: RowContext = { ms, staff: actorStaff, partnerId: partner.id, partner, plan };
    const partnerUser = pick(r, partnerUsers);
    const actor =
      kind.actor === 'staff'
        ? { actorId: actorStaff.id, actorName: actorStaff.name }
        : kind.actor === 'partner_user'
          ? { actorId: partnerUser.id, actorName: partnerUser.name }
          : { actorId: null, actorName: 'System' };
    const content = {
      tenantId: tenant.id,
      seq,
      at: new Date(ms),
      actorType: kind.actor,
      ...actor,
      action: kind.action,
      resourceType: kind.resourceType,
      resourceId: kind.resource(r, ctx),
      details: kind.details(r, ctx),
    };
    const hash = activityHash(prevHash, content, auditKey);
    batch.push({ id: uuidV7At(ms, r), ...content, prevHash, hash });
    prevHash = hash;
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
  return { seq: activityRows, hash: prevHash };
}
