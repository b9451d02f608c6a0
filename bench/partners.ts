import type { Tables } from '../src-main/data/database';
import { formatPartnerCode } from '../src-main/domain/partners/partner-code';
import { normaliseCommercialTerms } from '../src-main/domain/partners/commercial-terms';
import { deriveKycStatus, kycExpiresOn, type KycDocumentFacts } from '../src-main/domain/partners/kyc-status';
import { NO_BANKING, searchTextOf } from '../src-main/services/partners/partner-rows';
import { DEFAULT_TIME_ZONE, todayIn } from '../src-shared/calendar';
import {
  KYC_DOCUMENT_KINDS,
  type CommissionModel,
  type KycDocumentKind,
  type KycStatus,
  type PartnerStatus,
  type PartnerTier,
  type PartnerType,
  type PayoutMethod,
} from '../src-shared/contract/partners';
import { PARTNER_ROLES, type PartnerRole } from '../src-shared/contract/roles';
import { hex, int, pick, prng, shuffled, uuidV7At, weighted, type Rand } from './random';

/**
 * Seed-scale partners (10,000 by default, BENCH_PARTNERS to change; not multiplied by
 * BENCH_SCALE), with their KYC documents and portal users, as rows of the app's own tables
 * (types inferred from the schema, so a renamed column fails to compile here).
 *
 * Each row is what the services would have written: codes as formatPartnerCode makes them,
 * search_text by the service's searchTextOf, commercial terms by the domain's
 * normaliseCommercialTerms, kyc_status and kyc_expires_on by the domain's deriveKycStatus and
 * kycExpiresOn over the generated documents and decision (as refreshKyc stores them; a plan
 * whose documents derive another status than intended fails loudly), approval fields on every
 * partner that was ever approved. Banking is left empty (banking_sealed/banking_masked null):
 * sealing needs the app's key provider, and no timed operation reads it.
 *
 * Document expiries are fixed dates (deterministic): valid ones lie in 2029–2034, expired ones
 * before mid-2026. The generator refuses to run once the real date passes the earliest "valid"
 * expiry, rather than silently producing partners whose KYC has expired.
 */

export type PartnerRow = Tables['partners']['$inferSelect'];
export type PartnerDocumentRow = Tables['partnerDocuments']['$inferSelect'];
/** `passwordHash` is left null: the loader gives every user without an invite the shared staff hash. */
export type PartnerUserRow = Tables['partnerUsers']['$inferSelect'];

export interface PartnerData {
  partners: PartnerRow[];
  documents: PartnerDocumentRow[];
  users: PartnerUserRow[];
}

export interface PartnerSpec {
  seed: number;
  count: number;
  tenantId: string;
  /** Staff who review KYC and verify documents (admins). */
  reviewers: readonly { id: string }[];
  /** Staff who approve and change status (admins and managers). */
  deciders: readonly { id: string }[];
}

/** Partners are created over three years; later events (KYC, approval, edits) until END. */
export const PARTNERS_START_MS = Date.UTC(2022, 0, 1);
const CREATED_END_MS = Date.UTC(2024, 11, 1);
const END_MS = Date.UTC(2025, 0, 1);
/** The earliest expiry given to a document that must still be valid. */
const VALID_EXPIRY_FROM = '2029-01-01';

// ---------------------------------------------------------------------------------------------
// Distributions

