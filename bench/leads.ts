import type { Tables } from '../src-main/data/database';
import { dedupeKeysOf } from '../src-main/domain/leads/dedupe';
import { encodeCursor } from '../src-main/services/leads/lead-rows';
import { DEFAULT_TIME_ZONE, todayIn } from '../src-shared/calendar';
import { DEFAULT_LEAD_SCORE_WEIGHTS, LEAD_SCORE_SIGNALS, type LeadScoreLine } from '../src-shared/contract/leads/score-types';
import { LEAD_STATUSES, type LeadStatus } from '../src-shared/contract/leads';
import type { PartnerData, PartnerRow, PartnerUserRow } from './partners';
import { int, pick, prng, shuffled, uuidV7At, weighted, type Rand } from './random';

/**
 * Seed-scale leads: 1,000,000 × BENCH_SCALE in the one tenant, across the partners that were
 * ever approved (a few partners bring many, most a few), created over the 12 months before the
 * run in creation order (ids are UUIDv7 of created_at), as rows of the app's own table type.
 *
 * - status by age: half of the last 30 days' leads still wait, about 9% of older ones; the
 *   decided ones approved 35%, rejected 40% (a standard reason), converted 25% (deal value, CRM
 *   id, day); versions, claim and decision fields as the transitions leave them;
 * - scores spread over 0–100 (a flagged duplicate loses its duplicate points), with a breakdown
 *   whose lines add up to the score, in the stored shape (LeadScoreLine);
 * - dedupe keys as the domain computes them (checked with dedupeKeysOf on the first rows): a
 *   quarter free-mail addresses (no company domain), the rest at the company's own domain; ~6%
 *   of leads repeat a recent lead's email, phone or company (another partner's, often) and are
 *   flagged with the earlier one as `duplicate_of`, like the service flags them;
 * - `submitted_on` the workspace's day of `created_at`; lead_counts rows summed from the rows.
 *
 * The generator runs once per engine and refills `LeadFacts` as it goes (the same rows, so the
 * same facts): the operations read them after the load.
 */

export type LeadRow = Tables['leads']['$inferInsert'];
export type LeadCountRow = Tables['leadCounts']['$inferInsert'];

export const LEADS_AT_SEED_SCALE = 1_000_000;
/** The queue's deep page: 100,000 pending leads in at seed scale (× BENCH_SCALE, and never past the end). */
export const QUEUE_DEEP_AT_SEED_SCALE = 100_000;
export const QUEUE_PAGE = 50;

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

export const REJECTION_REASONS = ['Duplicate of an earlier registration', 'Outside our target market', 'Contact incomplete or unreachable', 'Already a customer', 'No real buying interest'];

export interface LeadFacts {
  total: number;
  /** Rows per status and flagged duplicates among them, as loaded into lead_counts. */
  counts: Record<LeadStatus, { total: number; duplicates: number }>;
  pending: number;
  /** The queue's deep page: how many pending leads come before it, the cursor after the last of them, and the first lead it must show. */
  deep: { depth: number; cursor: string; firstId: string; key: { rank: number; at: number; id: string } };
  /** Submitted leads at version 0, in a seeded random order (approve takes one per call). */
  approvable: string[];
  /** Active, live partners without a monthly quota: submissions for them never hit it. */
  submitPartners: string[];
  /** Emails of leads of the last days (live, in the protection window): a submission with one is flagged. */
  recentEmails: string[];
  /** Generation time of the rows. */
  firstMs: number;
  lastMs: number;
}

/** What a later duplicate copies from an earlier lead (not the whole row: the ring would keep 20,000 breakdowns alive). */
interface RecentLead {
  id: string;
  partnerId: string;
  createdAt: Date;
  company: string;
  email: string;
  website: string | null;
  phoneE164: string;
  companyDomain: string | null;
}

interface PendingKey {
  rank: number;
  at: number;
  id: string;
  submitted: boolean;
}

