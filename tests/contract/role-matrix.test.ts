import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, getTableColumns, type Column } from 'drizzle-orm';
import { ALL_ROLES, contract, PARTNER_ROLES, PROCEDURE_NAMES, STAFF_ROLES, type ProcedureName } from '../../src-shared/contract';
import type { Access } from '../../src-shared/contract/procedure';
import type { PartnerRole, Role, StaffRole } from '../../src-shared/contract/roles';
import { engines, openTestApp, type TestApp } from '../support/engines';
import { call, rawCall, setUpWorkspace, staffWithRole, STRONG_PASSWORD } from '../support/actors';
import { freshSession, partnerUserSession } from '../support/sessions';
import { sampleFor, type SampleContext } from '../support/samples';
import { creditFixture, importFixture, leadFixture, leadPartnerFixture, partnerFixtures, payoutFixture } from '../support/sample-fixtures';
import { schemaTables } from '../support/db';
import { activePartner, portalUser } from '../support/portal-users';

/**
 * Every procedure of the contract × every kind of caller, through the real dispatch (SQLite
 * only: authorisation does not depend on the engine). The expectation is computed from the
 * contract's access rule, independently of dispatch's own `allowed()`.
 */

type Caller = { kind: 'staff'; role: StaffRole } | { kind: 'partner'; role: PartnerRole } | { kind: 'other_partner' } | { kind: 'signed_out' } | { kind: 'ended_session' } | { kind: 'other_workspace' };

const CALLERS: Caller[] = [
  ...STAFF_ROLES.map((role): Caller => ({ kind: 'staff', role })),
  { kind: 'signed_out' },
  // An admin's token after sign-out: must count for nothing.
  { kind: 'ended_session' },
  { kind: 'other_workspace' },
];

/**
 * Portal users of an active partner of workspace A, one per partner role, and the partner admin
 * of ANOTHER active partner of workspace A. They are tried on the procedures that serve partner
 * sessions (every portal.* one, leads, credits, the partner's payout reads and requests, their
 * own password); the samples' fixtures belong to the first partner, so an allowed call reaches a
 * row it may see, and the other partner's admin must meet those rows as missing.
 */
const PARTNER_CALLERS: Caller[] = [...PARTNER_ROLES.map((role): Caller => ({ kind: 'partner', role })), { kind: 'other_partner' }];
const PARTNER_PROCEDURES: ReadonlySet<string> = new Set(['payouts.balance', 'payouts.monthly', 'payouts.statistics', 'payouts.statement', 'payouts.request', 'payouts.requests', 'auth.changePassword', 'auth.session', 'auth.signOut']);
const triesPartnerCallers = (name: ProcedureName) => name.startsWith('leads.') || name.startsWith('portal.') || name.startsWith('credits.') || PARTNER_PROCEDURES.has(name);

const callerName = (c: Caller) => (c.kind === 'staff' || c.kind === 'partner' ? c.role : c.kind);

function mayCall(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'signed_in') return true;
  return access.includes(role);
}

describe('every procedure has a well-formed access rule, a doc and a sample input', () => {
  it.each(PROCEDURE_NAMES)('%s', (name) => {
    const procedure = contract[name];
    const access: unknown = procedure.access;
    expect(access, `${name} has no access rule`).toBeDefined();
    if (typeof access === 'string') {
      expect(['public', 'signed_in'], `${name}: unknown access rule`).toContain(access);
    } else {
      expect(Array.isArray(access), `${name}: access must be 'public', 'signed_in' or a list of roles`).toBe(true);
      const roles = access as unknown[];
      expect(roles.length, `${name}: an empty role list would lock everyone out`).toBeGreaterThan(0);
      for (const role of roles) expect(ALL_ROLES, `${name}: unknown role ${String(role)}`).toContain(role);
      expect(new Set(roles).size, `${name}: a role is listed twice`).toBe(roles.length);
    }
    expect(['query', 'mutation']).toContain(procedure.kind);
    expect(procedure.doc.trim().length, `${name} has no doc line`).toBeGreaterThan(10);
    const sample = sampleFor(name);
    expect(sample, `${name} has no sample input in tests/support/samples.ts: add one`).toBeDefined();
  });
});