const TYPES: readonly (readonly [PartnerType, number])[] = [
  ['channel_partner', 40],
  ['portal', 25],
  ['customer', 20],
  ['vendor', 15],
];
export const STATUS_WEIGHTS: readonly (readonly [PartnerStatus, number])[] = [
  ['active', 60],
  ['pending', 15],
  ['suspended', 10],
  ['inactive', 10],
  ['rejected', 5],
];
export const TIER_WEIGHTS: readonly (readonly [PartnerTier, number])[] = [
  ['bronze', 50],
  ['silver', 30],
  ['gold', 15],
  ['platinum', 5],
];
/** KYC by partner status: active partners are verified (some have let a document expire since), pending ones anywhere in the review. */
const KYC_BY_STATUS: Readonly<Record<PartnerStatus, readonly (readonly [KycStatus, number])[]>> = {
  active: [
    ['verified', 92],
    ['expired', 8],
  ],
  pending: [
    ['not_started', 25],
    ['submitted', 35],
    ['verified', 30],
    ['rejected', 10],
  ],
  suspended: [
    ['verified', 60],
    ['expired', 40],
  ],
  inactive: [
    ['verified', 50],
    ['expired', 50],
  ],
  rejected: [
    ['rejected', 70],
    ['submitted', 20],
    ['not_started', 10],
  ],
};
const MODELS: readonly (readonly [CommissionModel, number])[] = [
  ['percentage', 50],
  ['fixed', 25],
  ['hybrid', 25],
];
const PAYOUTS: readonly (readonly [PayoutMethod, number])[] = [
  ['bank_transfer', 70],
  ['paypal', 15],
  ['wire', 10],
  ['check', 5],
];

interface CountryInfo {
  weight: number;
  dial: string;
  suffixes: readonly string[];
  tld: string;
  cities: readonly string[];
  streets: readonly string[];
  postal(r: Rand): string;
}

const digits = (r: Rand, n: number) => Array.from({ length: n }, () => String(int(r, 0, 9))).join('');
const letters = (r: Rand, n: number) => Array.from({ length: n }, () => String.fromCharCode(65 + int(r, 0, 25))).join('');

const COUNTRIES: Readonly<Record<string, CountryInfo>> = {
  DE: { weight: 25, dial: '+49', suffixes: ['GmbH', 'GmbH', 'AG', 'GmbH & Co. KG'], tld: 'de', cities: ['Berlin', 'Hamburg', 'München', 'Köln', 'Frankfurt am Main', 'Leipzig'], streets: ['Hauptstraße', 'Bahnhofstraße', 'Gartenweg', 'Industriestraße'], postal: (r) => digits(r, 5) },
  FR: { weight: 15, dial: '+33', suffixes: ['SARL', 'SAS', 'SA'], tld: 'fr', cities: ['Paris', 'Lyon', 'Marseille', 'Toulouse', 'Lille', 'Nantes'], streets: ['Rue de la République', 'Avenue Victor Hugo', 'Rue du Commerce'], postal: (r) => digits(r, 5) },
  GB: { weight: 10, dial: '+44', suffixes: ['Ltd', 'Ltd', 'PLC', 'LLP'], tld: 'co.uk', cities: ['London', 'Manchester', 'Leeds', 'Bristol', 'Glasgow'], streets: ['High Street', 'Station Road', 'Church Lane'], postal: (r) => `${letters(r, 2)}${int(r, 1, 20)} ${int(r, 1, 9)}${letters(r, 2)}` },
  NL: { weight: 10, dial: '+31', suffixes: ['BV', 'BV', 'NV'], tld: 'nl', cities: ['Amsterdam', 'Rotterdam', 'Utrecht', 'Eindhoven'], streets: ['Keizersgracht', 'Stationsplein', 'Dorpsstraat'], postal: (r) => `${int(r, 1000, 9999)} ${letters(r, 2)}` },
  ES: { weight: 8, dial: '+34', suffixes: ['SL', 'SA'], tld: 'es', cities: ['Madrid', 'Barcelona', 'Valencia', 'Sevilla', 'Bilbao'], streets: ['Calle Mayor', 'Gran Vía', 'Paseo de Gracia'], postal: (r) => digits(r, 5) },
  IT: { weight: 8, dial: '+39', suffixes: ['Srl', 'SpA'], tld: 'it', cities: ['Milano', 'Roma', 'Torino', 'Bologna', 'Napoli'], streets: ['Via Roma', 'Corso Italia', 'Via Garibaldi'], postal: (r) => digits(r, 5) },
  PL: { weight: 5, dial: '+48', suffixes: ['Sp. z o.o.', 'SA'], tld: 'pl', cities: ['Warszawa', 'Kraków', 'Wrocław', 'Gdańsk'], streets: ['ul. Marszałkowska', 'ul. Długa', 'ul. Polna'], postal: (r) => `${digits(r, 2)}-${digits(r, 3)}` },
  SE: { weight: 4, dial: '+46', suffixes: ['AB'], tld: 'se', cities: ['Stockholm', 'Göteborg', 'Malmö', 'Uppsala'], streets: ['Storgatan', 'Drottninggatan', 'Kungsgatan'], postal: (r) => `${digits(r, 3)} ${digits(r, 2)}` },
  AT: { weight: 4, dial: '+43', suffixes: ['GmbH', 'AG'], tld: 'at', cities: ['Wien', 'Graz', 'Linz', 'Salzburg'], streets: ['Mariahilfer Straße', 'Landstraße', 'Ringstraße'], postal: (r) => digits(r, 4) },
  BE: { weight: 4, dial: '+32', suffixes: ['BV', 'SRL', 'NV'], tld: 'be', cities: ['Bruxelles', 'Antwerpen', 'Gent', 'Liège'], streets: ['Rue Neuve', 'Meir', 'Veldstraat'], postal: (r) => digits(r, 4) },
  IE: { weight: 3, dial: '+353', suffixes: ['Ltd', 'DAC'], tld: 'ie', cities: ['Dublin', 'Cork', 'Galway', 'Limerick'], streets: ['Grafton Street', 'Main Street', 'Quay Street'], postal: (r) => `D${digits(r, 2)} ${letters(r, 1)}${digits(r, 3)}` },
  US: { weight: 4, dial: '+1', suffixes: ['Inc.', 'LLC', 'Corp.'], tld: 'com', cities: ['New York', 'Chicago', 'Austin', 'Seattle', 'Boston'], streets: ['Main Street', 'Market Street', 'Broadway'], postal: (r) => digits(r, 5) },
};
const COUNTRY_WEIGHTS = Object.entries(COUNTRIES).map(([code, c]) => [code, c.weight] as const);

