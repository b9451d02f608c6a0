import { todayIn } from '../../src-shared/calendar';
import type { DemoContext } from './seed';

/*
 * Demo leads: a few dozen for the active demo partners, through the real procedures (scored,
 * checked for duplicates and audited like a person's work), in every status: waiting in the
 * queue, claimed by a reviewer, approved with a CRM id, rejected with a reason, converted with
 * a deal value. Some reuse an earlier contact (the same mailbox written differently, the same
 * phone, the same company website), so the queue shows duplicate flags and channel conflicts.
 * They are submitted today: the services take the time from the clock, not from the caller.
 */

const PEOPLE = [
  ['Amelia Hart', 'Hartwell Logistics', 'GB', 'Operations Director'],
  ['Jonas Becker', 'Becker Maschinenbau', 'DE', 'Head of IT'],
  ['Sofia Rossi', 'Rossi Alimentari', 'IT', 'CFO'],
  ['Lucas Martin', 'Martin & Fils', 'FR', 'Purchasing Manager'],
  ['Emma de Vries', 'Polder Energy', 'NL', 'CTO'],
  ['Mateusz Nowak', 'Nowak Transport', 'PL', 'Fleet Manager'],
  ['Olivia Brown', 'Brown Retail Group', 'GB', 'Head of E-commerce'],
  ['Noah Schmid', 'Alpenblick Hotels', 'CH', 'General Manager'],
  ['Ines Garcia', 'Garcia Construcciones', 'ES', 'Project Lead'],
  ['Liam Murphy', 'Murphy Pharma', 'IE', 'IT Security Lead'],
  ['Freja Nielsen', 'Nordlys Design', 'DK', 'Founder'],
  ['Hugo Lambert', 'Lambert Assurances', 'BE', 'Claims Director'],
] as const;

const PRODUCTS = ['Platform licence', 'Analytics add-on', 'Support plan', 'Migration service'];
const REJECTIONS = ['Existing customer', 'Outside our sales territories', 'Duplicate of a lead registered earlier', 'Could not reach the contact'];

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export async function seedLeads(ctx: DemoContext): Promise<void> {
  const counts = await ctx.call('leads.counts', {});
  if (Object.values(counts.byStatus).some((n) => n > 0)) return;
  const partners = (await ctx.call('partners.list', { status: 'active', limit: 100 })).rows;
  if (partners.length === 0) return;
  const manager = await ctx.as('manager@demo.partnerdesk.test');
  const mateo = await ctx.as('mateo@demo.partnerdesk.test');
  const { timeZone } = await ctx.call('workspaces.settings', {});
  const today = todayIn(timeZone, new Date());
  const total = 40;
  for (let i = 0; i < total; i++) {
    const round = Math.floor(i / PEOPLE.length);
    // Shifted by the round, so that a reused contact comes from another partner (a channel conflict).
    const partner = partners[(i + round) % partners.length];
    if (!partner) continue;
    const [name, company, country, jobTitle] = PEOPLE[i % PEOPLE.length] ?? PEOPLE[0];
    // Round 0 registers each contact; later rounds reuse some (written differently, from another partner), the others are new companies.
    const reuse = round > 0 && i % 3 === 0;
    const fresh = round > 0 && !reuse;
    const domain = fresh ? `${slug(company)}-${round}.example` : `${slug(company)}.example`;
    const first = slug(name).split('-')[0] ?? 'contact';
    const freeMail = i % 7 === 5;
    const email = reuse ? `${first.toUpperCase()}.0@${domain.toUpperCase()}` : freeMail ? `${first}.${round}.${i}@gmail.com` : `${first}.${round}@${domain}`;
    const { lead } = await ctx.call('leads.submit', {
      partnerId: partner.id,
      type: i % 4 === 3 ? 'referral' : 'new_lead',
      idempotencyKey: `demo-lead-${i}`,
      contactName: round === 0 || reuse ? name : `${name.split(' ')[0] ?? name} ${['Jensen', 'Keller', 'Moreau'][round % 3]}`,
      company: fresh ? `${company} ${['', 'Export', 'Holding', 'Services'][round % 4]}`.trim() : company,
      email,
      ...(i % 5 === 4 ? {} : { phone: `+49 30 5551 ${String(2000 + (reuse ? i % PEOPLE.length : i))}` }),
      country,
      ...(i % 6 === 1 ? {} : { jobTitle }),
      productInterest: PRODUCTS[i % PRODUCTS.length],
      ...(freeMail ? { website: `https://www.${domain}` } : {}),
      ...(i % 8 === 7 ? {} : { estimatedValueMinor: (5 + ((i * 37) % 120)) * 10_000 }),
      ...(i % 4 === 0 ? { notes: 'Asked for a demo next month.' } : {}),
      extra: [{ key: 'Source', value: ['Trade fair', 'Webinar', 'Website form', 'Referral'][i % 4] ?? 'Website form' }],
    });
    // The state each lead is left in: 0-1 waiting, 2 claimed, 3 approved, 4 rejected, 5 converted.
    const stage = i % 6;
    if (stage === 2) await (i % 12 === 2 ? mateo : manager)('leads.startReview', { id: lead.id, version: lead.version });
    if (stage === 3) await manager('leads.approve', { id: lead.id, version: lead.version, crmLeadId: `CRM-${1000 + i}` });
    if (stage === 4) await manager('leads.reject', { id: lead.id, version: lead.version, reason: REJECTIONS[i % REJECTIONS.length] ?? 'Existing customer' });
    if (stage === 5) {
      const started = await manager('leads.startReview', { id: lead.id, version: lead.version });
      const approved = await ctx.call('leads.approve', { id: lead.id, version: started.version, crmLeadId: `CRM-${1000 + i}` });
      await manager('leads.convert', { id: lead.id, version: approved.version, dealValueMinor: (10 + i) * 25_000, convertedOn: today });
    }
    ctx.progress(`lead: ${lead.contactName} for ${partner.code} (score ${lead.score}${lead.duplicateFlag ? ', duplicate' : ''})`);
  }
}