const FIRST = ['Anna', 'Lukas', 'Marie', 'Jonas', 'Sofia', 'Elias', 'Emma', 'Noah', 'Léa', 'Hugo', 'Chloé', 'Liam', 'Olivia', 'Mateo', 'Julia', 'Finn', 'Ines', 'Ravi', 'Mei', 'Omar'];
const LAST = ['Müller', 'Schmidt', 'Dubois', 'Martin', 'Rossi', 'Bianchi', 'García', 'López', 'Jansen', 'de Vries', 'Smith', 'Brown', 'Nowak', 'Kowalski', 'Silva', 'Costa', 'Berg', 'Lund', 'Kaya', 'Novak'];
const ASCII: Record<string, string> = { ü: 'ue', é: 'e', í: 'i', ó: 'o', á: 'a' };
const ascii = (s: string) => s.toLowerCase().replace(/[üéíóá]/g, (c) => ASCII[c] ?? c).replace(/[^a-z]/g, '');
const COMPANY_WORDS = ['Nordic', 'Apex', 'Blue', 'Quantum', 'Alpine', 'Harbor', 'Summit', 'Vertex', 'Cedar', 'Atlas', 'Nova', 'Pioneer', 'Zenith', 'Orion', 'Polar'];
const COMPANY_KINDS = ['Logistics', 'Health', 'Retail', 'Energy', 'Foods', 'Systems', 'Analytics', 'Mobility', 'Finance', 'Media'];
const FREE_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com', 'gmx.de', 'web.de', 'hotmail.com', 'orange.fr'];
const JOB_TITLES = ['Head of IT', 'CTO', 'Procurement Manager', 'Operations Director', 'CFO', 'IT Manager', 'Office Manager', null];
const PRODUCTS = ['Platform', 'Analytics add-on', 'Support plan', 'Migration', 'Training', null];
const COUNTRIES = [
  ['DE', 35],
  ['FR', 15],
  ['GB', 10],
  ['NL', 10],
  ['AT', 5],
  ['ES', 8],
  ['IT', 8],
  ['US', 9],
] as const;

/** A breakdown in the stored shape whose points add up to `score`: each signal gets its share of its max, the rest to the first with room. */
function breakdownOf(score: number, duplicate: boolean): LeadScoreLine[] {
  const lines = LEAD_SCORE_SIGNALS.map((signal) => ({ signal, points: 0, max: DEFAULT_LEAD_SCORE_WEIGHTS[signal], sentence: '' }));
  const open = lines.filter((l) => !(duplicate && l.signal === 'duplicate'));
  const room = open.reduce((sum, l) => sum + l.max, 0);
  let left = Math.min(score, room);
  for (const l of open) {
    l.points = Math.min(l.max, Math.floor((score * l.max) / room));
    left -= l.points;
  }
  for (const l of open) {
    const add = Math.min(left, l.max - l.points);
    l.points += add;
    left -= add;
  }
  for (const l of lines) l.sentence = `${l.signal.replace('_', ' ')}: ${l.points} of ${l.max} points`;
  return lines;
}

/** Scores cluster in the middle with long tails, as real intake does: the mean of three uniforms, spread to 0–100. */
const scoreOf = (r: Rand) => Math.max(0, Math.min(100, Math.round(((r() + r() + r()) / 3) * 120 - 10)));

export interface LeadPlanInput {
  seed: number;
  scale: number;
  tenantId: string;
  partnerData: PartnerData;
  deciders: readonly { id: string }[];
  /** The end of the 12 months (the plan's "now"); the bench's own submissions come after it. */
  endMs: number;
}

export function leadCount(scale: number): number {
  return Math.max(1_000, Math.round(LEADS_AT_SEED_SCALE * scale));
}

export function emptyLeadFacts(input: LeadPlanInput): LeadFacts {
  const r = prng(input.seed ^ 0x1ead5);
  const live = input.partnerData.partners.filter((p) => p.deletedAt === null);
  return {
    total: leadCount(input.scale),
    counts: Object.fromEntries(LEAD_STATUSES.map((s) => [s, { total: 0, duplicates: 0 }])) as LeadFacts['counts'],
    pending: 0,
    deep: { depth: 0, cursor: '', firstId: '', key: { rank: 0, at: 0, id: '' } },
    approvable: [],
    submitPartners: shuffled(
      r,
      live.filter((p) => p.status === 'active' && p.monthlyLeadQuota === 0).map((p) => p.id),
    ),
    recentEmails: [],
    firstMs: input.endMs - YEAR_MS,
    lastMs: input.endMs,
  };
}

/** Recent leads a duplicate may repeat: a ring of the last ones generated, at most 20,000 and 60 days' worth (inside the 90-day protection window at any scale). */
const recentRing = (total: number) => Math.max(100, Math.min(20_000, Math.round((total * 60) / 365)));

/**
 * Yields the leads in creation order, `batchSize` at a time, filling `facts` (reset first); the
 * generator's return value is the lead_counts rows.
 */
