import { PARTNER_ROLES, type Input, type PartnerRole, type ProcedureName } from '../../src-shared/contract';
import { STRONG_PASSWORD } from './actors';
import { tinyPdf } from './files';

/** A well-formed one-page PDF (the content is sniffed, so it must be a real one), as base64. */
const PDF_BASE64 = tinyPdf('sample').toString('base64');

/** What a sample input may refer to: rows that exist in the test's workspace. */
export interface SampleContext {
  /** The caller's workspace (workspace A). */
  tenantId: string;
  /** A staff member of workspace A that mutations may act on (never the caller). */
  targetUserId: string;
  /** An existing staff e-mail whose password is STRONG_PASSWORD. */
  signInEmail: string;
  /** A fresh suffix for values that must be unique (e-mails, names, codes): letters and digits. */
  unique(): string;
  /** A partner of workspace A (pending, no banking), one of its KYC documents and one of its portal users. */
  partnerId: string;
  documentId: string;
  partnerUserId: string;
  /** An active partner of workspace A whose portal users the role matrix signs in as, and a submitted lead of it at `leadVersion`. */
  leadPartnerId: string;
  leadId: string;
  leadVersion: number;
  /** A completed CSV import of the lead partner. */
  importId: string;
  /** A pending credit of the lead partner (fixed model: its lead approved) at `creditVersion`. */
  creditId: string;
  creditVersion: number;
}

export interface Sample<N extends ProcedureName> {
  /** A VALID input: it passes the procedure's schema (role-matrix and fuzz tests check this). */
  input(ctx: SampleContext): Input<N>;
  /**
   * The input names a row of workspace A by id. Called from another workspace it must answer
   * `not_found`, exactly as for an id that does not exist.
   */
  refersToWorkspaceRows?: true;
  /**
   * The call changes the partner fixtures (status, deletion, banking…): the role matrix gives
   * each call a fresh partner, document and portal user so that no call sees another's leftovers.
   */
  freshPartner?: true;
  /** The call changes the lead fixture (its status): each call gets a freshly submitted lead. */
  freshLead?: true;
  /** The call changes the credit fixture (its status): each call gets a fresh pending credit. */
  freshCredit?: true;
}

const partnerScoped = { refersToWorkspaceRows: true, freshPartner: true } as const;
const leadScoped = { refersToWorkspaceRows: true, freshLead: true } as const;
const creditScoped = { refersToWorkspaceRows: true, freshCredit: true } as const;

/** A keyset cursor that decodes (the services' format): the fuzz breaks present fields, so the sample gives one. */
const cursorOf = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
const today = () => new Date().toISOString().slice(0, 10);

/** A small CSV of two leads, and the mapping its header gets. */
const SAMPLE_CSV = Buffer.from('Contact name,Email,Source\r\nCora Csv,cora@csv-sample.test,Fair\r\nCarl Csv,carl@csv-sample.test,Web\r\n').toString('base64');
const SAMPLE_MAPPING = [
  { header: 'Contact name', target: 'contactName' },
  { header: 'Email', target: 'email' },
  { header: 'Source', target: 'extra' },
] as const;

/**
 * One valid sample input per procedure of the contract. The role-matrix and input-fuzz tests
 * fail for any procedure missing here, so a new procedure forces a new sample. Give every
 * optional field a value: the fuzz test breaks the fields that are present.
 */