describe('role matrix (sqlite)', () => {
  const sqlite = engines.find((e) => e.name === 'sqlite');
  if (!sqlite) throw new Error('the sqlite engine is always available');
  let app: TestApp;
  let ctx: SampleContext;
  const userIds = new Map<StaffRole, string>();
  let portalUserIds: Record<PartnerRole, string> | undefined;
  let otherPartnerAdminId = '';
  let tenantA = '';
  let tenantB = '';
  let outsiderId = '';
  let counter = 0;
  let adminToken = '';

  /** Fresh partner fixtures in workspace A, made by A's admin. */
  const fixtures = () => partnerFixtures((name, input) => call(app, name, input, adminToken), () => `F${++counter}`);
  const freshLead = () => leadFixture((name, input) => call(app, name, input, adminToken), ctx.leadPartnerId, () => `L${++counter}`);
  const freshCredit = () => creditFixture((name, input) => call(app, name, input, adminToken), ctx.leadPartnerId, () => `C${++counter}`);
  const freshPayout = () => payoutFixture((name, input) => call(app, name, input, adminToken), ctx.leadPartnerId, () => `P${++counter}`);

  beforeAll(async () => {
    app = await openTestApp(sqlite);
    const admin = await setUpWorkspace(app);
    tenantA = admin.tenantId;
    userIds.set('admin', admin.userId);
    for (const role of ['manager', 'finance', 'viewer'] as const) userIds.set(role, (await staffWithRole(app, admin.token, role)).userId);
    const target = await call(app, 'staff.add', { name: 'Tess Target', email: 'target@acme.test', role: 'viewer', password: STRONG_PASSWORD }, admin.token);
    // The outsider is the admin of workspace B only: a valid session, the highest role, the wrong tenant.
    const b = await call(app, 'workspaces.create', { name: 'Zeta Partners', currency: 'USD' }, admin.token);
    tenantB = b.id;
    await call(app, 'auth.switchWorkspace', { tenantId: tenantB }, admin.token);
    outsiderId = (await call(app, 'staff.add', { name: 'Otto Outsider', email: 'otto@zeta.test', role: 'admin', password: STRONG_PASSWORD }, admin.token)).userId;
    await call(app, 'auth.switchWorkspace', { tenantId: tenantA }, admin.token);
    adminToken = admin.token;
    const unique = () => `M${++counter}`;
    const leadPartner = await leadPartnerFixture((name, input) => call(app, name, input, adminToken), unique);
    portalUserIds = leadPartner.portalUserIds;
    // A portal user of the lead partner with a password of their own, for portal.signIn's sample.
    const portalSignInEmail = `portal-signin-${unique().toLowerCase()}@partner.test`;
    await portalUser(app, adminToken, leadPartner.leadPartnerId, { email: portalSignInEmail, role: 'partner_viewer' });
    // The other partner of the same workspace, with its admin.
    const otherPartner = await activePartner(app, adminToken);
    otherPartnerAdminId = (await portalUser(app, adminToken, otherPartner.id, { role: 'partner_admin' })).id;
    const partnerRows = await fixtures();
    const lead = await leadFixture((name, input) => call(app, name, input, adminToken), leadPartner.leadPartnerId, unique);
    const imported = await importFixture((name, input) => call(app, name, input, adminToken), leadPartner.leadPartnerId, unique);
    const credit = await creditFixture((name, input) => call(app, name, input, adminToken), leadPartner.leadPartnerId, unique);
    const payout = await payoutFixture((name, input) => call(app, name, input, adminToken), leadPartner.leadPartnerId, unique);
    ctx = { tenantId: tenantA, targetUserId: target.userId, signInEmail: 'viewer@acme.test', portalSignInEmail, unique, ...partnerRows, leadPartnerId: leadPartner.leadPartnerId, ...lead, ...imported, ...credit, ...payout };
  });
  afterAll(async () => {
    await app?.services.leads.whenImportSettled();
    await app?.services.payouts.whenRunsSettled();
    await app?.dispose();
  });

  /** Every row of workspace A, in every tenant-scoped table: a caller from workspace B must never change one. */
  async function workspaceARows(): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    for (const { name, table } of schemaTables(app.database)) {
      const columns = getTableColumns(table) as Record<string, Column>;
      const scope = name === 'tenants' ? columns.id : columns.tenantId;
      if (!scope) continue;
      const rows = await app.database.db.select().from(table).where(eq(scope, tenantA));
      out[name] = rows.map((r) => JSON.stringify(r)).sort();
    }
    return out;
  }

  const pairs = PROCEDURE_NAMES.flatMap((name) =>
    [...CALLERS, ...(triesPartnerCallers(name) ? PARTNER_CALLERS : [])].map((caller) => ({ name, caller, label: `${name} as ${callerName(caller)}` })),
  );

  it.each(pairs)('$label', async ({ name, caller }: { name: ProcedureName; caller: Caller }) => {
    const sample = sampleFor(name);
    if (!sample) throw new Error(`${name} has no sample input in tests/support/samples.ts`);
    const procedure = contract[name];
    const input = sample.input({ ...ctx, ...(sample.freshPartner ? await fixtures() : {}), ...(sample.freshLead ? await freshLead() : {}), ...(sample.freshCredit ? await freshCredit() : {}), ...(sample.freshPayout ? await freshPayout() : {}) });
    expect(procedure.input.safeParse(input).success, `the sample for ${name} must be valid`).toBe(true);

    // A fresh session per call: sign-out, workspace switches and disables must not leak into the next pair.
    let token: string | null = null;
    let role: Role | null = null;
    if (caller.kind === 'staff') {
      token = await freshSession(app, userIds.get(caller.role) ?? '', tenantA);
      role = caller.role;
    } else if (caller.kind === 'partner') {
      token = await partnerUserSession(app, portalUserIds?.[caller.role] ?? '', tenantA);
      role = caller.role;
    } else if (caller.kind === 'other_partner') {
      token = await partnerUserSession(app, otherPartnerAdminId, tenantA);
      role = 'partner_admin';
    } else if (caller.kind === 'other_workspace') {
      token = await freshSession(app, outsiderId, tenantB);
      role = 'admin';
    } else if (caller.kind === 'ended_session') {
      token = await freshSession(app, userIds.get('admin') ?? '', tenantA);
      await call(app, 'auth.signOut', {}, token);
    }
    // An import an earlier pair started finishes in the background: let it, so it cannot pass for this call's change.
    await app.services.leads.whenImportSettled();
    await app.services.payouts.whenRunsSettled();
    // A public call (sign-in of A's viewer, say) acts for nobody in particular: only non-public ones are compared.
    const before = caller.kind === 'other_workspace' && procedure.access !== 'public' ? await workspaceARows() : null;

    const outcome = await rawCall(app, name, input, token);
    const code = outcome.response.ok ? 'ok' : outcome.response.error.code;

    if (!mayCall(procedure.access, role)) {
      expect(code).toBe(role === null ? 'unauthenticated' : 'forbidden');
      return;
    }
    expect(['forbidden', 'unauthenticated'], `${name} must be allowed for ${callerName(caller)}`).not.toContain(code);
    expect(code, `${name} crashed: ${JSON.stringify(outcome.response)}`).not.toBe('internal');
    const byRule = sample.refusedByRule !== undefined && code === sample.refusedByRule && !outcome.response.ok && outcome.response.error.field === undefined;
    if (!byRule) expect(code, `the sample for ${name} was refused: ${JSON.stringify(outcome.response)}`).not.toBe('validation');
    // Another partner's user: the first partner's rows (its lead, credit, payout, import) behave as missing.
    if (caller.kind === 'other_partner' && sample.refersToWorkspaceRows) expect(code, `${name} reached a row of another partner`).toBe('not_found');
    if (caller.kind === 'other_workspace') {
      if (sample.refersToWorkspaceRows) expect(code, `${name} reached a row of another workspace`).toBe('not_found');
      if (before) expect(await workspaceARows(), `${name} from another workspace changed workspace A`).toEqual(before);
    }
  });

  it('the outsider really is outside workspace A', async () => {
    const { memberships } = app.database.t;
    const rows = await app.database.db.select().from(memberships).where(and(eq(memberships.userId, outsiderId), eq(memberships.tenantId, tenantA)));
    expect(rows).toEqual([]);
  });
});
