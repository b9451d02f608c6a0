import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { api } from './leads-page';
import { tinyPdf, tinyPng } from '../../support/files';

/*
 * The money path's data through the API, for the finance and money-flow specs: signed-in request
 * contexts for other staff, payable partners (KYC verified, IBAN banking verified by a second
 * admin) and approved fixed-price credits.
 */

export const PASSWORD = 'orbit lantern cobalt meadow 7';

export async function signedIn(baseURL: string, email: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  await api(ctx, 'auth.signIn', { email, password: PASSWORD });
  return ctx;
}

let keys = 0;

/** An active, KYC-verified partner on the fixed model with verified IBAN banking (set by the admin, re-verified by the second admin). */
export async function payablePartner(admin: APIRequestContext, admin2: APIRequestContext, legalName: string, iban: string): Promise<string> {
  const partner = await api<{ id: string }>(admin, 'partners.create', {
    type: 'channel_partner',
    legalName,
    contact: { name: `Contact of ${legalName}`, email: `contact-${++keys}@partner.test` },
    country: 'DE',
    terms: { commissionModel: 'fixed', fixedPriceMinor: 10_000 },
  });
  for (const kind of ['tax_form', 'identity', 'bank_proof', 'agreement'] as const) {
    const bytes = kind === 'identity' ? tinyPng(`${partner.id}-${kind}`) : tinyPdf(`${partner.id}-${kind}`);
    const doc = await api<{ id: string }>(admin, 'partners.documents.upload', { partnerId: partner.id, kind, fileName: `${kind}.${kind === 'identity' ? 'png' : 'pdf'}`, contentBase64: bytes.toString('base64') });
    await api(admin, 'partners.documents.verify', { id: doc.id });
  }
  await api(admin, 'partners.kyc.verify', { id: partner.id });
  await api(admin, 'partners.approve', { id: partner.id });
  await api(admin, 'partners.banking.set', { id: partner.id, details: { method: 'iban', accountHolder: legalName, bankName: 'Commerzbank', iban, bic: 'COBADEFFXXX' } });
  await api(admin2, 'partners.banking.reveal', { id: partner.id });
  await api(admin2, 'partners.banking.verify', { id: partner.id });
  return partner.id;
}

/** Three approved leads → three approved 100.00 credits for the partner. */
export async function earnedCredits(admin: APIRequestContext, manager: APIRequestContext, partnerId: string, names: string[]): Promise<void> {
  for (const contactName of names) {
    const { lead } = await api<{ lead: { id: string; version: number } }>(admin, 'leads.submit', {
      partnerId,
      type: 'new_lead',
      idempotencyKey: `fin-${++keys}-${Date.now()}`,
      contactName,
      company: `${contactName} Ltd`,
      email: `${contactName.toLowerCase().replace(/\W+/g, '.')}@${keys}-company.example`,
      country: 'DE',
    });
    await api(admin, 'leads.approve', { id: lead.id, version: lead.version });
    const credits = await api<{ rows: { id: string; version: number; status: string }[] }>(admin, 'credits.list', { leadId: lead.id });
    for (const credit of credits.rows.filter((c) => c.status === 'pending_approval')) await api(manager, 'credits.approve', { id: credit.id, version: credit.version });
  }
}