export const samples: { [N in ProcedureName]?: Sample<N> } = {
  'auth.setupStatus': { input: () => ({}) },
  'auth.setup': {
    input: (c) => ({
      workspaceName: `Second ${c.unique()}`,
      currency: 'USD',
      adminName: 'Sam Setup',
      adminEmail: `setup-${c.unique()}@acme.test`,
      password: STRONG_PASSWORD,
    }),
  },
  'auth.signIn': { input: (c) => ({ email: c.signInEmail, password: STRONG_PASSWORD }) },
  'auth.signOut': { input: () => ({}) },
  'auth.session': { input: () => ({}) },
  'auth.switchWorkspace': { input: (c) => ({ tenantId: c.tenantId }), refersToWorkspaceRows: true },
  'workspaces.list': { input: () => ({}) },
  'workspaces.create': { input: (c) => ({ name: `Workspace ${c.unique()}`, currency: 'EUR' }) },
  'staff.list': { input: () => ({}) },
  'staff.add': {
    input: (c) => ({ name: 'Nora Newcomer', email: `new-${c.unique()}@acme.test`, role: 'viewer', password: STRONG_PASSWORD }),
  },
  'staff.changeRole': { input: (c) => ({ userId: c.targetUserId, role: 'finance' }), refersToWorkspaceRows: true },
  'staff.disable': { input: (c) => ({ userId: c.targetUserId }), refersToWorkspaceRows: true },
  'staff.enable': { input: (c) => ({ userId: c.targetUserId }), refersToWorkspaceRows: true },
  'activity.list': {
    input: (c) => ({
      actorId: c.targetUserId,
      action: 'staff.added',
      resourceType: 'staff_user',
      resourceId: c.targetUserId,
      from: '2020-01-01T00:00:00.000Z',
      to: '2100-01-01T00:00:00+02:00',
      beforeSeq: 1000,
      limit: 20,
    }),
  },
  'activity.facets': { input: () => ({}) },
  'activity.verify': { input: () => ({}) },
  'workspaces.settings': { input: () => ({}) },
  'workspaces.updateSettings': { input: () => ({ approvalNeedsVerifiedKyc: true }) },

  'partners.list': {
    input: () => ({
      type: 'channel_partner',
      status: 'pending',
      tier: 'bronze',
      kycStatus: 'not_started',
      q: 'partner',
      sort: { field: 'legalName', direction: 'asc' },
      limit: 20,
    }),
  },
  'partners.get': { input: (c) => ({ id: c.partnerId }), ...partnerScoped },
  'partners.create': {
    input: (c) => ({
      type: 'channel_partner',
      code: `CP-${c.unique()}`,
      legalName: `Sample ${c.unique()} GmbH`,
      displayName: 'Sample',
      contact: { name: 'Pat Partner', email: `pat-${c.unique()}@partner.test`, phone: '+49 30 1234567' },
      address: { line1: 'Hauptstrasse 1', line2: 'Hinterhaus', city: 'Berlin', postalCode: '10115', region: 'Berlin' },
      country: 'DE',
      taxId: 'DE123456789',
      terms: { commissionModel: 'hybrid', rateBp: 1500, fixedPriceMinor: 5000, tier: 'silver', monthlyLeadQuota: 10 },
      payoutMethod: 'bank_transfer',
    }),
  },
  'partners.update': {
    input: (c) => ({
      id: c.partnerId,
      type: 'vendor',
      code: `VE-${c.unique()}`,
      legalName: `Renamed ${c.unique()} AG`,
      displayName: 'Renamed',
      contact: { name: 'Pia Partner', email: `pia-${c.unique()}@partner.test`, phone: '+41 44 123 45 67' },
      address: { line1: 'Bahnhofstrasse 2', line2: '', city: 'Zürich', postalCode: '8001', region: 'ZH' },
      country: 'CH',
      taxId: 'CHE-123.456.789',
      terms: { commissionModel: 'fixed', rateBp: 0, fixedPriceMinor: 2500, tier: 'gold', monthlyLeadQuota: 0 },
      payoutMethod: 'wire',
    }),
    ...partnerScoped,
  },
  'partners.approve': { input: (c) => ({ id: c.partnerId, note: 'Looks good' }), ...partnerScoped },
  'partners.reject': { input: (c) => ({ id: c.partnerId, reason: 'Not a fit' }), ...partnerScoped },
  'partners.suspend': { input: (c) => ({ id: c.partnerId, reason: 'Under investigation' }), ...partnerScoped },
  'partners.deactivate': { input: (c) => ({ id: c.partnerId, reason: 'Contract ended' }), ...partnerScoped },
  'partners.reinstate': { input: (c) => ({ id: c.partnerId, note: 'Cleared' }), ...partnerScoped },
  'partners.reapply': { input: (c) => ({ id: c.partnerId, note: 'New application' }), ...partnerScoped },
  'partners.delete': { input: (c) => ({ id: c.partnerId, reason: 'Duplicate' }), ...partnerScoped },
  'partners.banking.set': {
    input: (c) => ({
      id: c.partnerId,
      details: { method: 'iban', accountHolder: 'Sample GmbH', bankName: 'Commerzbank', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' },
    }),
    ...partnerScoped,
  },
  'partners.banking.verify': { input: (c) => ({ id: c.partnerId }), ...partnerScoped },
  'partners.banking.reveal': { input: (c) => ({ id: c.partnerId, reason: 'Payment run' }), ...partnerScoped },
  'partners.kyc.verify': { input: (c) => ({ id: c.partnerId, note: 'All documents checked' }), ...partnerScoped },
  'partners.kyc.reject': { input: (c) => ({ id: c.partnerId, reason: 'Identity does not match' }), ...partnerScoped },
  'partners.documents.list': { input: (c) => ({ partnerId: c.partnerId }), ...partnerScoped },
  'partners.documents.upload': {
    input: (c) => ({ partnerId: c.partnerId, kind: 'tax_form', fileName: 'tax form.pdf', contentBase64: PDF_BASE64, expiresOn: '2099-12-31' }),
    ...partnerScoped,
  },
  'partners.documents.get': { input: (c) => ({ id: c.documentId }), ...partnerScoped },
  'partners.documents.verify': { input: (c) => ({ id: c.documentId, expiresOn: '2099-12-31' }), ...partnerScoped },
  'partners.documents.reject': { input: (c) => ({ id: c.documentId, reason: 'Unreadable scan' }), ...partnerScoped },
  'partners.users.list': { input: (c) => ({ partnerId: c.partnerId }), ...partnerScoped },
  'partners.users.create': {
    input: (c) => ({ partnerId: c.partnerId, name: 'Paula Portal', email: `paula-${c.unique()}@partner.test`, role: 'partner_viewer', credential: { mode: 'invite' } }),
    ...partnerScoped,
  },
  'partners.users.update': {
    input: (c) => ({ id: c.partnerUserId, name: 'Paula P. Portal', email: `paula-${c.unique()}@partner.test`, role: 'partner_admin' }),
    ...partnerScoped,
  },
  'partners.users.deactivate': { input: (c) => ({ id: c.partnerUserId, reason: 'Left the company' }), ...partnerScoped },
  'partners.users.createInvite': { input: (c) => ({ id: c.partnerUserId }), ...partnerScoped },

  'leads.submit': {
    input: (c) => ({
      partnerId: c.leadPartnerId,
      type: 'referral',
      idempotencyKey: `sample-${c.unique()}`,
      contactName: 'Sam Sample',
      company: 'Sample Industries',
      email: `sam-${c.unique()}@sample-industries.test`,
      phone: '+44 20 7946 0958',
      country: 'GB',
      jobTitle: 'CTO',
      productInterest: 'Platform',
      website: 'https://sample-industries.test',
      notes: 'Met at the trade fair',
      estimatedValueMinor: 250_000,
      extra: [{ key: 'Source', value: 'Trade fair' }],
    }),
    refersToWorkspaceRows: true,
  },
  'leads.get': { input: (c) => ({ id: c.leadId }), refersToWorkspaceRows: true },
  'leads.list': {
    input: (c) => ({ partnerId: c.leadPartnerId, type: 'new_lead', status: 'submitted', minScore: 0, maxScore: 100, duplicate: false, cursor: cursorOf(['l', Date.now(), 'zzz']), limit: 20 }),
  },
  'leads.queue': {
    input: (c) => ({ partnerId: c.leadPartnerId, type: 'new_lead', status: 'submitted', minScore: 0, maxScore: 100, duplicate: false, cursor: cursorOf(['q', 0, 0, '0']), limit: 20 }),
  },
  'leads.previewImport': { input: (c) => ({ partnerId: c.leadPartnerId, fileName: 'leads.csv', contentBase64: SAMPLE_CSV }), refersToWorkspaceRows: true },
  'leads.startImport': {
    input: (c) => ({ partnerId: c.leadPartnerId, fileName: 'leads.csv', contentBase64: SAMPLE_CSV, mapping: SAMPLE_MAPPING.map((m) => ({ ...m })), idempotencyKey: `sample-import-${c.unique()}` }),
    refersToWorkspaceRows: true,
  },
  'leads.import': { input: (c) => ({ id: c.importId }), refersToWorkspaceRows: true },
  'leads.imports': { input: (c) => ({ partnerId: c.leadPartnerId }) },
  'leads.importReport': { input: (c) => ({ id: c.importId }), refersToWorkspaceRows: true },
  'leads.counts': { input: () => ({}) },
  'leads.dashboard': { input: () => ({}) },
  'leads.settings': { input: () => ({}) },
  'leads.updateSettings': {
    input: () => ({
      weights: { completeness: 25, email: 15, phone: 10, estimated_value: 20, duplicate: 20, partner_history: 10 },
      protectionWindowDays: 120,
      referenceDealValueMinor: 2_000_000,
      minPartnerDecisions: 5,
      rejectionReasons: ['Duplicate of an earlier registration', 'Already a customer'],
    }),
  },
  'leads.previewWeights': { input: () => ({ weights: { completeness: 10, email: 10, phone: 10, estimated_value: 40, duplicate: 20, partner_history: 10 } }) },
  'leads.rescore': { input: () => ({}) },
  'leads.startReview': { input: (c) => ({ id: c.leadId, version: c.leadVersion, note: 'Taking this one' }), ...leadScoped },
  'leads.approve': { input: (c) => ({ id: c.leadId, version: c.leadVersion, note: 'Good fit', crmLeadId: 'CRM-1' }), ...leadScoped },
  'leads.reject': { input: (c) => ({ id: c.leadId, version: c.leadVersion, reason: 'Existing customer' }), ...leadScoped },
  'leads.convert': {
    input: (c) => ({ id: c.leadId, version: c.leadVersion, note: 'Won', dealValueMinor: 990_000, convertedOn: today(), crmLeadId: 'CRM-2' }),
    ...leadScoped,
  },

  'credits.list': {
    input: (c) => ({ status: 'pending_approval', kind: 'commission', partnerId: c.leadPartnerId, leadId: c.leadId, cursor: cursorOf(['c', 0, '0']), limit: 20 }),
  },
  'credits.get': { input: (c) => ({ id: c.creditId }), refersToWorkspaceRows: true },
  'credits.counts': { input: () => ({}) },
  'credits.approve': { input: (c) => ({ id: c.creditId, version: c.creditVersion }), ...creditScoped },
  'credits.reject': { input: (c) => ({ id: c.creditId, version: c.creditVersion, reason: 'Not eligible' }), ...creditScoped },
  'credits.reverse': { input: (c) => ({ id: c.creditId, version: c.creditVersion, reason: 'Deal cancelled' }), ...creditScoped },
  // Not refersToWorkspaceRows: another workspace's ids come back one by one as not found (the role matrix still checks nothing changed).
  'credits.bulkDecide': { input: (c) => ({ decision: 'reject', reason: 'Not eligible', items: [{ id: c.creditId, version: c.creditVersion }] }), freshCredit: true },
  'credits.request': {
    input: (c) => ({ partnerId: c.leadPartnerId, leadId: c.leadId, amountMinor: 1500, currency: 'EUR', justification: 'Extra onboarding work' }),
    refersToWorkspaceRows: true,
  },
  'credits.clawback': { input: (c) => ({ id: c.creditId, amountMinor: 100, currency: 'EUR', reason: 'Customer refunded' }), ...creditScoped },

  'payouts.balance': { input: (c) => ({ partnerId: c.leadPartnerId }), refersToWorkspaceRows: true },
  'payouts.statistics': { input: (c) => ({ periodStart: '2026-01-01', periodEnd: today(), partnerId: c.leadPartnerId }), refersToWorkspaceRows: true },
  'payouts.monthly': { input: (c) => ({ fromMonth: '2026-01', toMonth: '2026-12', partnerId: c.leadPartnerId }), refersToWorkspaceRows: true },

  // No payout fixture yet: an id of nowhere, which every allowed caller meets as not found (markPaid: as a not-found outcome).
  'payouts.financeList': { input: () => ({ view: 'payable', limit: 50 }) },
  'payouts.markPaid': { input: (c) => ({ payouts: [{ id: 'po-sample', version: 0 }], paymentDate: today(), method: 'bank_transfer', reference: `REF-${c.unique()}`.slice(0, 35) }) },
  'payouts.export': { input: () => ({ ids: ['po-sample'], format: 'csv' }), refersToWorkspaceRows: true },
  'payouts.statement': { input: () => ({ id: 'po-sample' }), refersToWorkspaceRows: true },
};

/** Creates the partner fixtures a SampleContext points at, as the admin behind `adminToken`. */
export async function partnerFixtures(
  create: <N extends ProcedureName>(name: N, input: Input<N>) => Promise<unknown>,
  unique: () => string,
): Promise<Pick<SampleContext, 'partnerId' | 'documentId' | 'partnerUserId'>> {
  const partner = (await create('partners.create', {
    type: 'channel_partner',
    legalName: `Fixture ${unique()} Ltd`,
    contact: { name: 'Fiona Fixture', email: `fiona-${unique()}@partner.test` },
    country: 'GB',
    terms: { commissionModel: 'percentage', rateBp: 1000 },
  })) as { id: string };
  const document = (await create('partners.documents.upload', { partnerId: partner.id, kind: 'identity', fileName: 'passport.pdf', contentBase64: PDF_BASE64 })) as { id: string };
  const created = (await create('partners.users.create', {
    partnerId: partner.id,
    name: 'Finn Fixture',
    email: `finn-${unique()}@partner.test`,
    role: 'partner_lead_manager',
    credential: { mode: 'invite' },
  })) as { user: { id: string } };
  return { partnerId: partner.id, documentId: document.id, partnerUserId: created.user.id };
}

/**
 * An active partner of workspace A for the lead samples (approved with the KYC rule switched off
 * for the moment, then switched back), and its portal users, one per partner role.
 */
export async function leadPartnerFixture(
  create: <N extends ProcedureName>(name: N, input: Input<N>) => Promise<unknown>,
  unique: () => string,
): Promise<{ leadPartnerId: string; portalUserIds: Record<PartnerRole, string> }> {
  await create('workspaces.updateSettings', { approvalNeedsVerifiedKyc: false });
  const partner = (await create('partners.create', {
    type: 'channel_partner',
    legalName: `Lead Fixture ${unique()} Ltd`,
    contact: { name: 'Lea Fixture', email: `lea-${unique()}@partner.test` },
    country: 'GB',
    terms: { commissionModel: 'fixed', fixedPriceMinor: 5000 },
  })) as { id: string };
  await create('partners.approve', { id: partner.id });
  await create('workspaces.updateSettings', { approvalNeedsVerifiedKyc: true });
  const portalUserIds = {} as Record<PartnerRole, string>;
  for (const role of PARTNER_ROLES) {
    const created = (await create('partners.users.create', {
      partnerId: partner.id,
      name: `Portal ${role}`,
      email: `${role.replace(/_/g, '-')}-${unique()}@partner.test`,
      role,
      credential: { mode: 'invite' },
    })) as { user: { id: string } };
    portalUserIds[role] = created.user.id;
  }
  return { leadPartnerId: partner.id, portalUserIds };
}

/** A freshly submitted lead of the lead partner, as staff submit it. */
export async function leadFixture(
  create: <N extends ProcedureName>(name: N, input: Input<N>) => Promise<unknown>,
  leadPartnerId: string,
  unique: () => string,
): Promise<Pick<SampleContext, 'leadId' | 'leadVersion'>> {
  const n = unique();
  const { lead } = (await create('leads.submit', {
    partnerId: leadPartnerId,
    type: 'new_lead',
    idempotencyKey: `fixture-${n}`,
    contactName: 'Fred Fixture',
    email: `fred-${n.toLowerCase()}@fixture-${n.toLowerCase()}.test`,
  })) as { lead: { id: string; version: number } };
  return { leadId: lead.id, leadVersion: lead.version };
}

/** A fresh pending credit of the lead partner: a lead of it submitted and approved (its fixed model earns the credit). */
export async function creditFixture(
  create: <N extends ProcedureName>(name: N, input: Input<N>) => Promise<unknown>,
  leadPartnerId: string,
  unique: () => string,
): Promise<Pick<SampleContext, 'creditId' | 'creditVersion'>> {
  const lead = await leadFixture(create, leadPartnerId, unique);
  await create('leads.approve', { id: lead.leadId, version: lead.leadVersion });
  const page = (await create('credits.list', { leadId: lead.leadId })) as { rows: { id: string; version: number }[] };
  const credit = page.rows[0];
  if (!credit) throw new Error('the approved fixture lead earned no credit');
  return { creditId: credit.id, creditVersion: credit.version };
}

/** A completed import of the lead partner (started as staff, polled until it has finished). */
export async function importFixture(
  create: <N extends ProcedureName>(name: N, input: Input<N>) => Promise<unknown>,
  leadPartnerId: string,
  unique: () => string,
): Promise<Pick<SampleContext, 'importId'>> {
  const started = (await create('leads.startImport', {
    partnerId: leadPartnerId,
    fileName: 'fixture.csv',
    contentBase64: SAMPLE_CSV,
    mapping: SAMPLE_MAPPING.map((m) => ({ ...m })),
    idempotencyKey: `fixture-import-${unique()}`,
  })) as { id: string };
  for (let i = 0; i < 600; i++) {
    const now = (await create('leads.import', { id: started.id })) as { status: string };
    if (now.status !== 'running') return { importId: started.id };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the fixture import did not finish within 30 s');
}

export function sampleFor(name: ProcedureName): Sample<ProcedureName> | undefined {
  return samples[name] as Sample<ProcedureName> | undefined;
}
