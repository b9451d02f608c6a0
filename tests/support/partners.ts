import { and, eq, gt, max } from 'drizzle-orm';
import { expect } from 'vitest';
import { createAppOn } from '../../src-main/app';
import type { Input, KycDocumentKind, Output, PartnerDocument } from '../../src-shared/contract';
import { call, setUpWorkspace, signIn, staffWithRole, STRONG_PASSWORD } from './actors';
import { HOUR, testClock, type TestClock } from './clock';
import { activityRows, snapshot } from './db';
import { freshSession } from './sessions';
import type { EngineUnderTest, TestApp } from './engines';
import { tinyPdf, tinyPng } from './files';
import { NO_BANKING, searchTextOf, type PartnerRow } from '../../src-main/services/partners/partner-rows';

/*
 * Helpers for the partner-onboarding service tests: a test app whose clock ticks, partner and
 * document factories (files from ./files.ts), and audit-trail assertions.
 */

export const DAY = 24 * HOUR;

export interface PartnerTestApp extends TestApp {
  clock: TestClock;
}

/**
 * A test app on a hand-moved clock that also ticks 1 ms on every read, so that successive
 * events never share a timestamp (the KYC rules compare "uploaded after the decision").
 */
export async function openPartnerTestApp(engine: EngineUnderTest, start = '2031-03-03T08:00:00.000Z'): Promise<PartnerTestApp> {
  const clock = testClock(start);
  const ticking = () => {
    clock.advance(1);
    return clock();
  };
  const { database, dataDir, dispose } = await engine.open();
  const app = createAppOn(database, dataDir, { clock: ticking });
  return { ...app, dispose, clock };
}

let serial = 0;
/** A suffix unique within the test process, for names and e-mails. */
export const unique = () => `${Date.now().toString(36)}${(++serial).toString(36)}`;

export type CreatePartnerInput = Input<'partners.create'>;

/** A valid create input; `overrides` replaces top-level fields (give a whole `contact` or `terms`). */
export function partnerInput(overrides: Partial<CreatePartnerInput> = {}): CreatePartnerInput {
  const n = unique();
  return {
    type: 'channel_partner',
    legalName: `Partner ${n} GmbH`,
    contact: { name: 'Pat Partner', email: `pat-${n}@partner.test` },
    country: 'DE',
    terms: { commissionModel: 'percentage', rateBp: 1000 },
    ...overrides,
  };
}

export function createPartner(app: TestApp, token: string, overrides: Partial<CreatePartnerInput> = {}): Promise<Output<'partners.create'>> {
  return call(app, 'partners.create', partnerInput(overrides), token);
}

export function uploadDocument(
  app: TestApp,
  token: string,
  partnerId: string,
  kind: KycDocumentKind,
  options: { bytes?: Buffer; fileName?: string; expiresOn?: string } = {},
): Promise<PartnerDocument> {
  const bytes = options.bytes ?? tinyPdf(`${kind} of ${partnerId} ${unique()}`);
  const fileName = options.fileName ?? `${kind}.${bytes[0] === 0x89 ? 'png' : 'pdf'}`;
  return call(
    app,
    'partners.documents.upload',
    { partnerId, kind, fileName, contentBase64: bytes.toString('base64'), ...(options.expiresOn ? { expiresOn: options.expiresOn } : {}) },
    token,
  );
}

/** Uploads and verifies all four required documents, then signs KYC off; returns the documents. */
export async function makeKycVerified(
  app: TestApp,
  token: string,
  partnerId: string,
  expiresOn: Partial<Record<KycDocumentKind, string>> = {},
): Promise<PartnerDocument[]> {
  const documents: PartnerDocument[] = [];
  for (const kind of ['tax_form', 'identity', 'bank_proof', 'agreement'] as const) {
    const doc = await uploadDocument(app, token, partnerId, kind, kind === 'identity' ? { bytes: tinyPng(`${partnerId} ${unique()}`) } : {});
    const at = expiresOn[kind];
    documents.push(await call(app, 'partners.documents.verify', { id: doc.id, ...(at ? { expiresOn: at } : {}) }, token));
  }
  await call(app, 'partners.kyc.verify', { id: partnerId }, token);
  return documents;
}

// ---------------------------------------------------------------------------------------------
// Audit trail and "nothing written" assertions
// ---------------------------------------------------------------------------------------------

async function lastSeq(app: TestApp, tenantId: string): Promise<number> {
  const { activity } = app.database.t;
  const [row] = await app.database.db.select({ seq: max(activity.seq) }).from(activity).where(eq(activity.tenantId, tenantId));
  return Number(row?.seq ?? 0);
}

/** The activity rows written by `fn` in the workspace, oldest first. */
export async function activityOf<T>(app: TestApp, tenantId: string, fn: () => Promise<T>) {
  const { activity } = app.database.t;
  const before = await lastSeq(app, tenantId);
  const result = await fn();
  const rows = await app.database.db
    .select()
    .from(activity)
    .where(and(eq(activity.tenantId, tenantId), gt(activity.seq, before)))
    .orderBy(activity.seq);
  return { result, rows };
}