export function* leadBatches(input: LeadPlanInput, facts: LeadFacts, batchSize: number): Generator<LeadRow[], LeadCountRow[]> {
  const r = prng(input.seed ^ 0x1ead);
  Object.assign(facts, emptyLeadFacts(input));
  const submitters = input.partnerData.partners.filter((p) => p.deletedAt === null && p.approvedAt !== null);
  if (submitters.length === 0) throw new Error('no approved partners to give leads to');
  const usersByPartner = new Map<string, PartnerUserRow[]>();
  for (const u of input.partnerData.users) {
    if (u.inviteTokenHash !== null) continue;
    const list = usersByPartner.get(u.partnerId) ?? [];
    list.push(u);
    usersByPartner.set(u.partnerId, list);
  }
  const dayCache = new Map<number, string>();
  const dayOf = (ms: number) => {
    const bucket = Math.floor(ms / (15 * 60_000)); // every zone's offset is a multiple of 15 minutes
    let day = dayCache.get(bucket);
    if (day === undefined) {
      day = todayIn(DEFAULT_TIME_ZONE, new Date(bucket * 15 * 60_000));
      dayCache.set(bucket, day);
    }
    return day;
  };
  const recent: RecentLead[] = [];
  const pendingKeys: PendingKey[] = [];
  const ring = recentRing(facts.total);
  const step = YEAR_MS / facts.total;
  let batch: LeadRow[] = [];
  for (let n = 0; n < facts.total; n++) {
    const ms = Math.floor(facts.firstMs + n * step + r() * step * 0.9);
    const created = new Date(ms);
    // A few partners bring most leads: the index's density grows towards the first partners.
    const partner = submitters[Math.floor(submitters.length * r() ** 1.6)] as PartnerRow;
    const earlier = recent.length > 100 && r() < 0.06 ? recent[int(r, 0, recent.length - 1)] : undefined;
    const first = pick(r, FIRST);
    const last = pick(r, LAST);
    const country = weighted(r, COUNTRIES);
    let company: string;
    let email: string;
    let companyDomain: string | null;
    let phoneE164 = `+4930${20_000_000 + ((n * 7_919) % 70_000_000)}`;
    let website: string | null = null;
    const matchedOn: ('email' | 'phone' | 'companyDomain')[] = [];
    const shape = r();
    if (earlier && shape < 0.5) {
      // The same contact registered again (often by another partner): email, phone and company all match.
      company = earlier.company;
      email = earlier.email;
      phoneE164 = earlier.phoneE164;
      website = earlier.website;
      companyDomain = earlier.companyDomain;
      matchedOn.push('email', 'phone', ...(companyDomain ? (['companyDomain'] as const) : []));
    } else if (earlier && shape < 0.7) {
      // The same line, another mailbox.
      company = earlier.company;
      email = `${ascii(first)}${n}@${pick(r, FREE_MAIL)}`;
      phoneE164 = earlier.phoneE164;
      companyDomain = null;
      matchedOn.push('phone');
    } else if (earlier?.companyDomain) {
      // Another person at the same company.
      company = earlier.company;
      companyDomain = earlier.companyDomain;
      email = `${ascii(first)}.${ascii(last)}${n}@${companyDomain}`;
      matchedOn.push('companyDomain');
    } else {
      company = `${pick(r, COMPANY_WORDS)} ${pick(r, COMPANY_KINDS)} ${n.toString(36)}`;
      const domain = `${ascii(company.split(' ')[0] ?? 'co')}-${n.toString(36)}.example`;
      if (r() < 0.25) {
        email = `${ascii(first)}${ascii(last)}${n}@${pick(r, FREE_MAIL)}`;
        website = r() < 0.5 ? `www.${domain}` : null;
        companyDomain = website ? domain : null;
      } else {
        email = `${ascii(first)}.${ascii(last)}@${domain}`;
        companyDomain = domain;
      }
    }
    const duplicate = earlier !== undefined && matchedOn.length > 0;
    const ageMs = input.endMs - ms;
    const pending = r() < (ageMs < 30 * DAY_MS ? 0.5 : 0.086);
    const status: LeadStatus = pending
      ? r() < 0.75
        ? 'submitted'
        : 'under_review'
      : duplicate && r() < 0.6
        ? 'rejected'
        : weighted(r, [
            ['approved', 35],
            ['rejected', 40],
            ['converted', 25],
          ] as const);
    const score = Math.max(0, scoreOf(r) - (duplicate ? 20 : 0));
    const decider = pick(r, input.deciders).id;
    const decidedAt = status === 'submitted' || status === 'under_review' ? null : new Date(Math.min(input.endMs, ms + int(r, 1, 10 * DAY_MS)));
    const claimedAt = status === 'under_review' || (decidedAt && r() < 0.5) ? new Date(Math.min(input.endMs, ms + int(r, 1, DAY_MS))) : null;
    const convertedAt = status === 'converted' && decidedAt ? new Date(Math.min(input.endMs, decidedAt.getTime() + int(r, DAY_MS, 60 * DAY_MS))) : null;
    const users = usersByPartner.get(partner.id);
    const byUser = users && r() < 0.8 ? pick(r, users) : undefined;
    const id = uuidV7At(ms, r);
    const version = (claimedAt ? 1 : 0) + (decidedAt ? 1 : 0) + (convertedAt ? 1 : 0);
    const row: LeadRow = {
      id,
      tenantId: input.tenantId,
      partnerId: partner.id,
      type: r() < 0.8 ? 'new_lead' : 'referral',
      status,
      contactName: `${first} ${last}`,
      company,
      email,
      phone: phoneE164.replace(/^\+49(30)(\d+)$/, '+49 $1 $2'),
      country,
      jobTitle: pick(r, JOB_TITLES),
      productInterest: pick(r, PRODUCTS),
      website,
      notes: r() < 0.3 ? 'Met at the partner day; wants a call next week.' : null,
      extra: [],
      estimatedValueMinor: r() < 0.7 ? int(r, 10, 5_000) * 10_000 : null,
      score,
      queueRank: 100 - score,
      scoreBreakdown: breakdownOf(score, duplicate),
      emailKey: email,
      phoneE164,
      companyDomain,
      duplicateOf: duplicate && earlier ? earlier.id : null,
      duplicateFlag: duplicate,
      duplicateMatches: duplicate && earlier ? [{ leadId: earlier.id, partnerId: earlier.partnerId, submittedAt: earlier.createdAt.toISOString(), matchedOn }] : [],
      idempotencyKey: `seed-${n.toString(36)}`,
      submittedByType: byUser ? 'partner_user' : 'staff',
      submittedBy: byUser ? byUser.id : decider,
      submittedOn: dayOf(ms),
      claimedBy: claimedAt ? decider : null,
      claimedAt,
      decidedBy: decidedAt ? decider : null,
      decidedAt,
      rejectionReason: status === 'rejected' ? (duplicate ? (REJECTION_REASONS[0] as string) : pick(r, REJECTION_REASONS)) : null,
      decisionNote: null,
      crmLeadId: status === 'approved' || status === 'converted' ? `CRM-${100_000 + n}` : null,
      convertedValueMinor: convertedAt ? int(r, 10, 5_000) * 10_000 : null,
      convertedOn: convertedAt ? dayOf(convertedAt.getTime()) : null,
      convertedAt,
      createdAt: created,
      updatedAt: convertedAt ?? decidedAt ?? claimedAt ?? created,
      deletedAt: null,
      version,
    };
    if (n < 2_000) checkKeys(row);
    const c = facts.counts[status];
    c.total++;
    if (duplicate) c.duplicates++;
    if (pending) pendingKeys.push({ rank: 100 - score, at: ms, id, submitted: status === 'submitted' });
    if (status !== 'rejected') {
      const kept: RecentLead = { id, partnerId: partner.id, createdAt: created, company, email, website, phoneE164, companyDomain };
      if (recent.length < ring) recent.push(kept);
      else recent[n % ring] = kept;
    }
    batch.push(row);
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
  finishFacts(facts, pendingKeys, recent, input.seed, input.scale);
  return LEAD_STATUSES.map((status) => ({ tenantId: input.tenantId, status, total: facts.counts[status].total, duplicates: facts.counts[status].duplicates }));
}

/** The generator writes keys by hand for speed; the first rows are checked against the domain's own normalisation. */
function checkKeys(row: LeadRow): void {
  const keys = dedupeKeysOf({ email: row.email ?? null, phone: row.phone ?? null, website: row.website ?? null, country: row.country ?? null });
  if (keys.email !== row.emailKey || keys.phone !== row.phoneE164 || keys.companyDomain !== row.companyDomain) {
    throw new Error(`bench lead ${row.id}: keys ${JSON.stringify([row.emailKey, row.phoneE164, row.companyDomain])}, the domain says ${JSON.stringify(keys)}`);
  }
}

function finishFacts(facts: LeadFacts, pendingKeys: PendingKey[], recent: RecentLead[], seed: number, scale: number): void {
  // The queue's order: queue_rank, created_at, id ascending (ids are ASCII hex: byte order on every engine).
  pendingKeys.sort((a, b) => a.rank - b.rank || a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  facts.pending = pendingKeys.length;
  const depth = Math.min(Math.round(QUEUE_DEEP_AT_SEED_SCALE * scale), pendingKeys.length - 2 * QUEUE_PAGE);
  if (depth < QUEUE_PAGE) throw new Error(`only ${pendingKeys.length} pending leads: too few for a deep queue page`);
  const before = pendingKeys[depth - 1] as PendingKey;
  const key = { rank: before.rank, at: before.at, id: before.id };
  facts.deep = { depth, cursor: encodeCursor({ kind: 'q', ...key }), firstId: (pendingKeys[depth] as PendingKey).id, key };
  const r = prng(seed ^ 0xa99);
  facts.approvable = shuffled(
    r,
    pendingKeys.filter((k) => k.submitted).map((k) => k.id),
  );
  // The newest live leads' emails (the ring holds them, in no order): a submission reusing one is inside any protection window.
  facts.recentEmails = shuffled(
    r,
    recent
      .filter((row) => row.createdAt.getTime() > facts.lastMs - 7 * DAY_MS)
      .map((row) => row.email)
      .slice(0, 5_000),
  );
}
