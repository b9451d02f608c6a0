import { and, asc, desc, eq, exists, gt, inArray, isNull, lte, min, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import type { generatePayoutsInput, MoneySettings, PayoutRun, PayoutRunSummary } from '../../../src-shared/contract/payouts';
import { todayIn } from '../../../src-shared/calendar';
import type { AppDb } from '../../data/database';
import { isUniqueViolation } from '../../data/errors';
import { generationPeriod, isCalendarDay, type Period } from '../../domain/payouts/periods';
import { log } from '../../log';
import type { AuditService } from '../activity/audit';
import { actorOf, type ActiveSession, type Actor, type ServiceDeps } from '../context';
import { partnerRefs } from '../leads/lead-rows';
import { actorNames } from '../partners/actor-names';
import { readWorkspaceSettings } from '../workspaces/settings';
import { readMoneySettings } from './money-settings';
import { payoutPartner, runSummaryOf, toRun, type PayoutRunRow, type StoredSkip } from './payout-rows';
import { ChunkLost, chunkPayoutsWriter, type RunContext } from './chunk-payouts';
import { runRecords } from './run-records';

type GenerateInput = z.output<typeof generatePayoutsInput>;

/*
 * Payout generation (`payouts.generate`, `payouts.run`, `payouts.runs`). A run is recorded and
 * returned at once; its partners are then worked through in the background, in chunks: one
 * write transaction per chunk of at most CHUNK_PARTNERS partners, set-based (./chunk-payouts.ts),
 * smaller when a chunk took more than CHUNK_BUDGET_MS, so a tenant-month never holds the writer
 * (and the tenant's audit head) for long. A run of one partner is one transaction. Each
 * chunk updates the run's progress and report in the same transaction as its payouts, so a run
 * interrupted anywhere has recorded exactly what it did; resuming (at the next start, or by
 * generating with the same idempotency key) works through the partners not yet done.
 *
 * Two runs at once (two desktops on one SQLite file, two servers on one Postgres) can never
 * put a credit in two live payouts: the credits are taken with a compare-and-set
 * (`where payout_id is null and status = 'approved'`, affected rows = lines), and the partial
 * unique index on live lines refuses a second live line for a credit whatever happens. On
 * Postgres the chunk's partner rows are locked first, so the second run waits for the first's chunk and
 * then reads the pool as it committed it; a chunk that still loses (its CAS count falls short,
 * or the index refuses) is rolled back and its partners retried one by one, and a partner that
 * loses again is reported "taken by a concurrent run".
 */

const CHUNK_PARTNERS = 50;
/** The first chunk's size: it grows towards CHUNK_PARTNERS while chunks stay well inside the budget. */
const FIRST_CHUNK = 10;
const CHUNK_BUDGET_MS = 25;
/** Partners per read of the run's to-do list (each one index probe of credits). */
const PARTNER_PAGE = 500;
const SQLITE_PAUSE_MS = 10;
const SQLITE_PAUSE_EVERY_MS = 50;

export function payoutGenerationService(deps: ServiceDeps, audit: AuditService) {
  const { database, clock, newId } = deps;
  const { payoutRuns: runs, payouts, credits, partners, payoutRequests: requests } = database.t;
  /** Runs this process is executing, by id. */
  const executing = new Map<string, Promise<void>>();
  /** Set when the app closes: runs stop after their current chunk and stay `running`, to resume at the next start. */
  let stopping = false;
  const writePartners = chunkPayoutsWriter(deps, audit);
  const records = runRecords(deps, audit);

  async function runContext(run: PayoutRunRow, actor: Actor, known?: MoneySettings): Promise<RunContext> {
    const money = known ?? (await readMoneySettings(database, database.db, run.tenantId));
    const workspace = await readWorkspaceSettings(database, database.db, run.tenantId);
    return { run, period: { start: run.periodStart, end: run.periodEnd }, money, kycRequired: workspace.approvalNeedsVerifiedKyc, today: todayIn(money.timeZone, clock()), actor };
  }

  /**
   * A one-partner run in one transaction: the run, the partner's payout or skip, the progress and
   * the completion, with the three audit entries a chunked run writes. Null when it rolled back
   * because a concurrent run took the partner's credits or wrote the same idempotency key.
   */
  async function oneTransactionRun(row: PayoutRunRow, actor: Actor, money: MoneySettings): Promise<PayoutRunRow | null> {
    const ctx = await runContext(row, actor, money);
    const partnerId = row.partnerId as string;
    try {
      return await database.write(async (tx) => {
        await records.insertRun(tx, row, actor);
        const [outcome] = await writePartners(tx, ctx, [partnerId], { newRun: true });
        await records.recordProgress(tx, row.id, row.tenantId, 1, outcome?.payout ? [outcome.payout] : [], outcome?.skip ? [outcome.skip] : []);
        return records.completeRun(tx, row.id, actor);
      });
    } catch (error) {
      if (error instanceof ChunkLost || isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async function generate(session: ActiveSession, input: GenerateInput): Promise<PayoutRun> {
    if (session.userKind !== 'staff') throw new AppError('forbidden', 'Your role does not allow this');
    const money = await readMoneySettings(database, database.db, session.tenantId);
    const earlier = await runByKey(session.tenantId, input.idempotencyKey);
    if (earlier) {
      resumeIfStalled(earlier);
      return toRun(database, database.db, session, earlier, money.currency);
    }
    const today = todayIn(money.timeZone, clock());
    let partnerId = input.partnerId ?? null;
    let period: Period;
    if (input.requestId) {
      const request = await openRequest(database.db, session.tenantId, input.requestId);
      if (partnerId && partnerId !== request.partnerId) throw new AppError('validation', 'The request is of another partner', 'partnerId');
      partnerId = request.partnerId;
      const end = input.periodEnd ?? today;
      if (!isCalendarDay(end)) throw new AppError('validation', `Not a calendar day: ${end}`, 'periodEnd');
      const start = input.periodStart ?? (await earliestPoolDay(session.tenantId, partnerId, end)) ?? end;
      period = generationPeriod({ periodStart: start, periodEnd: end }, today);
    } else period = generationPeriod(input, today);
    if (partnerId) {
      const partner = await payoutPartner(database, database.db, session.tenantId, partnerId, { lock: false });
      if (!partner || partner.deletedAt) throw new AppError('not_found', 'Partner not found', 'partnerId');
    }
    const now = clock();
    let row: PayoutRunRow = {
      id: newId(),
      tenantId: session.tenantId,
      periodStart: period.start,
      periodEnd: period.end,
      partnerId,
      requestId: input.requestId ?? null,
      status: 'running',
      partnersTotal: 0,
      partnersDone: 0,
      payoutsCreated: 0,
      totalMinor: 0,
      failure: null,
      idempotencyKey: input.idempotencyKey,
      startedBy: session.userId,
      startedAt: now,
      finishedAt: null,
    };
    // One partner: the whole run in one transaction (one commit, what a partner-month costs is what
    // the call takes). Lost to a concurrent run or a doubled key, it rolled back: the chunked path below settles it.
    if (partnerId) {
      const done = await oneTransactionRun(row, actorOf(session), money);
      if (done) return toRun(database, database.db, session, done, money.currency);
    }
    try {
      await database.write((tx) => records.insertRun(tx, row, actorOf(session)));
    } catch (error) {
      // Two first attempts with one key at once: the unique index lets one in, the other returns it.
      if (!isUniqueViolation(error)) throw error;
      const winner = await runByKey(session.tenantId, input.idempotencyKey);
      if (!winner) throw error;
      return toRun(database, database.db, session, winner, money.currency);
    }
    start(row, actorOf(session));
    // One partner (after a lost race) is answered done; all partners go on in the background.
    if (partnerId) {
      await executing.get(row.id);
      row = (await runByKey(session.tenantId, input.idempotencyKey)) ?? row;
    }
    return toRun(database, database.db, session, row, money.currency);
  }

  async function runByKey(tenantId: string, key: string): Promise<PayoutRunRow | undefined> {
    const [row] = await database.db
      .select()
      .from(runs)
      .where(and(eq(runs.tenantId, tenantId), eq(runs.idempotencyKey, key)));
    return row;
  }

  async function openRequest(db: AppDb, tenantId: string, id: string) {
    const [request] = await db
      .select()
      .from(requests)
      .where(and(eq(requests.tenantId, tenantId), eq(requests.id, id)));
    if (!request) throw new AppError('not_found', 'Payout request not found', 'requestId');
    if (request.status !== 'open') throw new AppError('invalid_transition', `This payout request is ${request.status} already`, 'requestId');
    return request;
  }

  async function earliestPoolDay(tenantId: string, partnerId: string, end: string): Promise<string | null> {
    const [row] = await database.db
      .select({ day: min(credits.earnedOn) })
      .from(credits)
      .where(and(eq(credits.tenantId, tenantId), eq(credits.partnerId, partnerId), eq(credits.status, 'approved'), isNull(credits.payoutStage), isNull(credits.payoutId), lte(credits.earnedOn, end)));
    return row?.day ?? null;
  }

  function resumeIfStalled(row: PayoutRunRow) {
    if (row.status === 'running' && !executing.has(row.id)) start(row, { type: 'system', id: null, name: null });
  }

  function start(row: PayoutRunRow, actor: Actor) {
    if (executing.has(row.id) || stopping) return;
    const done = execute(row.id, row.tenantId, actor)
      .catch((error: unknown) => log.error(`payout run ${row.id} could not record its failure`, error))
      .finally(() => executing.delete(row.id));
    executing.set(row.id, done);
  }

  /** Works through the run's partners not done yet, chunk by chunk; then completes it (or marks it failed). */
  async function execute(runId: string, tenantId: string, actor: Actor): Promise<void> {
    try {
      const [run] = await database.db
        .select()
        .from(runs)
        .where(and(eq(runs.tenantId, tenantId), eq(runs.id, runId)));
      if (!run || run.status !== 'running') return;
      const ctx = await runContext(run, actor);
      const todo = await partnersToDo(run);
      const total = run.partnersDone + todo.length;
      // Shown while a run of several chunks goes; a one-chunk run gets it with its completion (one write fewer).
      if (total !== run.partnersTotal && todo.length > FIRST_CHUNK) {
        await database.write(async (tx) => {
          await tx.update(runs).set({ partnersTotal: total }).where(eq(runs.id, runId));
        });
      }
      let at = 0;
      let size = FIRST_CHUNK;
      let sincePause = performance.now();
      while (at < todo.length) {
        if (stopping) return;
        const chunk = todo.slice(at, at + size);
        const began = performance.now();
        try {
          await database.write((tx) => writeChunk(tx, ctx, chunk));
        } catch (error) {
          if (!(error instanceof ChunkLost) && !isUniqueViolation(error)) throw error;
          // Lost to a concurrent run: the chunk rolled back; its partners one by one, re-reading their pools.
          for (const partnerId of chunk) await writeAlone(ctx, partnerId);
        }
        at += chunk.length;
        // Partners with long pools (or a slow store) make long chunks: the next chunk halves until one fits the budget, then grows back.
        const took = performance.now() - began;
        if (took > CHUNK_BUDGET_MS) size = Math.max(1, Math.floor(size / 2));
        else if (took < CHUNK_BUDGET_MS / 2) size = Math.min(CHUNK_PARTNERS, size * 2);
        // Another process on the same SQLite file waits for the lock in its busy handler, which polls: a short pause
        // after every ~50 ms of writing lets it in (this process's own calls queue FIFO behind each chunk anyway),
        // at most a fifth more time for the run.
        if (database.engine === 'sqlite' && at < todo.length && performance.now() - sincePause >= SQLITE_PAUSE_EVERY_MS) {
          await new Promise((resolve) => setTimeout(resolve, SQLITE_PAUSE_MS));
          sincePause = performance.now();
        } else if (at < todo.length) {
          // The chunk's awaits resolve as microtasks on SQLite: without a turn of the event loop here, nothing
          // else of this process (a read, a timer, an incoming request) runs until the pause above.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      await database.write((tx) => records.completeRun(tx, runId, actor));
    } catch (error) {
      const reason = error instanceof AppError ? error.message : 'The run stopped because of an internal error; the payouts it made so far stand, the rest were not generated. Generate again to finish.';
      if (!(error instanceof AppError)) log.error(`payout run ${runId} failed`, error);
      await database.write((tx) => records.failRun(tx, tenantId, runId, actor, reason));
    }
  }

  async function writeAlone(ctx: RunContext, partnerId: string): Promise<void> {
    try {
      await database.write((tx) => writeChunk(tx, ctx, [partnerId]));
    } catch (error) {
      if (!(error instanceof ChunkLost) && !isUniqueViolation(error)) throw error;
      await database.write(async (tx) => {
        const partner = await payoutPartner(database, tx, ctx.run.tenantId, partnerId, { lock: false });
        const skip: StoredSkip = {
          partnerId,
          partnerCode: partner?.code ?? '?',
          partnerName: partner?.name ?? 'Unknown partner',
          reason: 'taken_by_concurrent_run',
          amountMinor: 0,
          message: "This partner's credits were taken by a concurrent run at the same moment: see that run's payouts.",
        };
        await records.recordProgress(tx, ctx.run.id, ctx.run.tenantId, 1, [], [skip]);
      });
    }
  }

  /**
   * The candidates: every partner with an approved credit in the pool (or the run's one partner),
   * by id, less those this run did already (a payout of the run, or a recorded skip). A partner
   * whose pool holds only credits of later days is reported "nothing approved"; partners with an
   * empty pool are not listed (at 10,000 partners the report would be mostly those).
   */
  /**
   * The tenant's partners with approved credits in the pool (deleted ones too: the chunk says why
   * it skips them), in code order, PARTNER_PAGE at a time (partners_tenant_code_uq, one
   * credits_partner_idx probe each), other calls answered between pages. One DISTINCT over the
   * tenant's credits read them all: 150-450 ms of the main thread at seed scale.
   */
  async function partnersWithPool(tenantId: string): Promise<string[]> {
    const ids: string[] = [];
    const inPool = database.db
      .select({ one: sql`1` })
      .from(credits)
      .where(and(eq(credits.tenantId, partners.tenantId), eq(credits.partnerId, partners.id), eq(credits.status, 'approved'), isNull(credits.payoutStage), isNull(credits.payoutId)));
    let after = '';
    for (;;) {
      const page = await database.db
        .select({ id: partners.id, code: partners.code })
        .from(partners)
        .where(and(eq(partners.tenantId, tenantId), gt(partners.code, after), exists(inPool)))
        .orderBy(asc(partners.code))
        .limit(PARTNER_PAGE);
      ids.push(...page.map((p) => p.id));
      const last = page.at(-1);
      if (!last || page.length < PARTNER_PAGE) return ids;
      after = last.code;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async function partnersToDo(run: PayoutRunRow): Promise<string[]> {
    let ids: string[];
    if (run.partnerId) ids = [run.partnerId];
    else ids = await partnersWithPool(run.tenantId);
    const made = await database.db
      .select({ partnerId: payouts.partnerId })
      .from(payouts)
      .where(and(eq(payouts.tenantId, run.tenantId), eq(payouts.runId, run.id)));
    const done = new Set([...made.map((m) => m.partnerId), ...(await records.skippedAmong(database.db, run.id))]);
    return ids.filter((id) => !done.has(id));
  }

  /**
   * One chunk in one transaction: the run row is locked first (a second executor of the same run
   * waits, then sees what this one did), then the chunk's partners are settled together.
   */
  async function writeChunk(tx: AppDb, ctx: RunContext, chunk: string[]): Promise<void> {
    const [run] = await records.lockedRun(tx, ctx.run.id);
    if (!run || run.status !== 'running') return;
    const alreadySkipped = await records.skippedAmong(tx, run.id, chunk);
    const outcomes = await writePartners(tx, ctx, chunk.filter((id) => !alreadySkipped.has(id)));
    const settled = outcomes.filter((o) => !o.already);
    await records.recordProgress(
      tx,
      run.id,
      run.tenantId,
      settled.length,
      settled.flatMap((o) => (o.payout ? [o.payout] : [])),
      settled.flatMap((o) => (o.skip ? [o.skip] : [])),
    );
  }

  async function run(session: ActiveSession, id: string): Promise<PayoutRun> {
    const [row] = await database.db
      .select()
      .from(runs)
      .where(and(eq(runs.tenantId, session.tenantId), eq(runs.id, id)));
    if (!row) throw new AppError('not_found', 'Payout run not found', 'id');
    const money = await readMoneySettings(database, database.db, session.tenantId);
    return toRun(database, database.db, session, row, money.currency);
  }

  async function recentRuns(session: ActiveSession): Promise<PayoutRunSummary[]> {
    const rows = await database.db
      .select()
      .from(runs)
      .where(eq(runs.tenantId, session.tenantId))
      .orderBy(desc(runs.startedAt), desc(runs.id))
      .limit(50);
    const money = await readMoneySettings(database, database.db, session.tenantId);
    const partners = await partnerRefs(database, database.db, session.tenantId, rows.flatMap((r) => (r.partnerId ? [r.partnerId] : [])));
    const names = await actorNames(database.db, database.t, session.tenantId, rows.map((r) => r.startedBy));
    const skips = database.t.payoutRunSkips;
    const counted = rows.length
      ? await database.db
          .select({ runId: skips.runId, n: sql<number>`count(*)` })
          .from(skips)
          .where(inArray(skips.runId, rows.map((r) => r.id)))
          .groupBy(skips.runId)
      : [];
    const skipped = new Map(counted.map((c) => [c.runId, Number(c.n)]));
    return rows.map((r) => ({ ...runSummaryOf(r, money.currency, names, partners), skippedCount: skipped.get(r.id) ?? 0 }));
  }

  /**
   * At start-up: runs left `running` by a process that stopped are resumed where their last
   * committed chunk left them (on Postgres a run another server is executing right now is safe
   * to join: the run row lock and payouts_run_partner_uq keep every partner done once).
   */
  async function resumeInterruptedRuns(): Promise<number> {
    const left = await database.db.select().from(runs).where(eq(runs.status, 'running'));
    for (const row of left) start(row, { type: 'system', id: null, name: null });
    return left.length;
  }

  /** Resolves when the runs this process is executing (or one of them) have finished: tests, close, the demo. */
  async function whenRunsSettled(id?: string): Promise<void> {
    if (id !== undefined) await executing.get(id);
    else await Promise.all([...executing.values()]);
  }

  /** Closing: every run stops after the chunk it is writing (committed work stands; the rest resumes at the next start). */
  async function stopRuns(): Promise<void> {
    stopping = true;
    await whenRunsSettled();
  }

  return { generate, run, recentRuns, resumeInterruptedRuns, whenRunsSettled, stopRuns };
}
