import { todayIn } from '../../src-shared/calendar';
import type { Input, Output, ProcedureName } from '../../src-shared/contract';
import { createAppOn } from '../app';
import { DEMO_PASSWORD, type DemoCall, type DemoContext } from './seed';

/*
 * Demo leads: six months of intake for the active demo partners, through the real procedures
 * (scored, checked for duplicates, counted and audited like a person's work), in every status:
 * older leads mostly decided (approved with a CRM id, rejected with one of the workspace's
 * standard reasons, converted with a deal value), a few still waiting for weeks, and the last
 * month's mostly in the queue or under review. Some contacts come back from another partner
 * within the protection window (the same mailbox written differently, the same phone, the same
 * company website), so the queue shows duplicate flags and channel conflicts.
 *
 * Backdating: the calls go through a second app on the same database whose clock the loader
 * sets before each step, so submission instants, days, quotas, claims and decisions are those
 * of the past day. The sessions stay valid (they were opened at the real time, which the past
 * clock never passes). The audit trail is the exception by design: it never runs backwards, so
 * these entries carry the time of the load, after the workspace's first ones.
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
  ['Clara Weber', 'Weber Feinkost', 'DE', 'Managing Director'],
  ['Tomás Silva', 'Silva Têxteis', 'PT', 'COO'],
  ['Elif Kaya', 'Kaya Mobilya', 'TR', 'Export Manager'],
  ['Anna Lindqvist', 'Lindqvist Bygg', 'SE', 'Procurement Lead'],
] as const;

const LAST_NAMES = ['Jensen', 'Keller', 'Moreau', 'Fischer', 'Conti', 'Novak'];
const PRODUCTS = ['Platform licence', 'Analytics add-on', 'Support plan', 'Migration service'];
const SOURCES = ['Trade fair', 'Webinar', 'Website form', 'Referral'];

/** Leads over the six months; with the decisions about three calls each, well under ten seconds through the procedures. */
const TOTAL = 120;
const SPAN_DAYS = 182;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Days before now of lead i: more leads lately (a growing programme), in order, on working hours. */
function submittedAt(i: number, now: number): number {
  const share = 1 - i / TOTAL; // 1 for the first lead … 1/TOTAL for the last
  const daysAgo = Math.max(0.2, SPAN_DAYS * share ** 1.4);
  const day = now - Math.floor(daysAgo) * DAY;
  const start = new Date(day);
  start.setUTCHours(8 + (i % 9), (i * 17) % 60, 0, 0);
  return Math.min(start.getTime(), now - HOUR);
}

type Stage = 'waiting' | 'claimed' | 'approved' | 'rejected' | 'converted';

/** What becomes of lead i: the older, the likelier it was decided; a few old ones still wait (the dashboard's oldest). */
function stageOf(i: number, ageDays: number, duplicate: boolean): Stage {
  if (ageDays > 30) {
    if (i % 29 === 3) return 'waiting';
    if (duplicate) return i % 2 ? 'rejected' : 'approved';
    return (['approved', 'rejected', 'converted', 'approved', 'converted', 'rejected', 'converted'] as const)[i % 7] as Stage;
  }
  if (ageDays > 7) return (['waiting', 'claimed', 'approved', 'rejected', 'waiting', 'converted'] as const)[i % 6] as Stage;
  return (['waiting', 'waiting', 'claimed', 'waiting', 'rejected'] as const)[i % 5] as Stage;
}