const NAME_PREFIXES = [
  'Nordic', 'Alpine', 'Baltic', 'Atlas', 'Summit', 'Harbor', 'Pioneer', 'Crescent', 'Meridian', 'Evergreen',
  'Silverline', 'Granite', 'Horizon', 'Keystone', 'Lighthouse', 'Northstar', 'Orchard', 'Pinnacle', 'Redwood', 'Riverside',
  'Sterling', 'Tidewater', 'Vanguard', 'Westbrook', 'Zenith', 'Apex', 'Beacon', 'Cedar', 'Cobalt', 'Delta',
  'Falcon', 'Frontier', 'Goldfield', 'Highland', 'Ironbridge', 'Juniper', 'Lakeside', 'Magnolia', 'Oakridge', 'Phoenix',
  'Quantum', 'Rheinland', 'Sapphire', 'Solstice', 'Trident', 'Unity', 'Vertex', 'Willow', 'Amber', 'Brightwater',
  'Castlegate', 'Danube', 'Elbe', 'Fjord', 'Garnet', 'Hanse', 'Iberia', 'Lumen', 'Mistral', 'Tramontana',
] as const;
const INDUSTRIES = [
  'Logistics', 'Software', 'Consulting', 'Energy', 'Media', 'Telecom', 'Finance', 'Insurance', 'Solutions', 'Systems',
  'Networks', 'Partners', 'Trading', 'Distribution', 'Retail', 'Analytics', 'Marketing', 'Security', 'Health', 'Mobility',
  'Solar', 'Robotics', 'Foods', 'Textiles', 'Engineering', 'Labs', 'Ventures', 'Capital', 'Holdings', 'Digital',
  'Cloud', 'Data', 'Commerce', 'Services', 'Industries', 'Technologies', 'Group', 'Supply', 'Leasing', 'Realty',
  'Travel', 'Print', 'Design', 'Legal', 'Payments',
] as const;
const REGIONS = ['Europe', 'International', 'Nord', 'Benelux', 'DACH', 'Iberica', 'Scandinavia', 'Central'] as const;
const SURNAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Hoffmann', 'Wagner', 'Martin', 'Bernard',
  'Dubois', 'Moreau', 'Laurent', 'García', 'Fernández', 'López', 'Rossi', 'Russo', 'Bianchi', 'Romano',
  'de Jong', 'Jansen', 'de Vries', 'van Dijk', 'Bakker', 'Nowak', 'Kowalski', 'Wiśniewski', 'Andersson', 'Johansson',
  'Karlsson', 'Nilsson', 'Gruber', 'Huber', 'Peeters', 'Janssens', 'Murphy', 'Kelly', "O'Brien", 'Smith',
  'Jones', 'Taylor', 'Brown', 'Wilson', 'Evans', 'Thomas', 'Johnson', 'Miller', 'Davis', 'Clark',
] as const;
const FIRST_NAMES = [
  'Anna', 'Lukas', 'Sophie', 'Jonas', 'Marie', 'Felix', 'Emma', 'Paul', 'Léa', 'Hugo',
  'Camille', 'Louis', 'Lucía', 'Pablo', 'Martina', 'Diego', 'Giulia', 'Marco', 'Chiara', 'Luca',
  'Sanne', 'Daan', 'Fleur', 'Bram', 'Zofia', 'Jakub', 'Maja', 'Erik', 'Astrid', 'Lars',
  'Lena', 'Tobias', 'Elise', 'Wout', 'Aoife', 'Cian', 'Olivia', 'James', 'Emily', 'Oliver',
  'Hannah', 'Noah', 'Clara', 'Elias', 'Ines', 'Mateo', 'Nora', 'Oskar', 'Ida', 'Viktor',
] as const;
const SUSPEND_REASONS = ['Unusual spike in duplicate leads: under investigation', 'Banking details under review', 'Complaint from an end customer', 'Unpaid platform fees'];
const DEACTIVATE_REASONS = ['Contract ended', 'Partner closed its business', 'Merged into another partner', 'No activity for 12 months'];
const REJECT_REASONS = ['Operates outside our sales territories', 'Duplicate of an existing partner', 'KYC documents could not be verified', 'Does not meet the program criteria'];
const DOCUMENT_REJECT_REASONS = ['Scan is unreadable', 'Document is not signed', 'Name does not match the legal name', 'Wrong document type'];

