import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/engines';
import { call, STRONG_PASSWORD } from '../support/actors';
import { freshSession } from '../support/sessions';
import { callError } from '../support/outcomes';
import {
  actionsOf,
  audited,
  createPartner,
  ownWorkspace,
  partnerInput,
  partnerRow,
  setUpPartnerSuite,
  unchanged,
  unique,
  uploadDocument,
  type PartnerSuite,
} from '../support/partners';

/**
 * Partners: create (codes, validation), update (audited changes), the status workflow and the
 * list (filters, search, sort, paging, soft delete), through the real dispatch on every engine.
 * One app per engine; tests run in order and the code tests rely on being first.
 */
describe.each(engines)('partners: profile, status and list on $name', (engine) => {
  let s: PartnerSuite;
  const admin = () => s.admin.token;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  it('creates a partner with every field, normalised, in status pending, audited', async () => {
    // A workspace of its own (with a viewer): the first vendor code there is VE-0001, whatever ran before.
    const { app } = s;
    const { tenantId, token } = await ownWorkspace(s);
    const admin = () => token;
    const vera = await call(app, 'staff.add', { name: 'Vera Viewer', email: `vera-${unique()}@acme.test`, role: 'viewer', password: STRONG_PASSWORD }, token);
    const viewer = { token: await freshSession(app, vera.userId, tenantId) };
    const { result: partner, row } = await audited(app, tenantId, ['partner.created'], () =>
      call(
        app,
        'partners.create',
        {
          type: 'vendor',
          legalName: '  Müller Logistik GmbH ',
          displayName: 'Müller Logistics',
          contact: { name: 'Maria Müller', email: 'Maria.Mueller@Mueller.TEST', phone: '+49 30 1234567' },
          address: { line1: 'Hauptstraße 1', line2: 'Hinterhaus', city: 'Berlin', postalCode: '10115', region: 'Berlin' },
          country: 'de',
          taxId: 'de 123456789',
          terms: { commissionModel: 'hybrid', rateBp: 1250, fixedPriceMinor: 5000, tier: 'gold', monthlyLeadQuota: 25 },
          payoutMethod: 'wire',
        },
        admin(),
      ),
    );
    expect(partner).toEqual({
      id: expect.any(String),
      code: 'VE-0001',
      type: 'vendor',
      legalName: 'Müller Logistik GmbH',
      displayName: 'Müller Logistics',
      status: 'pending',
      kycStatus: 'not_started',
      tier: 'gold',
      country: 'DE',
      contactEmail: 'maria.mueller@mueller.test',
      createdAt: expect.any(String),
      updatedAt: partner.createdAt,
      contact: { name: 'Maria Müller', email: 'maria.mueller@mueller.test', phone: '+49 30 1234567' },
      address: { line1: 'Hauptstraße 1', line2: 'Hinterhaus', city: 'Berlin', postalCode: '10115', region: 'Berlin' },
      taxId: 'DE 123456789',
      terms: { commissionModel: 'hybrid', rateBp: 1250, fixedPriceMinor: 5000, tier: 'gold', monthlyLeadQuota: 25 },
      payoutMethod: 'wire',
      banking: null,
      bankingOnHold: false,
      bankingVerifiedAt: null,
      kyc: {
        status: 'not_started',
        missing: ['tax_form', 'identity', 'bank_proof', 'agreement'],
        expired: [],
        rejected: [],
        awaitingReview: [],
        decidedAt: null,
        decidedBy: null,
      },
      statusReason: null,
      statusChangedAt: partner.createdAt,
      // What the admin may do now: approval waits for verified KYC (the default rule), with the reason shown.
      actions: [
        { action: 'approve', enabled: false, reason: "This workspace approves partners only with verified KYC, and this partner's KYC has not started.", needsReason: false },
        { action: 'reject', enabled: true, reason: null, needsReason: true },
      ],
      operations: [
        { action: 'partners.kyc.verify', enabled: false, reason: 'KYC cannot be signed off yet (missing: tax form, identity, bank proof, agreement)', needsReason: false },
        { action: 'partners.kyc.reject', enabled: true, reason: null, needsReason: true },
      ],
    });
    // The same partner for a viewer, who may take none of these.
    expect(await call(app, 'partners.get', { id: partner.id }, viewer.token)).toEqual({ ...partner, actions: [], operations: [] });
    expect(row).toMatchObject({
      actorType: 'staff',
      actorId: s.admin.userId,
      resourceType: 'partner',
      resourceId: partner.id,
      details: { code: 'VE-0001', type: 'vendor', legalName: 'Müller Logistik GmbH', terms: partner.terms },
    });

    // Defaults: display name = legal name, bronze, no quota, bank transfer; the unused model field is zeroed.
    const minimal = await createPartner(app, admin(), {
      type: 'customer',
      legalName: 'Minimal Ltd',
      terms: { commissionModel: 'percentage', rateBp: 700, fixedPriceMinor: 999 },
    });
    expect(minimal).toMatchObject({
      code: 'CU-0001',
      displayName: 'Minimal Ltd',
      terms: { commissionModel: 'percentage', rateBp: 700, fixedPriceMinor: 0, tier: 'bronze', monthlyLeadQuota: 0 },
      payoutMethod: 'bank_transfer',
      address: { line1: null, line2: null, city: null, postalCode: null, region: null },
      taxId: null,
      contact: { phone: null },
    });
  });

  it('generates codes per type, keeps a given code, and never reuses one (not even a deleted one)', async () => {
    // A workspace of its own: the sequences below start from nothing, whatever ran before.
    const { app } = s;
    const { tenantId, token } = await ownWorkspace(s);
    const admin = () => token;
    const codeOf = async (overrides: Parameters<typeof createPartner>[2]) => (await createPartner(app, admin(), overrides)).code;
    expect(await codeOf({ type: 'vendor' })).toBe('VE-0001');
    expect(await codeOf({ type: 'channel_partner' })).toBe('CP-0001');
    expect(await codeOf({ type: 'channel_partner' })).toBe('CP-0002');
    expect(await codeOf({ type: 'portal' })).toBe('PO-0001');
    expect(await codeOf({ type: 'vendor' })).toBe('VE-0002');
    expect(await codeOf({ type: 'channel_partner', code: ' acme-eu ' })).toBe('ACME-EU');
    expect(await codeOf({ type: 'channel_partner', code: '' })).toBe('CP-0003'); // empty = generate
    // A hand-typed code in the generated shape moves the sequence on.
    expect(await codeOf({ type: 'channel_partner', code: 'CP-0010' })).toBe('CP-0010');
    const eleven = await createPartner(app, admin(), { type: 'channel_partner' });
    expect(eleven.code).toBe('CP-0011');

    const duplicate = partnerInput({ code: 'acme-eu' });
    const taken = await unchanged(app, () => callError(app, 'partners.create', duplicate, admin()));
    expect(taken).toEqual({ code: 'validation', field: 'code', message: expect.stringMatching(/ACME-EU is already used/) });

    // Soft-deleted: gone from the list, but its code stays taken (documented decision: codes
    // appear in the audit trail, statements and payment references).
    const gone = await createPartner(app, admin(), { code: 'GONE-1' });
    await audited(app, tenantId, ['partner.deleted'], () => call(app, 'partners.delete', { id: gone.id, reason: 'Duplicate entry' }, admin()), gone.id);
    await audited(app, tenantId, ['partner.deleted'], () => call(app, 'partners.delete', { id: eleven.id }, admin()), eleven.id);
    expect(await unchanged(app, () => callError(app, 'partners.create', partnerInput({ code: 'gone-1' }), admin()))).toMatchObject({
      code: 'validation',
      field: 'code',
      message: expect.stringMatching(/never reused/),
    });
    // The deleted CP-0011 still counts: the next generated code is CP-0012.
    expect(await codeOf({ type: 'channel_partner' })).toBe('CP-0012');
  });

  it('refuses bad create input naming the dotted field, and writes nothing', async () => {
    const { app } = s;
    const valid = partnerInput();
    const cases: { input: Record<string, unknown>; field: string | undefined; message?: RegExp }[] = [
      { input: { ...valid, terms: { commissionModel: 'percentage', rateBp: -1 } }, field: 'terms.rateBp', message: /between 0% and 100%/ },
      { input: { ...valid, terms: { commissionModel: 'percentage', rateBp: 10_001 } }, field: 'terms.rateBp', message: /between 0% and 100%/ },
      { input: { ...valid, terms: { commissionModel: 'percentage', rateBp: 12.5 } }, field: 'terms.rateBp', message: /whole number/ },
      { input: { ...valid, terms: { commissionModel: 'fixed', fixedPriceMinor: -100 } }, field: 'terms.fixedPriceMinor', message: /negative/ },
      { input: { ...valid, terms: { commissionModel: 'fixed', fixedPriceMinor: 10.5 } }, field: 'terms.fixedPriceMinor' },
      { input: { ...valid, terms: { commissionModel: 'royalty' } }, field: 'terms.commissionModel' },
      { input: { ...valid, terms: { commissionModel: 'fixed', tier: 'diamond' } }, field: 'terms.tier' },
      { input: { ...valid, contact: { name: 'Pat', email: 'pat-at-partner' } }, field: 'contact.email' },
      { input: { ...valid, contact: { name: '', email: 'pat@partner.test' } }, field: 'contact.name' },
      { input: { ...valid, contact: { name: 'Pat', email: 'pat@partner.test', phone: 'call me' } }, field: 'contact.phone' },
      { input: { ...valid, country: 'ZZ' }, field: 'country', message: /Unknown country/ },
      { input: { ...valid, country: 'Germany' }, field: 'country' },
      { input: { ...valid, legalName: 'L'.repeat(300) }, field: 'legalName', message: /at most 200/ },
      { input: { ...valid, legalName: '   ' }, field: 'legalName', message: /required/ },
      { input: { ...valid, code: 'CP 42' }, field: 'code' },
      { input: { ...valid, type: 'reseller' }, field: 'type' },
      { input: { ...valid, payoutMethod: 'cash' }, field: 'payoutMethod' },
      { input: { ...valid, address: { city: 'Berlin', country: 'DE' } }, field: 'address', message: /Unknown field: country/ },
      // Status, tenant and banking are never set through create.
      { input: { ...valid, status: 'active' }, field: undefined, message: /Unknown field: status/ },
      { input: { ...valid, tenantId: s.tenantId }, field: undefined, message: /Unknown field: tenantId/ },
    ];
    const before = await call(app, 'partners.list', { limit: 1 }, admin());
    await unchanged(app, async () => {
      for (const { input, field, message } of cases) {
        const error = await callError(app, 'partners.create', input, admin());
        expect({ input, code: error.code, field: error.field }).toEqual({ input, code: 'validation', field });
        if (message) expect(error.message).toMatch(message);
      }
    });
    expect((await call(app, 'partners.list', { limit: 1 }, admin())).total).toBe(before.total);
    // Only admins create partners.
    for (const role of ['manager', 'finance', 'viewer'] as const) {
      expect(await unchanged(app, () => callError(app, 'partners.create', valid, s.staff[role].token))).toMatchObject({ code: 'forbidden' });
    }
  });

  it('update records each change with from/to; a no-op update writes nothing', async () => {
    const { app, tenantId } = s;
    const partner = await createPartner(app, admin(), { legalName: 'Before Name AG', terms: { commissionModel: 'percentage', rateBp: 1000 } });
    const { result: updated, row } = await audited(
      app,
      tenantId,
      ['partner.updated'],
      () =>
        call(
          app,
          'partners.update',
          {
            id: partner.id,
            legalName: 'After Name AG',
            contact: { name: 'Pat Partner', email: 'NEW-contact@partner.test' },
            terms: { commissionModel: 'fixed', rateBp: 1500, fixedPriceMinor: 2500, tier: 'silver' },
            address: { city: 'Vienna' },
            country: 'at',
          },
          admin(),
        ),
      partner.id,
    );
    expect(updated).toMatchObject({
      id: partner.id,
      code: partner.code,
      legalName: 'After Name AG',
      displayName: 'Before Name AG', // not derived again: it was set when created
      contactEmail: 'new-contact@partner.test',
      country: 'AT',
      tier: 'silver',
      terms: { commissionModel: 'fixed', rateBp: 0, fixedPriceMinor: 2500, tier: 'silver', monthlyLeadQuota: 0 },
      address: { line1: null, line2: null, city: 'Vienna', postalCode: null, region: null },
      status: 'pending',
    });
    expect(updated.updatedAt > partner.updatedAt).toBe(true);
    expect(row?.details).toEqual({
      code: partner.code,
      changes: {
        legalName: { from: 'Before Name AG', to: 'After Name AG' },
        contactEmail: { from: partner.contactEmail, to: 'new-contact@partner.test' },
        address: {
          from: { line1: null, line2: null, city: null, postalCode: null, region: null },
          to: { line1: null, line2: null, city: 'Vienna', postalCode: null, region: null },
        },
        country: { from: 'DE', to: 'AT' },
        commissionModel: { from: 'percentage', to: 'fixed' },
        rateBp: { from: 1000, to: 0 },
        fixedPriceMinor: { from: 0, to: 2500 },
        tier: { from: 'bronze', to: 'silver' },
      },
    });
    expect(await call(app, 'partners.get', { id: partner.id }, admin())).toEqual(updated);

    // The same values again (and an empty update): no row touched, no activity.
    const again = await unchanged(app, () =>
      call(
        app,
        'partners.update',
        {
          id: partner.id,
          legalName: 'After Name AG',
          country: 'AT',
          contact: { name: 'Pat Partner', email: 'new-contact@partner.test' },
          address: { city: 'Vienna' },
          terms: { commissionModel: 'fixed', fixedPriceMinor: 2500, tier: 'silver' },
        },
        admin(),
      ),
    );
    expect(again).toEqual(updated);
    await unchanged(app, () => call(app, 'partners.update', { id: partner.id }, admin()));

    // A code change is audited; another partner's code is refused.
    const other = await createPartner(app, admin(), { code: `TAKEN-${unique()}` });
    const { row: codeRow } = await audited(app, tenantId, ['partner.updated'], () => call(app, 'partners.update', { id: partner.id, code: 'after-1' }, admin()));
    expect(codeRow?.details).toEqual({ code: 'AFTER-1', changes: { code: { from: partner.code, to: 'AFTER-1' } } });
    await unchanged(app, async () => {
      expect(await callError(app, 'partners.update', { id: partner.id, code: other.code }, admin())).toMatchObject({ code: 'validation', field: 'code' });
      expect(await callError(app, 'partners.update', { id: partner.id, terms: { commissionModel: 'percentage', rateBp: 20_000 } }, admin())).toMatchObject({
        code: 'validation',
        field: 'terms.rateBp',
      });
      expect(await callError(app, 'partners.update', { id: partner.id, status: 'active' }, admin())).toMatchObject({ code: 'validation' });
      expect(await callError(app, 'partners.update', { id: partner.id, legalName: 'X' }, s.staff.manager.token)).toMatchObject({ code: 'forbidden' });
      expect(await callError(app, 'partners.update', { id: randomUUID(), legalName: 'X' }, admin())).toMatchObject({ code: 'not_found' });
    });
  });

  it('runs the status workflow end to end through dispatch, each step audited', async () => {
    const { app, tenantId } = s;
    const { manager, finance, viewer } = s.staff;
    const partner = await createPartner(app, admin());
    const id = partner.id;

    // The workspace requires verified KYC (the default): approval is refused, nothing written.
    expect(await call(app, 'workspaces.settings', {}, admin())).toEqual({ approvalNeedsVerifiedKyc: true, timeZone: 'UTC' });
    const refused = await unchanged(app, () => callError(app, 'partners.approve', { id }, admin()));
    expect(refused).toEqual({ code: 'invalid_transition', message: expect.stringMatching(/verified KYC.*has not started/) });

    // Roles: finance and viewer decide nothing (forbidden before anything is looked at).
    await unchanged(app, async () => {
      for (const token of [finance.token, viewer.token]) {
        for (const name of ['partners.approve', 'partners.reinstate', 'partners.reapply']) {
          expect(await callError(app, name, { id, note: 'please' }, token)).toMatchObject({ code: 'forbidden' });
        }
        for (const name of ['partners.reject', 'partners.suspend', 'partners.deactivate']) {
          expect(await callError(app, name, { id, reason: 'because' }, token)).toMatchObject({ code: 'forbidden' });
        }
      }
    });

    await audited(app, tenantId, ['workspace.settings_changed'], () => call(app, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: false }, admin()));
    try {
      // pending → active, by a manager; approvedBy/approvedAt recorded on the row.
      const { result: active, row } = await audited(app, tenantId, ['partner.approved'], () => call(app, 'partners.approve', { id, note: 'Known reseller' }, manager.token), id);
      expect(active).toMatchObject({ status: 'active', kycStatus: 'not_started', statusReason: 'Known reseller', actions: [{ action: 'suspend', enabled: true, needsReason: true }, { action: 'deactivate', enabled: true, needsReason: true }] });
      expect(row).toMatchObject({ actorId: manager.userId, details: { code: partner.code, from: 'pending', to: 'active', reason: 'Known reseller' } });
      const stored = await partnerRow(app, id);
      expect(stored.approvedBy).toBe(manager.userId);
      expect(stored.approvedAt).toBeInstanceOf(Date);
      expect(stored.approvedAt?.toISOString()).toBe(active.statusChangedAt);

      // A reason is required where DOMAIN.md marks it.
      await unchanged(app, async () => {
        expect(await callError(app, 'partners.suspend', { id }, admin())).toMatchObject({ code: 'validation', field: 'reason' });
        expect(await callError(app, 'partners.suspend', { id, reason: '   ' }, admin())).toMatchObject({ code: 'validation', field: 'reason' });
        expect(await callError(app, 'partners.deactivate', { id, reason: '' }, admin())).toMatchObject({ code: 'validation', field: 'reason' });
      });

      const steps: { name: string; input: Record<string, unknown>; action: string; to: string; reason: string | null; token: string }[] = [
        { name: 'partners.suspend', input: { reason: 'Chargebacks' }, action: 'partner.suspended', to: 'suspended', reason: 'Chargebacks', token: manager.token },
        { name: 'partners.reinstate', input: {}, action: 'partner.reinstated', to: 'active', reason: null, token: admin() },
        { name: 'partners.deactivate', input: { reason: 'Contract ended' }, action: 'partner.deactivated', to: 'inactive', reason: 'Contract ended', token: admin() },
        { name: 'partners.reinstate', input: { note: 'New contract' }, action: 'partner.reinstated', to: 'active', reason: 'New contract', token: manager.token },
        { name: 'partners.suspend', input: { reason: 'Audit' }, action: 'partner.suspended', to: 'suspended', reason: 'Audit', token: admin() },
        { name: 'partners.deactivate', input: { reason: 'Audit failed' }, action: 'partner.deactivated', to: 'inactive', reason: 'Audit failed', token: manager.token },
      ];
      let from = 'active';
      for (const step of steps) {
        const { result, row: stepRow } = await audited(app, tenantId, [step.action], () => call(app, step.name as 'partners.suspend', { id, ...step.input } as { id: string; reason: string }, step.token), id);
        expect(result).toMatchObject({ status: step.to, statusReason: step.reason });
        expect(stepRow?.details).toEqual({ code: partner.code, from, to: step.to, ...(step.reason ? { reason: step.reason } : {}) });
        from = step.to;
      }

      // Rejection and re-application.
      const other = await createPartner(app, admin());
      await unchanged(app, async () => {
        expect(await callError(app, 'partners.reject', { id: other.id }, admin())).toMatchObject({ code: 'validation', field: 'reason' });
      });
      const { result: rejected } = await audited(app, tenantId, ['partner.rejected'], () => call(app, 'partners.reject', { id: other.id, reason: 'Incomplete application' }, manager.token), other.id);
      expect(rejected).toMatchObject({ status: 'rejected', statusReason: 'Incomplete application', actions: [{ action: 'reapply', enabled: true }] });
      const { result: reapplied } = await audited(app, tenantId, ['partner.reapplied'], () => call(app, 'partners.reapply', { id: other.id }, admin()), other.id);
      expect(reapplied).toMatchObject({ status: 'pending', statusReason: null, actions: [{ action: 'approve', enabled: true, reason: null }, { action: 'reject', enabled: true }] });
      await audited(app, tenantId, ['partner.approved'], () => call(app, 'partners.approve', { id: other.id }, admin()), other.id);
      expect((await partnerRow(app, other.id)).approvedBy).toBe(s.admin.userId);

      // Anything the table does not allow is refused, and nothing is written.
      const pending = await createPartner(app, admin());
      await unchanged(app, async () => {
        const illegal: [string, string, Record<string, unknown>][] = [
          [pending.id, 'partners.reinstate', {}],
          [pending.id, 'partners.suspend', { reason: 'x' }],
          [pending.id, 'partners.deactivate', { reason: 'x' }],
          [pending.id, 'partners.reapply', {}],
          [other.id, 'partners.approve', {}], // already active
          [other.id, 'partners.reject', { reason: 'x' }],
          [id, 'partners.suspend', { reason: 'x' }], // inactive
          [id, 'partners.approve', {}],
        ];
        for (const [target, name, input] of illegal) {
          const error = await callError(app, name, { id: target, ...input }, admin());
          expect({ name, error }).toEqual({ name, error: { code: 'invalid_transition', message: expect.stringMatching(/^Cannot .* a partner that is (pending|active|inactive)\.$/) } });
        }
        expect(await callError(app, 'partners.approve', { id: randomUUID() }, manager.token)).toEqual({ code: 'not_found', message: 'Partner not found', field: 'id' });
      });
    } finally {
      await call(app, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: true }, admin());
    }
  });

  it('lists with filters, case-insensitive literal search, sort and paging; deleted partners vanish but keep their trail', async () => {
    const { app, tenantId } = s;
    const make = (legalName: string, type: 'channel_partner' | 'vendor' | 'customer' | 'portal', tier: 'bronze' | 'silver' | 'gold', email: string) =>
      createPartner(app, admin(), { legalName, type, contact: { name: 'List Person', email }, terms: { commissionModel: 'fixed', fixedPriceMinor: 100, tier } });
    const charlie = await make('Charlie Retail', 'customer', 'gold', 'c@zsort.test');
    const alpha = await make('Alpha Widgets', 'channel_partner', 'gold', 'Alpha.Contact@ZSORT.test');
    const delta = await make('Delta Portal', 'portal', 'bronze', 'd@zsort.test');
    const bravo = await make('Bravo Supplies', 'vendor', 'silver', 'b@zsort.test');
    const list = (input: Record<string, unknown>, token = admin()) => call(app, 'partners.list', input as { q: string }, token);
    const names = async (input: Record<string, unknown>) => (await list(input)).rows.map((r) => r.legalName);

    // Newest first by default; every row is a summary of its partner.
    const all = await list({ q: 'zsort' }, s.staff.viewer.token);
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => r.id)).toEqual([bravo.id, delta.id, alpha.id, charlie.id]);
    expect(all.rows[2]).toEqual({
      id: alpha.id,
      code: alpha.code,
      type: 'channel_partner',
      legalName: 'Alpha Widgets',
      displayName: 'Alpha Widgets',
      status: 'pending',
      kycStatus: 'not_started',
      tier: 'gold',
      country: 'DE',
      contactEmail: 'alpha.contact@zsort.test',
      createdAt: alpha.createdAt,
      updatedAt: alpha.updatedAt,
    });

    // Sort by legal name, both ways; paging keeps the total.
    expect(await names({ q: 'zsort', sort: { field: 'legalName', direction: 'asc' } })).toEqual(['Alpha Widgets', 'Bravo Supplies', 'Charlie Retail', 'Delta Portal']);
    expect(await names({ q: 'zsort', sort: { field: 'legalName', direction: 'desc' } })).toEqual(['Delta Portal', 'Charlie Retail', 'Bravo Supplies', 'Alpha Widgets']);
    const page = await list({ q: 'zsort', sort: { field: 'legalName' }, limit: 2 });
    expect({ total: page.total, names: page.rows.map((r) => r.legalName) }).toEqual({ total: 4, names: ['Alpha Widgets', 'Bravo Supplies'] });
    const next = await list({ q: 'zsort', sort: { field: 'legalName' }, limit: 2, cursor: page.nextCursor });
    expect({ total: next.total, names: next.rows.map((r) => r.legalName), nextCursor: next.nextCursor }).toEqual({ total: 4, names: ['Charlie Retail', 'Delta Portal'], nextCursor: null });

    // Filters, combined with the search.
    expect(await names({ q: 'zsort', type: 'vendor' })).toEqual(['Bravo Supplies']);
    expect(await names({ q: 'zsort', tier: 'gold', sort: { field: 'legalName' } })).toEqual(['Alpha Widgets', 'Charlie Retail']);
    await call(app, 'partners.reject', { id: charlie.id, reason: 'Out of region' }, admin());
    expect(await names({ q: 'zsort', status: 'rejected' })).toEqual(['Charlie Retail']);
    expect(await names({ q: 'zsort', status: 'pending', type: 'customer' })).toEqual([]);
    await uploadDocument(app, admin(), bravo.id, 'tax_form');
    expect(await names({ q: 'zsort', kycStatus: 'submitted' })).toEqual(['Bravo Supplies']);
    expect(await names({ q: 'zsort', kycStatus: 'not_started', sort: { field: 'legalName' } })).toEqual(['Alpha Widgets', 'Charlie Retail', 'Delta Portal']);

    // Search: name, code and contact e-mail, whatever the case.
    expect(await names({ q: 'ALPHA widg' })).toEqual(['Alpha Widgets']);
    expect(await names({ q: alpha.code.toLowerCase() })).toEqual(['Alpha Widgets']);
    expect(await names({ q: 'ALPHA.CONTACT@zsort' })).toEqual(['Alpha Widgets']);
    expect(await names({ q: 'no such partner anywhere' })).toEqual([]);

    // % and _ are literal characters, not wildcards.
    await make('Fifty% Partners', 'vendor', 'bronze', 'f1@zlike.test');
    await make('Fiftyx Partners', 'vendor', 'bronze', 'f2@zlike.test');
    await make('Under_Line GmbH', 'vendor', 'bronze', 'u1@zlike.test');
    await make('UnderXLine GmbH', 'vendor', 'bronze', 'u2@zlike.test');
    expect(await names({ q: 'fifty%' })).toEqual(['Fifty% Partners']);
    expect(await names({ q: 'under_line' })).toEqual(['Under_Line GmbH']);
    expect(await names({ q: '%' })).toEqual(['Fifty% Partners']);
    expect(await names({ q: '_' })).toEqual(['Under_Line GmbH']);
    expect((await list({ q: 'zlike' })).total).toBe(4);

    // Bad list input names the field.
    for (const [input, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ cursor: '' }, 'cursor'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ sort: { field: 'password' } }, 'sort.field'],
      [{ kycStatus: 'pending' }, 'kycStatus'],
      [{ q: 'q'.repeat(101) }, 'q'],
    ] as const) {
      expect(await callError(app, 'partners.list', input, admin())).toMatchObject({ code: 'validation', field });
    }

    // Soft delete: gone from list, search and get; its trail stays.
    expect(await unchanged(app, () => callError(app, 'partners.delete', { id: delta.id }, s.staff.manager.token))).toMatchObject({ code: 'forbidden' });
    await audited(app, tenantId, ['partner.deleted'], () => call(app, 'partners.delete', { id: delta.id, reason: 'Test entry' }, admin()), delta.id);
    expect(await names({ q: 'zsort', sort: { field: 'legalName' } })).toEqual(['Alpha Widgets', 'Bravo Supplies', 'Charlie Retail']);
    expect((await list({ q: 'zsort' })).total).toBe(3);
    expect(await names({ q: 'delta' })).toEqual([]);
    expect(await names({ q: delta.code })).toEqual([]);
    expect(await names({ type: 'portal', q: 'zsort' })).toEqual([]);
    const missing = await callError(app, 'partners.get', { id: randomUUID() }, admin());
    expect(await callError(app, 'partners.get', { id: delta.id }, admin())).toEqual(missing);
    expect(await unchanged(app, () => callError(app, 'partners.delete', { id: delta.id }, admin()))).toEqual(missing);
    expect(await unchanged(app, () => callError(app, 'partners.update', { id: delta.id, legalName: 'Back' }, admin()))).toEqual(missing);
    const trail = await call(app, 'activity.list', { resourceId: delta.id }, s.staff.viewer.token);
    expect(trail.items.map((i) => i.action)).toEqual(['partner.deleted', 'partner.created']);
    expect(trail.items[0]?.details).toEqual({ code: delta.code, legalName: 'Delta Portal', reason: 'Test entry' });
  });

  it('left every action of this file in the trail, and the chain verifies', async () => {
    // Every action of the file, made here in a workspace of its own (approval without KYC).
    const { app } = s;
    const { tenantId, token } = await ownWorkspace(s);
    const admin = () => token;
    await call(app, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: false }, admin());
    const one = await createPartner(app, admin());
    await call(app, 'partners.update', { id: one.id, legalName: `Renamed ${unique()} AG` }, admin());
    await call(app, 'partners.approve', { id: one.id }, admin());
    await call(app, 'partners.suspend', { id: one.id, reason: 'Under review' }, admin());
    await call(app, 'partners.reinstate', { id: one.id }, admin());
    await call(app, 'partners.deactivate', { id: one.id, reason: 'Contract ended' }, admin());
    const two = await createPartner(app, admin());
    await call(app, 'partners.reject', { id: two.id, reason: 'Not a fit' }, admin());
    await call(app, 'partners.reapply', { id: two.id }, admin());
    await call(app, 'partners.delete', { id: two.id, reason: 'Duplicate' }, admin());
    const actions = await actionsOf(app, tenantId);
    for (const action of [
      'partner.created',
      'partner.updated',
      'partner.approved',
      'partner.rejected',
      'partner.suspended',
      'partner.deactivated',
      'partner.reinstated',
      'partner.reapplied',
      'partner.deleted',
    ]) {
      expect(actions).toContain(action);
    }
    expect(await call(app, 'activity.verify', {}, admin())).toMatchObject({ ok: true, problems: [] });
    expect(await call(app, 'activity.verify', {}, s.admin.token)).toMatchObject({ ok: true, problems: [] });
  });
});