/**
 * Runs a mutation and asserts that it left exactly the listed activity rows (by action) in the
 * workspace, each about `resourceId` when given; returns the mutation's result and its rows.
 */
export async function audited<T>(app: TestApp, tenantId: string, actions: string[], fn: () => Promise<T>, resourceId?: string) {
  const { result, rows } = await activityOf(app, tenantId, fn);
  expect(rows.map((r) => r.action)).toEqual(actions);
  if (resourceId !== undefined) for (const row of rows) expect(row.resourceId).toBe(resourceId);
  return { result, rows, row: rows[0] };
}

/** Runs `fn` and asserts that not one row of any table changed (and nothing was appended to the trail). */
export async function unchanged<T>(app: TestApp, fn: () => Promise<T>): Promise<T> {
  const before = await snapshot(app.database);
  const result = await fn();
  expect(await snapshot(app.database)).toEqual(before);
  return result;
}

/** Every action name the workspace's trail holds. */
export async function actionsOf(app: TestApp, tenantId: string): Promise<Set<string>> {
  return new Set((await activityRows(app.database, tenantId)).map((r) => r.action));
}

/** The raw row of a partner, straight from the table. */
export async function partnerRow(app: TestApp, id: string) {
  const p = app.database.t.partners;
  const [row] = await app.database.db.select().from(p).where(eq(p.id, id));
  if (!row) throw new Error(`no partner row ${id}`);
  return row;
}

// ---------------------------------------------------------------------------------------------
// Suite set-up
// ---------------------------------------------------------------------------------------------

export interface PartnerSuite {
  app: PartnerTestApp;
  tenantId: string;
  admin: { token: string; userId: string };
  /** Staff of the same workspace, signed in; `admin2` is a second admin (four-eyes checks). */
  staff: Record<'manager' | 'finance' | 'viewer' | 'admin2', { token: string; userId: string }>;
}

/** One app with a first-run workspace, its admin, and one signed-in member per other role. */
export async function setUpPartnerSuite(engine: EngineUnderTest): Promise<PartnerSuite> {
  const app = await openPartnerTestApp(engine);
  const { token, tenantId, userId } = await setUpWorkspace(app);
  const secondAdmin = async () => {
    const member = await call(app, 'staff.add', { name: 'Second Admin', email: 'admin2@acme.test', role: 'admin', password: STRONG_PASSWORD }, token);
    return { token: await signIn(app, 'admin2@acme.test'), userId: member.userId };
  };
  const [manager, finance, viewer, admin2] = await Promise.all([
    staffWithRole(app, token, 'manager'),
    staffWithRole(app, token, 'finance'),
    staffWithRole(app, token, 'viewer'),
    secondAdmin(),
  ]);
  if (!manager || !finance || !viewer || !admin2) throw new Error('staff set-up failed');
  return { app, tenantId, admin: { token, userId }, staff: { manager, finance, viewer, admin2 } };
}

/**
 * A new workspace of the suite's admin, with an admin session there (made by the session
 * service, no sign-in): for a test whose assertions need data no other test of the suite touches.
 */
export async function ownWorkspace(s: PartnerSuite, name = `Own ${unique()}`): Promise<{ tenantId: string; token: string }> {
  const workspace = await call(s.app, 'workspaces.create', { name, currency: 'EUR' }, s.admin.token);
  return { tenantId: workspace.id, token: await freshSession(s.app, s.admin.userId, workspace.id) };
}

/** What a list test varies in a partner row written directly; the rest takes the values below. */
export type ListedPartnerFields = Pick<PartnerRow, 'id' | 'tenantId' | 'code' | 'type' | 'legalName' | 'contactName' | 'contactEmail' | 'country' | 'tier' | 'status' | 'kycStatus' | 'kycExpiresOn' | 'createdAt' | 'deletedAt'>;

/**
 * A complete partner row for tests that need many partners fast (list, keyset and plan tests):
 * written directly rather than through partners.create, with search_text by the service's own
 * searchTextOf. The list reads only these columns' values; everything else is a plain default.
 */
export function listedPartnerRow(f: ListedPartnerFields): PartnerRow {
  return {
    ...f,
    displayName: f.legalName,
    contactPhone: null,
    address: { line1: null, line2: null, city: null, postalCode: null, region: null },
    taxId: null,
    commissionModel: 'percentage',
    rateBp: 1000,
    fixedPriceMinor: 0,
    monthlyLeadQuota: 0,
    payoutMethod: 'bank_transfer',
    statusReason: null,
    statusChangedAt: null,
    approvedBy: null,
    approvedAt: null,
    kycDecision: null,
    kycDecidedAt: null,
    kycDecidedBy: null,
    ...NO_BANKING,
    searchText: searchTextOf({ code: f.code, legalName: f.legalName, displayName: f.legalName, contactName: f.contactName, contactEmail: f.contactEmail, taxId: null }),
    updatedAt: f.createdAt,
  };
}

/** Inserts rows 100 to a write (the triggers keep partner_counts and the search index as for any write). */
export async function insertPartnerRows(app: TestApp, rows: PartnerRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await app.database.write(async (tx) => {
      await tx.insert(app.database.t.partners).values(rows.slice(i, i + 100));
    });
  }
}