/** For e-mail addresses and domains: letters and digits only, diacritics folded ("Müller" → "muller"). */
const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

// ---------------------------------------------------------------------------------------------
// Generation

/** The name without its legal form, e.g. "Nordic Logistics", "Müller & Rossi". */
function companyName(r: Rand): string {
  const pattern = r();
  return pattern < 0.5
      ? `${pick(r, NAME_PREFIXES)} ${pick(r, INDUSTRIES)}`
      : pattern < 0.7
        ? `${pick(r, SURNAMES)} ${pick(r, INDUSTRIES)}`
        : pattern < 0.85
          ? `${pick(r, SURNAMES)} & ${pick(r, SURNAMES)}`
          : `${pick(r, NAME_PREFIXES)} ${pick(r, INDUSTRIES)} ${pick(r, REGIONS)}`;
}

function terms(r: Rand, tier: PartnerTier) {
  const commissionModel = weighted(r, MODELS);
  const rateBp = commissionModel === 'percentage' ? int(r, 10, 50) * 50 : int(r, 4, 20) * 50;
  const fixedPriceMinor = commissionModel === 'fixed' ? int(r, 4, 100) * 500 : int(r, 2, 40) * 500;
  const quotaByTier: Readonly<Record<PartnerTier, number>> = { bronze: 50, silver: 100, gold: 250, platinum: 1000 };
  const monthlyLeadQuota = r() < 0.4 ? 0 : quotaByTier[tier];
  // Stored as the service stores them (the field the model does not use zeroed).
  return normaliseCommercialTerms({ commissionModel, rateBp, fixedPriceMinor, tier, monthlyLeadQuota });
}