export async function seedLeads(ctx: DemoContext): Promise<void> {
  const counts = await ctx.call('leads.counts', {});
  if (Object.values(counts.byStatus).some((n) => n > 0)) return;
  const partners = (await ctx.call('partners.list', { status: 'active', limit: 100 })).rows;
  if (partners.length < 2) return;
  const { rejectionReasons } = await ctx.call('leads.settings', {});
  const { timeZone } = await ctx.call('workspaces.settings', {});

  let at = Date.now();
  const past = createAppOn(ctx.app.database, ctx.app.deps.dataDir, { clock: () => new Date(at) });
  const tokenOf = async (email: string) => {
    const out = await ctx.app.dispatch('auth.signIn', { email, password: DEMO_PASSWORD }, { token: null, clientKey: 'demo' });
    if (!out.response.ok || typeof out.token !== 'string') throw new Error(`demo user ${email} cannot sign in`);
    return out.token;
  };
  const caller =
    (token: string): DemoCall =>
    async <N extends ProcedureName>(name: N, input: Input<N>) => {
      const out = await past.dispatch(name, input, { token, clientKey: 'demo' });
      if (!out.response.ok) throw new Error(`${name}: ${out.response.error.message}`);
      return out.response.result as Output<N>;
    };
  const admin = caller(ctx.token);
  const manager = caller(await tokenOf('manager@demo.partnerdesk.test'));
  const mateo = caller(await tokenOf('mateo@demo.partnerdesk.test'));
  const now = Date.now();
  const dayOf = (ms: number) => todayIn(timeZone, new Date(ms));

  /** Contacts as registered, for the ones that come back. */
  const registered: { name: string; company: string; country: string; email: string; phone: string | undefined; domain: string; partner: number; at: number }[] = [];
  let duplicates = 0;
  for (let i = 0; i < TOTAL; i++) {
    const submitted = submittedAt(i, now);
    at = submitted;
    const ageDays = (now - submitted) / DAY;
    const round = Math.floor(i / PEOPLE.length);
    const partnerIndex = (i * 3 + round) % partners.length;
    // Every fifth lead brings back a contact registered in the last 60 days (inside the 90-day protection window), through another partner.
    const recent = registered.filter((r) => submitted - r.at < 60 * DAY && r.partner !== partnerIndex);
    const earlier = i % 5 === 2 ? recent[(i * 7) % Math.max(1, recent.length)] : undefined;
    const [name, company, country, jobTitle] = PEOPLE[i % PEOPLE.length] ?? PEOPLE[0];
    const first = slug(name).split('-')[0] ?? 'contact';
    const freeMail = i % 7 === 5;
    const domain = `${slug(company)}${round ? `-${round}` : ''}.example`;
    let contact: { contactName: string; company: string; country: string; email: string; phone?: string; website?: string };
    if (earlier) {
      // How a returning contact is written: the same mailbox in capitals, the same phone with a private mailbox, or a colleague at the company's website.
      const how = i % 3;
      const local = slug(earlier.name).split('-')[0] ?? 'contact';
      contact =
        how === 0
          ? { contactName: earlier.name, company: earlier.company, country: earlier.country, email: earlier.email.toUpperCase(), ...(earlier.phone ? { phone: earlier.phone } : {}) }
          : how === 1 && earlier.phone
            ? { contactName: earlier.name, company: earlier.company, country: earlier.country, email: `${local}.${i}@gmail.com`, phone: earlier.phone }
            : { contactName: `${first[0]?.toUpperCase() ?? 'A'}. ${LAST_NAMES[i % LAST_NAMES.length]}`, company: earlier.company, country: earlier.country, email: `${first}.${i}@gmail.com`, website: `https://www.${earlier.domain}` };
    } else {
      contact = {
        contactName: round === 0 ? name : `${name.split(' ')[0] ?? name} ${LAST_NAMES[i % LAST_NAMES.length]}`,
        company: round === 0 ? company : `${company} ${['Export', 'Holding', 'Services', 'Group'][round % 4]}`,
        country,
        email: freeMail ? `${first}.${round}.${i}@gmail.com` : `${first}.${round}@${domain}`,
        ...(i % 5 === 4 ? {} : { phone: `+49 30 5551 ${String(2000 + i)}` }),
        ...(freeMail ? { website: `https://www.${domain}` } : {}),
      };
      registered.push({ name: contact.contactName, company: contact.company, country, email: contact.email, phone: contact.phone, domain, partner: partnerIndex, at: submitted });
    }
    const partner = partners[partnerIndex];
    if (!partner) continue;
    const { lead } = await admin('leads.submit', {
      partnerId: partner.id,
      type: i % 4 === 3 ? 'referral' : 'new_lead',
      idempotencyKey: `demo-lead-${i}`,
      ...contact,
      ...(i % 6 === 1 ? {} : { jobTitle }),
      productInterest: PRODUCTS[i % PRODUCTS.length],
      ...(i % 8 === 7 ? {} : { estimatedValueMinor: (5 + ((i * 37) % 120)) * 10_000 }),
      ...(i % 4 === 0 ? { notes: 'Asked for a demo next month.' } : {}),
      extra: [{ key: 'Source', value: SOURCES[i % SOURCES.length] ?? 'Website form' }],
    });
    if (lead.duplicateFlag) duplicates++;
    const reviewer = i % 4 === 1 ? mateo : manager;
    const stage = stageOf(i, ageDays, lead.duplicateFlag);
    // Decisions a few hours to a few days later, never after now.
    const later = (hours: number) => {
      at = Math.min(now - 60_000, at + hours * HOUR);
      return at;
    };
    let version = lead.version;
    if (stage !== 'waiting' && (stage === 'claimed' || i % 2 === 0)) {
      later(1 + (i % 5));
      version = (await reviewer('leads.startReview', { id: lead.id, version })).version;
    }
    if (stage === 'approved' || stage === 'converted') {
      later(2 + (i % 30));
      version = (await reviewer('leads.approve', { id: lead.id, version, crmLeadId: `CRM-${1000 + i}` })).version;
    }
    if (stage === 'rejected') {
      later(2 + (i % 30));
      const reason = lead.duplicateFlag ? (rejectionReasons[0] ?? 'Duplicate of an earlier registration') : (rejectionReasons[(i % (rejectionReasons.length - 1)) + 1] ?? 'Already a customer');
      await reviewer('leads.reject', { id: lead.id, version, reason });
    }
    if (stage === 'converted') {
      const done = later(24 * (5 + (i % 35)));
      await manager('leads.convert', { id: lead.id, version, dealValueMinor: (10 + ((i * 13) % 90)) * 25_000, convertedOn: dayOf(done) });
    }
    ctx.progress(`lead: ${lead.contactName} for ${partner.code}, ${dayOf(submitted)} (score ${lead.score}${lead.duplicateFlag ? ', duplicate' : ''}, ${stage})`);
  }
  ctx.progress(`leads: ${TOTAL} over ${SPAN_DAYS} days up to ${dayOf(now)}, ${duplicates} flagged as duplicates`);
}
