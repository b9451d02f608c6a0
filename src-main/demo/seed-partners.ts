import type { KycDocumentKind, PartnerTier, PartnerType } from '../../src-shared/contract/partners';
import type { DemoContext } from './seed';

/** A minimal valid PDF, enough for the type sniffer and the preview. */
export function demoPdf(title: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${title}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
}

const COMPANIES: { name: string; type: PartnerType; country: string; tier: PartnerTier; contact: string }[] = [
  { name: 'Globex Distribution GmbH', type: 'channel_partner', country: 'DE', tier: 'gold', contact: 'Hanna Vogel' },
  { name: 'Initech Resellers Ltd', type: 'channel_partner', country: 'GB', tier: 'silver', contact: 'Peter Gibbons' },
  { name: 'Umbrella Leads BV', type: 'portal', country: 'NL', tier: 'bronze', contact: 'Sanne de Vries' },
  { name: 'Stark Referral Network', type: 'customer', country: 'US', tier: 'platinum', contact: 'Pepper Potts' },
  { name: 'Wayne Vendor Services', type: 'vendor', country: 'US', tier: 'gold', contact: 'Lucius Fox' },
  { name: 'Soylent Partners SARL', type: 'channel_partner', country: 'FR', tier: 'silver', contact: 'Camille Martin' },
  { name: 'Hooli Marketplace', type: 'portal', country: 'IE', tier: 'gold', contact: 'Gavin Belson' },
  { name: 'Vandelay Industries', type: 'vendor', country: 'US', tier: 'bronze', contact: 'Art Vandelay' },
  { name: 'Nordwind Handels AG', type: 'channel_partner', country: 'AT', tier: 'silver', contact: 'Lukas Gruber' },
  { name: 'Acme Iberia SL', type: 'channel_partner', country: 'ES', tier: 'bronze', contact: 'Lucía García' },
  { name: 'Bluth Referrals', type: 'customer', country: 'US', tier: 'bronze', contact: 'Michael Bluth' },
  { name: 'Tyrell Systems Oy', type: 'vendor', country: 'FI', tier: 'platinum', contact: 'Eldon Tyrell' },
  { name: 'Cyberdyne Partner Portal', type: 'portal', country: 'US', tier: 'silver', contact: 'Miles Dyson' },
  { name: 'Pied Piper Compression', type: 'customer', country: 'US', tier: 'gold', contact: 'Richard Hendricks' },
  { name: 'Oscorp Channel Europe', type: 'channel_partner', country: 'BE', tier: 'bronze', contact: 'Émile Dubois' },
  { name: 'Massive Dynamic Italia', type: 'channel_partner', country: 'IT', tier: 'silver', contact: 'Giulia Rossi' },
  { name: 'Dunder Paper Referrals', type: 'customer', country: 'US', tier: 'bronze', contact: 'Dwight Schrute' },
  { name: 'Prestige Worldwide', type: 'portal', country: 'CA', tier: 'bronze', contact: 'Brennan Huff' },
];

const KINDS: KycDocumentKind[] = ['tax_form', 'identity', 'bank_proof', 'agreement'];
const slug = (name: string) => name.toLowerCase().replace(/[^a-z]+/g, '').slice(0, 16);

/**
 * Partners in every state of the workflow, with documents, banking and portal users, all made
 * through the real procedures (validated, audited) by the demo admins and manager.
 */
export async function seedPartners(ctx: DemoContext): Promise<void> {
  const existing = await ctx.call('partners.list', { limit: 1 });
  if (existing.total > 0) return;
  const manager = await ctx.as('manager@demo.partnerdesk.test');
  const secondAdmin = await ctx.as('omar@demo.partnerdesk.test');
  for (const [i, company] of COMPANIES.entries()) {
    const model = i % 3 === 0 ? 'percentage' : i % 3 === 1 ? 'fixed' : 'hybrid';
    const partner = await ctx.call('partners.create', {
      type: company.type,
      legalName: company.name,
      contact: { name: company.contact, email: `${slug(company.contact)}@${slug(company.name)}.example`, phone: `+49 30 5550 ${String(1000 + i)}` },
      country: company.country,
      taxId: `${company.country}${String(100000000 + i * 7919)}`,
      address: { line1: `${10 + i} Market Street`, city: 'Springfield', postalCode: String(10000 + i * 37) },
      terms: { commissionModel: model, rateBp: model === 'fixed' ? 0 : 500 + (i % 5) * 250, fixedPriceMinor: model === 'percentage' ? 0 : 5000 + i * 500, tier: company.tier, monthlyLeadQuota: i % 4 === 0 ? 0 : 50 },
      payoutMethod: i % 5 === 3 ? 'paypal' : 'bank_transfer',
    });
    const stage = i % 6; // 0-2 approved, 3 pending with documents under review, 4 rejected, 5 new
    if (stage <= 3) {
      for (const kind of KINDS) {
        const doc = await ctx.call('partners.documents.upload', {
          partnerId: partner.id,
          kind,
          fileName: `${kind}-${partner.code}.pdf`,
          contentBase64: demoPdf(`${kind} ${company.name}`).toString('base64'),
          ...(kind === 'identity' ? { expiresOn: `${2028 + (i % 3)}-06-30` } : {}),
        });
        if (stage <= 2) await ctx.call('partners.documents.verify', { id: doc.id });
      }
    }
    if (i % 5 === 3) await ctx.call('partners.banking.set', { id: partner.id, details: { method: 'paypal', paypalEmail: `payouts@${slug(company.name)}.example` } });
    else if (stage <= 3) {
      await ctx.call('partners.banking.set', {
        id: partner.id,
        details: { method: 'iban', accountHolder: company.name, bankName: 'Demo Bank', iban: 'DE89 3704 0044 0532 0130 00', bic: 'DEUTDEFF' },
      });
    }
    if (stage <= 2) {
      await ctx.call('partners.kyc.verify', { id: partner.id, note: 'Documents match the register' });
      await manager('partners.approve', { id: partner.id, note: 'Good fit for the program' });
      if (i !== 1) {
        // Four eyes: the second admin looks at the new details, then verifies them.
        await secondAdmin('partners.banking.reveal', { id: partner.id, reason: 'Checking the new bank account' });
        await secondAdmin('partners.banking.verify', { id: partner.id });
      }
      await ctx.call('partners.users.create', {
        partnerId: partner.id,
        name: company.contact,
        email: `${slug(company.contact)}@${slug(company.name)}.example`,
        role: 'partner_admin',
        credential: { mode: 'invite' },
      });
      if (i % 6 === 2 && i > 6) await manager('partners.suspend', { id: partner.id, reason: 'Unusual spike in duplicate leads: under investigation' });
      if (i === 12) await manager('partners.deactivate', { id: partner.id, reason: 'Contract ended' });
    }
    if (stage === 4) await manager('partners.reject', { id: partner.id, reason: 'Operates outside our sales territories' });
    ctx.progress(`partner: ${partner.code} ${company.name}`);
  }
}