/** Increasing instants between `fromMs` and END: each step goes a random part of the way to END. */
function timeline(r: Rand, fromMs: number) {
  let cursor = fromMs;
  return {
    next(fraction = 0.25): Date {
      cursor = Math.min(END_MS - 1, cursor + 60_000 + Math.floor(r() * (END_MS - cursor) * fraction));
      return new Date(cursor);
    },
    get now(): Date {
      return new Date(cursor);
    },
  };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const validExpiry = (r: Rand) => isoDay(Date.parse(`${VALID_EXPIRY_FROM}T00:00:00Z`) + int(r, 0, 5 * 365) * 86_400_000);

interface KycPlan {
  documents: PartnerDocumentRow[];
  decision: { decision: 'verified' | 'rejected'; at: Date; by: string } | null;
}

/**
 * Documents and the reviewer's decision that make `kyc` the derived status:
 *  verified - all four kinds verified and current (identity and tax form with an expiry), signed off;
 *  expired  - as verified, but the identity document expired since (between its verification and mid-2026);
 *  submitted - some kinds uploaded, some verified, none rejected or expired, no decision;
 *  rejected - some kinds uploaded, some rejected, then the reviewer rejected (nothing uploaded since);
 *  not_started - nothing.
 */
function kycFor(r: Rand, kyc: KycStatus, partner: { id: string; tenantId: string; code: string }, t: ReturnType<typeof timeline>, spec: PartnerSpec): KycPlan {
  const documents: PartnerDocumentRow[] = [];
  const doc = (kind: KycDocumentKind, uploadedAt: Date): PartnerDocumentRow => {
    const png = r() >= 0.8;
    const row: PartnerDocumentRow = {
      id: uuidV7At(uploadedAt.getTime(), r),
      tenantId: partner.tenantId,
      partnerId: partner.id,
      kind,
      fileName: `${kind.replace('_', '-')}-${partner.code.toLowerCase()}.${png ? 'png' : 'pdf'}`,
      mimeType: png ? 'image/png' : 'application/pdf',
      size: int(r, 40_000, 4_000_000),
      sha256: hex(r, 64),
      uploadedAt,
      uploadedBy: pick(r, spec.reviewers).id,
      verifiedAt: null,
      verifiedBy: null,
      rejectedAt: null,
      rejectedBy: null,
      rejectionReason: null,
      expiresOn: null,
      deletedAt: null,
    };
    documents.push(row);
    return row;
  };
  const verify = (row: PartnerDocumentRow, at: Date) => {
    row.verifiedAt = at;
    row.verifiedBy = pick(r, spec.reviewers).id;
    if (row.kind === 'identity') row.expiresOn = validExpiry(r);
    if (row.kind === 'tax_form') row.expiresOn = `${2029 + int(r, 0, 3)}-12-31`;
  };
  const reject = (row: PartnerDocumentRow, at: Date) => {
    row.rejectedAt = at;
    row.rejectedBy = pick(r, spec.reviewers).id;
    row.rejectionReason = pick(r, DOCUMENT_REJECT_REASONS);
  };

  switch (kyc) {
    case 'not_started':
      return { documents, decision: null };
    case 'verified':
    case 'expired': {
      // One in ten first had an identity scan rejected and uploaded a better one.
      if (r() < 0.1) reject(doc('identity', t.next(0.05)), t.next(0.02));
      const rows = KYC_DOCUMENT_KINDS.map((kind) => doc(kind, t.next(0.03)));
      for (const row of rows) verify(row, t.next(0.03));
      const decision = { decision: 'verified' as const, at: t.next(0.03), by: pick(r, spec.reviewers).id };
      if (kyc === 'expired') {
        const identity = rows.find((row) => row.kind === 'identity') as PartnerDocumentRow;
        const verifiedMs = (identity.verifiedAt as Date).getTime();
        const lastMs = Date.UTC(2026, 5, 30);
        identity.expiresOn = isoDay(verifiedMs + 86_400_000 + Math.floor(r() * (lastMs - verifiedMs - 86_400_000)));
      }
      return { documents, decision };
    }
    case 'submitted': {
      const kinds = shuffled(r, KYC_DOCUMENT_KINDS).slice(0, int(r, 1, 4));
      for (const kind of kinds) {
        const row = doc(kind, t.next(0.05));
        if (r() < 0.5) verify(row, t.next(0.03));
      }
      return { documents, decision: null };
    }
    case 'rejected': {
      const kinds = shuffled(r, KYC_DOCUMENT_KINDS).slice(0, int(r, 1, 4));
      const rows = kinds.map((kind) => doc(kind, t.next(0.05)));
      for (const row of rows) {
        if (r() < 0.6) reject(row, t.next(0.02));
        else if (r() < 0.5) verify(row, t.next(0.02));
      }
      return { documents, decision: { decision: 'rejected', at: t.next(0.05), by: pick(r, spec.reviewers).id } };
    }
  }
}

const factsOf = (row: PartnerDocumentRow): KycDocumentFacts => ({
  kind: row.kind as KycDocumentKind,
  uploadedAt: row.uploadedAt.toISOString(),
  verifiedAt: row.verifiedAt?.toISOString() ?? null,
  rejectedAt: row.rejectedAt?.toISOString() ?? null,
  expiresOn: row.expiresOn,
});

export function generatePartners(spec: PartnerSpec): PartnerData {
  const r = prng(spec.seed ^ 0x9a47);
  const today = todayIn(DEFAULT_TIME_ZONE, new Date());
  if (today >= VALID_EXPIRY_FROM) throw new Error(`bench/partners.ts: its "valid" document expiries start on ${VALID_EXPIRY_FROM}, which has passed: move VALID_EXPIRY_FROM on`);
  const partners: PartnerRow[] = [];
  const documents: PartnerDocumentRow[] = [];
  const users: PartnerUserRow[] = [];
  const sequences: Record<PartnerType, number> = { portal: 0, channel_partner: 0, vendor: 0, customer: 0 };
  const takenEmails = new Set<string>();
  const step = (CREATED_END_MS - PARTNERS_START_MS) / spec.count;

  for (let i = 0; i < spec.count; i++) {
    const createdMs = Math.floor(PARTNERS_START_MS + i * step + r() * step * 0.9);
    const id = uuidV7At(createdMs, r);
    const type = weighted(r, TYPES);
    sequences[type] += 1;
    const code = formatPartnerCode(type, sequences[type]);
    const countryCode = weighted(r, COUNTRY_WEIGHTS);
    const country = COUNTRIES[countryCode] as CountryInfo;
    const base = companyName(r);
    const legalName = `${base} ${pick(r, country.suffixes)}`;
    const displayName = r() < 0.85 ? base : legalName;
    const first = pick(r, FIRST_NAMES);
    const last = pick(r, SURNAMES);
    const domain = `${slug(base)}.${country.tld}`;
    const contactEmail = `${slug(first)}.${slug(last)}@${domain}`;
    const taxId = r() >= 0.9 ? null : countryCode === 'US' ? `${digits(r, 2)}-${digits(r, 7)}` : countryCode === 'NL' ? `NL${digits(r, 9)}B${digits(r, 2)}` : `${countryCode}${digits(r, 9)}`;
    const tier = weighted(r, TIER_WEIGHTS);
    const status = weighted(r, STATUS_WEIGHTS);
    const kycStatus = weighted(r, KYC_BY_STATUS[status]);
    const t = timeline(r, createdMs);
    const kyc = kycFor(r, kycStatus, { id, tenantId: spec.tenantId, code }, t, spec);

    let approvedAt: Date | null = null;
    let approvedBy: string | null = null;
    let statusChangedAt = new Date(createdMs);
    let statusReason: string | null = null;
    if (status === 'active' || status === 'suspended' || status === 'inactive') {
      approvedAt = t.next(0.05);
      approvedBy = pick(r, spec.deciders).id;
      statusChangedAt = approvedAt;
    }
    if (status === 'suspended' || status === 'inactive' || status === 'rejected') {
      statusChangedAt = t.next(0.3);
      statusReason = pick(r, status === 'suspended' ? SUSPEND_REASONS : status === 'inactive' ? DEACTIVATE_REASONS : REJECT_REASONS);
    }
    const updatedAt = r() < 0.5 ? t.next(0.5) : t.now;
    // A few inactive or rejected partners were deleted (soft): their codes stay taken.
    const deletedAt = (status === 'inactive' || status === 'rejected') && r() < 0.1 ? t.next(0.3) : null;
    const partnerTerms = terms(r, tier);
    // KYC as refreshKyc stores it: status and expiry day derived by the domain from these documents and the decision.
    const kycInput = {
      documents: kyc.documents.map(factsOf),
      decision: kyc.decision ? { decision: kyc.decision.decision, decidedAt: kyc.decision.at.toISOString() } : null,
      today,
    };
    const derived = deriveKycStatus(kycInput).status;
    if (derived !== kycStatus) throw new Error(`bench/partners.ts: ${code} was planned with KYC ${kycStatus} but its documents derive ${derived}`);
    const row: PartnerRow = {
      id,
      tenantId: spec.tenantId,
      code,
      type,
      legalName,
      displayName,
      contactName: `${first} ${last}`,
      contactEmail,
      contactPhone: r() < 0.8 ? `${country.dial} ${int(r, 10, 99)} ${digits(r, 7)}` : null,
      address: {
        line1: `${pick(r, country.streets)} ${int(r, 1, 220)}`,
        line2: r() < 0.1 ? `Floor ${int(r, 1, 12)}` : null,
        city: pick(r, country.cities),
        postalCode: country.postal(r),
        region: null,
      },
      country: countryCode,
      taxId,
      commissionModel: partnerTerms.commissionModel,
      rateBp: partnerTerms.rateBp,
      fixedPriceMinor: partnerTerms.fixedPriceMinor,
      tier,
      monthlyLeadQuota: partnerTerms.monthlyLeadQuota,
      payoutMethod: weighted(r, PAYOUTS),
      status,
      statusReason,
      statusChangedAt,
      approvedBy,
      approvedAt,
      kycStatus: derived,
      kycDecision: kyc.decision?.decision ?? null,
      kycDecidedAt: kyc.decision?.at ?? null,
      kycDecidedBy: kyc.decision?.by ?? null,
      kycExpiresOn: kycExpiresOn(kycInput),
      ...NO_BANKING,
      searchText: searchTextOf({ code, legalName, displayName, contactName: `${first} ${last}`, contactEmail, taxId }),
      createdAt: new Date(createdMs),
      updatedAt: updatedAt.getTime() < statusChangedAt.getTime() ? statusChangedAt : updatedAt,
      deletedAt,
    };
    partners.push(row);
    documents.push(...kyc.documents);

    // Portal users for partners that were approved at some point.
    if (approvedAt) {
      const n = weighted(r, [
        [1, 50],
        [2, 30],
        [3, 20],
      ] as const);
      for (let k = 0; k < n; k++) {
        const userFirst = k === 0 ? first : pick(r, FIRST_NAMES);
        const userLast = k === 0 ? last : pick(r, SURNAMES);
        let email = `${slug(userFirst)}.${slug(userLast)}@${domain}`;
        for (let dup = 2; takenEmails.has(email); dup++) email = `${slug(userFirst)}.${slug(userLast)}${dup}@${domain}`;
        takenEmails.add(email);
        const createdAt = new Date(approvedAt.getTime() + int(r, 1, 30) * 86_400_000);
        const invited = r() < 0.15;
        const role: PartnerRole = k === 0 ? 'partner_admin' : pick(r, PARTNER_ROLES.slice(1));
        users.push({
          id: uuidV7At(createdAt.getTime(), r),
          tenantId: spec.tenantId,
          partnerId: id,
          email,
          name: `${userFirst} ${userLast}`,
          role,
          passwordHash: null,
          inviteTokenHash: invited ? hex(r, 64) : null,
          inviteExpiresAt: invited ? new Date(createdAt.getTime() + 7 * 86_400_000) : null,
          lastLoginAt: invited ? null : new Date(createdAt.getTime() + int(r, 1, 200) * 86_400_000),
          createdAt,
          deactivatedAt: status === 'inactive' || deletedAt ? (deletedAt ?? statusChangedAt) : null,
          deletedAt,
          mustChangePassword: false,
          passwordChangedAt: null,
          notificationsSeenAt: null,
        });
      }
    }
  }
  return { partners, documents, users };
}

// ---------------------------------------------------------------------------------------------
// What the operations need to know about the partners

export interface PartnerFacts {
  /** Live (not deleted) partners: what the list counts. */
  live: number;
  /** Live partner ids in a seeded random order, so consecutive lookups do not hit neighbouring rows. */
  lookupIds: string[];
  byId: ReadonlyMap<string, PartnerRow>;
  /** The filtered list: its filter and how many live partners match. */
  filter: { tier: PartnerTier; status: PartnerStatus };
  filterTotal: number;
  /** A word found (as a substring of search_text, as LIKE '%q%' finds it) in about 1% of live partners. */
  search: string;
  searchIds: ReadonlySet<string>;
  /** Two letters (the search word's first two), too short for the trigram indexes: the list's bounded fallback. */
  shortSearch: string;
  /** Live partners whose search_text contains `shortSearch` (the list counts them only up to its cap). */
  shortSearchMatches: number;
  /** The deep page's offset: the middle of the list, on a page boundary. */
  deepOffset: number;
  /** Pending partners with verified KYC and four current documents, in a seeded random order. */
  approvable: string[];
}

export const PARTNER_PAGE = 100;
const SEARCH_SHARE = 0.01;
const SEARCH_SAMPLE = 10_000;

export function partnerFacts(data: PartnerData, seed: number): PartnerFacts {
  const r = prng(seed ^ 0xfac7);
  const live = data.partners.filter((p) => p.deletedAt === null);
  const filter = { tier: 'gold', status: 'active' } as const;
  // The word closest to 1% among the words names are made of (counted as LIKE counts: substrings of search_text).
  // Chosen on at most SEARCH_SAMPLE partners (every k-th; all of them at the seed's 10,000): some 150 words
  // over every partner took 7 s of CPU at 100,000 (0.3 s at 10,000). The chosen word's matches are then found in all.
  const words = [...new Set([...NAME_PREFIXES, ...INDUSTRIES, ...SURNAMES].map((w) => w.toLowerCase()).filter((w) => /^[a-z]{4,}$/.test(w)))].sort();
  const every = Math.ceil(live.length / SEARCH_SAMPLE);
  const sample = every > 1 ? live.filter((_p, i) => i % every === 0) : live;
  const target = sample.length * SEARCH_SHARE;
  let search = words[0] as string;
  let best = Number.POSITIVE_INFINITY;
  for (const word of words) {
    const n = sample.reduce((sum, p) => sum + (p.searchText.includes(word) ? 1 : 0), 0);
    if (n > 0 && Math.abs(n - target) < best) {
      best = Math.abs(n - target);
      search = word;
    }
  }
  return {
    live: live.length,
    lookupIds: shuffled(
      r,
      live.map((p) => p.id),
    ),
    byId: new Map(data.partners.map((p) => [p.id, p])),
    filter,
    filterTotal: live.filter((p) => p.tier === filter.tier && p.status === filter.status).length,
    search,
    searchIds: new Set(live.filter((p) => p.searchText.includes(search)).map((p) => p.id)),
    shortSearch: search.slice(0, 2),
    shortSearchMatches: live.reduce((n, p) => n + (p.searchText.includes(search.slice(0, 2)) ? 1 : 0), 0),
    deepOffset: Math.floor(live.length / 2 / PARTNER_PAGE) * PARTNER_PAGE,
    approvable: shuffled(
      r,
      live.filter((p) => p.status === 'pending' && p.kycStatus === 'verified').map((p) => p.id),
    ),
  };
}
