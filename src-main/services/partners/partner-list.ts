import { and, asc, desc, eq, gt, isNotNull, isNull, lt, ne, sql, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import { KYC_STATUSES, type KycStatus, type listPartnersInput, type PartnerPage, type PartnerSortField, type PartnerSummary } from '../../../src-shared/contract/partners';
import type { AppDb, Database } from '../../data/database';
import { decodeKeyset, encodeKeyset } from '../../data/keyset';
import { preparedShapes, slot, statementsFor } from '../../data/prepared';
import { containsText, includesSql, isIndexable, searchNeedle, unindexed } from '../../data/text-search';
import type { ActiveSession } from '../context';
import { effectiveKyc, effectiveKycIs, effectiveKycSql, searchNamesSql, summaryColumns, toSummary, type PartnerSummaryRow } from './partner-rows';

/*
 * partners.list: keyset pages on every sort the screen offers, totals from partner_counts, and
 * indexed search. Each page is one range of a partial index (schema/partners.ts: tenant first,
 * the filter or sort key, id last), so its cost does not grow with the depth of the page or the
 * number of partners; the plans are pinned in tests/services/partners-list-plans.test.ts.
 */

type ListInput = z.output<typeof listPartnersInput>;

/** A search shorter than the index's trigrams is counted up to this; beyond it the total says "at least" (totalExact false). */
export const SHORT_SEARCH_COUNT_CAP = 1000;

/** Lexical, as the engines order the column (the statuses differ in their first letter, so every collation agrees). */
const KYC_ORDER = [...KYC_STATUSES].sort();

interface Keyed {
  row: PartnerSummaryRow;
  /** The row's cursor values after the kind: the sort key (and the rank first, for a search), then the id. */
  key: (string | number)[];
}

export async function listPartners(database: Database, session: ActiveSession, input: ListInput, today: string): Promise<PartnerPage> {
  const p = database.t.partners;
  const needle = input.q === undefined ? undefined : searchNeedle(input.q);
  const indexed = needle !== undefined && isIndexable(needle);
  // An indexed search starts from the text index's matches, never from the tenant's rows (see unindexed).
  const filters: SQL[] = [indexed ? sql`${unindexed(database.engine, p.tenantId)} = ${session.tenantId}` : eq(p.tenantId, session.tenantId), isNull(p.deletedAt)];
  if (input.type) filters.push(eq(p.type, input.type));
  if (input.status) filters.push(eq(p.status, input.status));
  if (input.tier) filters.push(eq(p.tier, input.tier));
  if (input.kycStatus) filters.push(effectiveKycIs(p, input.kycStatus, today));

  let page: Promise<Keyed[]>;
  let total: Promise<{ total: number; totalExact: boolean }>;
  if (needle !== undefined && indexed) {
    const match = [...filters, containsText(database.engine, { table: 'partners', column: p.searchText }, needle)];
    page = searchPage(database, match, input, needle, today);
    total = database.db
      .select({ n: sql<number>`count(*)` })
      .from(p)
      .where(and(...match))
      .then(([r]) => ({ total: Number(r?.n ?? 0), totalExact: true }));
  } else if (needle !== undefined) {
    // Too short for the index: the rows of the requested order are read through its index and
    // filtered until a page is full (a one- or two-letter text matches most partners, so that
    // is short), and the count stops at the cap instead of reading every partner.
    const match = [...filters, containsText(database.engine, { table: 'partners', column: p.searchText }, needle)];
    page = browsePage(database, match, input, today, session.tenantId);
    total = cappedCount(database, match);
  } else {
    page = browsePage(database, filters, input, today, session.tenantId);
    total = countedTotal(database, session.tenantId, input, today).then((n) => ({ total: n, totalExact: true }));
  }
  const [rows, counted] = await Promise.all([page, total]);
  const shown = rows.slice(0, input.limit);
  const last = shown[shown.length - 1];
  return {
    rows: shown.map((r): PartnerSummary => toSummary(r.row, today)),
    ...counted,
    nextCursor: rows.length > input.limit && last ? encodeKeyset(cursorKind(input), [...last.key, last.row.id]) : null,
  };
}

/** A cursor belongs to its list kind (browse or search), sort field and direction; any other is refused. */
function cursorKind(input: ListInput): string {
  const { field, direction } = input.sort;
  return `p.${input.q !== undefined && isIndexable(searchNeedle(input.q)) ? 's' : 'b'}.${field}.${direction}`;
}

const sortColumn = (p: Database['t']['partners'], field: Exclude<PartnerSortField, 'kycStatus'>) =>
  ({ code: p.code, legalName: p.legalName, status: p.status, tier: p.tier, country: p.country, createdAt: p.createdAt })[field];

/** The cursor's sort key as a parameter of its column (an instant travels as epoch ms). */
function keyParam(database: Database, field: PartnerSortField, key: string | number): unknown {
  return field === 'createdAt' ? sql.param(new Date(key), database.t.partners.createdAt) : key;
}

function decodeKey(input: ListInput, cursor: string, withRank: boolean): { rank: number; key: string | number; id: string } {
  const kind = cursorKind(input);
  const keyPart = input.sort.field === 'createdAt' ? 'int' : 'text';
  if (withRank) {
    const [rank, key, id] = keyPart === 'int' ? decodeKeyset(cursor, kind, ['int', 'int', 'id']) : decodeKeyset(cursor, kind, ['int', 'text', 'id']);
    return { rank, key, id };
  }
  const [key, id] = keyPart === 'int' ? decodeKeyset(cursor, kind, ['int', 'id']) : decodeKeyset(cursor, kind, ['text', 'id']);
  return { rank: 0, key, id };
}

/**
 * A browse page's statement, prepared or not: the summary columns in the sort's order, from
 * right after the cursor's (key, id) when given: a row value, so one index range on both
 * engines. `after` and `limit` are values, or placeholders in a prepared statement.
 */
function browseQuery(db: AppDb, p: Database['t']['partners'], conditions: SQL[], sort: { column: SQLWrapper; direction: 'asc' | 'desc' }, after: { key: unknown; id: unknown } | null, limit: number | Placeholder) {
  const order = sort.direction === 'asc' ? asc : desc;
  const where = after ? [...conditions, sql`(${sort.column}, ${p.id}) ${sql.raw(sort.direction === 'asc' ? '>' : '<')} (${after.key}, ${after.id})`] : conditions;
  return db
    .select(summaryColumns(p))
    .from(p)
    .where(and(...where))
    .orderBy(order(sort.column), order(p.id))
    .limit(limit);
}

/** No text query (or one too short for the index): a keyset range of the sort's index, limit + 1 rows (the extra one says whether a next page exists). */
async function browsePage(database: Database, filters: SQL[], input: ListInput, today: string, tenantId: string): Promise<Keyed[]> {
  const p = database.t.partners;
  const { field, direction } = input.sort;
  if (field === 'kycStatus') return kycSegments(database, filters, input, today);
  if (!input.q && !input.kycStatus) return preparedBrowsePage(database, tenantId, input, field, direction);
  const after = input.cursor ? decodeKey(input, input.cursor, false) : null;
  const rows = await browseQuery(database.db, p, filters, { column: sortColumn(p, field), direction }, after && { key: keyParam(database, field, after.key), id: after.id }, input.limit + 1);
  return rows.map((row) => ({ row, key: [field === 'createdAt' ? row.createdAt.getTime() : row[field]] }));
}

/**
 * The list's most common shape (filters by type, status or tier, any sort but KYC, no text) as
 * prepared statements: one per combination of filters, sort and direction, with and without a
 * cursor, built on first use, through the same browseQuery.
 */
const browseStatements = statementsFor((database) => {
  const p = database.t.partners;
  return preparedShapes<Record<string, unknown>, PartnerSummaryRow[]>(database, 'partner_browse', (shape, db) => {
    const [filterKeys = '', field = '', direction = '', cursor = ''] = shape.split('__');
    const sortField = BROWSE_SORTS.find((f) => f.toLowerCase() === field);
    if (!sortField) throw new Error(`unknown sort in shape ${shape}`);
    const conditions: SQL[] = [eq(p.tenantId, slot('tenantId')), isNull(p.deletedAt)];
    if (filterKeys.includes('t')) conditions.push(eq(p.type, slot('type')));
    if (filterKeys.includes('s')) conditions.push(eq(p.status, slot('status')));
    if (filterKeys.includes('r')) conditions.push(eq(p.tier, slot('tier')));
    const after = cursor === 'after' ? { key: sortField === 'createdAt' ? slot('afterKey', p.createdAt) : slot('afterKey'), id: slot('afterId') } : null;
    return browseQuery(db, p, conditions, { column: sortColumn(p, sortField), direction: direction === 'asc' ? 'asc' : 'desc' }, after, slot('limit'));
  });
});

const BROWSE_SORTS = ['code', 'legalName', 'status', 'tier', 'country', 'createdAt'] as const;

/** The filters by type, status and tier present, as a shape's letters (t, s, r). */
const filterLetters = (input: ListInput) => `${input.type ? 't' : ''}${input.status ? 's' : ''}${input.tier ? 'r' : ''}` || 'none';

async function preparedBrowsePage(database: Database, tenantId: string, input: ListInput, field: Exclude<PartnerSortField, 'kycStatus'>, direction: 'asc' | 'desc'): Promise<Keyed[]> {
  const after = input.cursor ? decodeKey(input, input.cursor, false) : null;
  const shape = [filterLetters(input), field.toLowerCase(), direction, after ? 'after' : 'first'].join('__');
  const rows = await browseStatements(database).run(database.db, shape, {
    tenantId,
    type: input.type,
    status: input.status,
    tier: input.tier,
    limit: input.limit + 1,
    ...(after ? { afterKey: field === 'createdAt' ? new Date(after.key) : after.key, afterId: after.id } : {}),
  });
  return rows.map((row) => ({ row, key: [field === 'createdAt' ? row.createdAt.getTime() : row[field]] }));
}

/**
 * By effective KYC, which no index holds (it depends on today): one segment per status, in
 * the sort's order, each a range of partners_live_kyc_idx by id (the stored status, corrected
 * by effectiveKycIs for the few whose KYC expired by date), read until the page is full.
 */
async function kycSegments(database: Database, filters: SQL[], input: ListInput, today: string): Promise<Keyed[]> {
  const p = database.t.partners;
  const asc_ = input.sort.direction === 'asc';
  const values: KycStatus[] = input.kycStatus ? [input.kycStatus] : asc_ ? KYC_ORDER : [...KYC_ORDER].reverse();
  let start = 0;
  let afterId: string | undefined;
  if (input.cursor) {
    const after = decodeKey(input, input.cursor, false);
    start = values.indexOf(after.key as KycStatus);
    if (start < 0) throw new AppError('validation', 'This page link is no longer valid; start again from the first page', 'cursor');
    afterId = after.id;
  }
  const out: Keyed[] = [];
  for (let i = start; i < values.length && out.length <= input.limit; i++) {
    const status = values[i] as KycStatus;
    const conditions = [...filters];
    if (i === start && afterId !== undefined) conditions.push(asc_ ? gt(p.id, afterId) : lt(p.id, afterId));
    const byId = (where: SQL[]) =>
      database.db
        .select(summaryColumns(p))
        .from(p)
        .where(and(...where))
        .orderBy(asc_ ? asc(p.id) : desc(p.id))
        .limit(input.limit + 1 - out.length);
    let rows: PartnerSummaryRow[];
    if (status === 'expired') {
      // Two ranges merged by id, not one OR (which no index serves in id order): the stored
      // "expired" through partners_live_kyc_idx, and the few past their expiry day through
      // partners_kyc_expiry_idx. Ids are UUIDv7 text of one fixed shape, which every collation
      // orders as JavaScript does.
      const [stored, byDate] = await Promise.all([
        byId([...conditions, eq(p.kycStatus, 'expired')]),
        byId([...conditions, ne(p.kycStatus, 'expired'), isNotNull(p.kycExpiresOn), lt(p.kycExpiresOn, today)]),
      ]);
      const sign = asc_ ? 1 : -1;
      rows = [...stored, ...byDate].sort((a, b) => sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, input.limit + 1 - out.length);
    } else {
      rows = await byId(input.kycStatus ? conditions : [...conditions, effectiveKycIs(p, status, today)]);
    }
    out.push(...rows.map((row) => ({ row, key: [status] })));
  }
  return out;
}

/**
 * A text query the index answers: the matches ranked name-first (the text found in the legal or
 * display name before a match only in the code, contact or tax id), then the requested order.
 * The ranking reads only the matching rows, which the index found.
 */
async function searchPage(database: Database, match: SQL[], input: ListInput, needle: string, today: string): Promise<Keyed[]> {
  const p = database.t.partners;
  const { field, direction } = input.sort;
  const order = direction === 'asc' ? asc : desc;
  const rank = sql<number>`(case when ${includesSql(database.engine, searchNamesSql(p), needle)} then 0 else 1 end)`;
  const key = field === 'kycStatus' ? effectiveKycSql(p, today) : sortColumn(p, field);
  const conditions = [...match];
  if (input.cursor) {
    const after = decodeKey(input, input.cursor, true);
    const cmp = sql.raw(direction === 'asc' ? '>' : '<');
    conditions.push(sql`(${rank} > ${after.rank} or (${rank} = ${after.rank} and (${key}, ${p.id}) ${cmp} (${keyParam(database, field, after.key)}, ${after.id})))`);
  }
  const rows = await database.db
    .select({ ...summaryColumns(p), rank: rank.mapWith(Number) })
    .from(p)
    .where(and(...conditions))
    .orderBy(asc(rank), order(key), order(p.id))
    .limit(input.limit + 1);
  return rows.map(({ rank: r, ...row }) => ({
    row,
    key: [r, field === 'createdAt' ? row.createdAt.getTime() : field === 'kycStatus' ? effectiveKyc(row, today) : row[field]],
  }));
}

async function cappedCount(database: Database, match: SQL[]): Promise<{ total: number; totalExact: boolean }> {
  const p = database.t.partners;
  const upTo = database.db
    .select({ one: sql`1`.as('one') })
    .from(p)
    .where(and(...match))
    .limit(SHORT_SEARCH_COUNT_CAP + 1)
    .as('m');
  const [row] = await database.db.select({ n: sql<number>`count(*)` }).from(upTo);
  const n = Number(row?.n ?? 0);
  return n > SHORT_SEARCH_COUNT_CAP ? { total: SHORT_SEARCH_COUNT_CAP, totalExact: false } : { total: n, totalExact: true };
}

/** The counters' sum without a KYC filter: one prepared statement per combination of type, status and tier filters. */
const countStatements = statementsFor((database) => {
  const c = database.t.partnerCounts;
  return preparedShapes<Record<string, unknown>, { n: number }[]>(database, 'partner_count_sum', (shape, db) => {
    const conditions: SQL[] = [eq(c.tenantId, slot('tenantId'))];
    if (shape.includes('t')) conditions.push(eq(c.type, slot('type')));
    if (shape.includes('s')) conditions.push(eq(c.status, slot('status')));
    if (shape.includes('r')) conditions.push(eq(c.tier, slot('tier')));
    return db
      .select({ n: sql<number>`coalesce(sum(${c.total}), 0)` })
      .from(c)
      .where(and(...conditions));
  });
});

/**
 * The total without a text query: the sum of the matching partner_counts rows (by stored KYC),
 * and, when filtering by KYC, the correction for the partners whose KYC expired by date since it
 * was stored (they count as expired: see effectiveKycIs), read through partners_kyc_expiry_idx.
 */
async function countedTotal(database: Database, tenantId: string, input: ListInput, today: string): Promise<number> {
  const c = database.t.partnerCounts;
  const p = database.t.partners;
  const counters: SQL[] = [eq(c.tenantId, tenantId)];
  const flipped: SQL[] = [eq(p.tenantId, tenantId), isNull(p.deletedAt), isNotNull(p.kycExpiresOn), lt(p.kycExpiresOn, today)];
  if (input.type) {
    counters.push(eq(c.type, input.type));
    flipped.push(eq(p.type, input.type));
  }
  if (input.status) {
    counters.push(eq(c.status, input.status));
    flipped.push(eq(p.status, input.status));
  }
  if (input.tier) {
    counters.push(eq(c.tier, input.tier));
    flipped.push(eq(p.tier, input.tier));
  }
  const kyc = input.kycStatus;
  if (!kyc) {
    const [row] = await countStatements(database).run(database.db, filterLetters(input), { tenantId, type: input.type, status: input.status, tier: input.tier });
    return Number(row?.n ?? 0);
  }
  if (kyc) {
    counters.push(eq(c.kycStatus, kyc));
    flipped.push(kyc === 'expired' ? ne(p.kycStatus, 'expired') : eq(p.kycStatus, kyc));
  }
  const [stored, corrected] = await Promise.all([
    database.db.select({ n: sql<number>`coalesce(sum(${c.total}), 0)` }).from(c).where(and(...counters)),
    kyc ? database.db.select({ n: sql<number>`count(*)` }).from(p).where(and(...flipped)) : Promise.resolve([{ n: 0 }]),
  ]);
  const n = Number(stored[0]?.n ?? 0);
  const moved = Number(corrected[0]?.n ?? 0);
  return kyc === 'expired' ? n + moved : n - moved;
}
