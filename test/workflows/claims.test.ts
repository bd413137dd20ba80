/**
 * The unemployment claim and its health-coverage child on the time-skipping test server (a claim
 * of several benefit months runs in seconds), with real PostgreSQL behind the activities. Rules:
 * Law 74/2025 Art.38–41, Decree 374/2025 Art.15, 19, 21 (rules §3). Every history recorded
 * here is replayed at the end of the file.
 *
 * @date-sensitive Claims are filed on the test server's today, shifted by the pinned clock as the workflows shift it; they pass on any date.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../services/ledger';
import {
  claimState,
  decideClaim,
  fileAndStartClaim,
  reportClaim,
  terminateClaim,
  type ClaimsContext,
} from '../../client/claims';
import { queryRows } from '../../db/client';
import { findEbook, verifyEbooks } from '../../db/queries/ebooks';
import { paymentKeyOf } from '../../domain/iso20022';
import { importBankReturns, parsePain002 } from '../../services/bank-returns';
import type { benefitPaymentRun } from '../../workflows/payment-run';
import { hiCards, outbox, uiClaimMonths, uiClaims } from '../../db/schema';
import { addDays, addMonths, monthOf, shiftedToday, startOfLocalDay, type IsoDate } from '../../domain/calendar';
import { DomainError } from '../../domain/errors';
import { Dec } from '../../domain/money';
import { evaluateUnemployment } from '../../domain/unemployment';
import type { unemploymentClaim, ClaimSummary } from '../../workflows/claims';
import type { ClaimState } from '../../workflows/definitions';
import { payByBank, statusReport, verifyAccountsOfClaimants } from '../setup/bank';
import { createClaimant } from '../setup/claimants';
import {
  createTestDatabase,
  makeWorker,
  timeSkippingEnv,
  uniqueTaskQueue,
  waitForQuery,
  workflowBundle,
  testDataConverter,
  type TestDatabase,
  testClock,
} from '../setup/harness';

let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue('claims');
const histories: { workflowId: string; history: unknown }[] = [];

/**
 * A time-skipping server of its own for each test. The test server's clock only moves forward and
 * jumps ahead when it skips (by about ten years at times, after a workflow completes); shared by
 * the whole file it drifted past 2099-12-31, the last date the application accepts (rules §8.31),
 * and the last tests failed. Each test now starts at today.
 */
async function startServer() {
  env = await timeSkippingEnv();
  worker = await makeWorker(env.nativeConnection, taskQueue, { db: tdb.db, clock: testClock });
  running = worker.run();
}

async function stopServer() {
  worker?.shutdown();
  await running;
  await env?.teardown();
}

beforeAll(async () => {
  tdb = await createTestDatabase('claims');
});
beforeEach(startServer);

afterAll(async () => {
  if (histories.length) {
    const results = Worker.runReplayHistories(
      { workflowBundle: workflowBundle(), dataConverter: testDataConverter },
      histories.map((h) => ({ workflowId: h.workflowId, history: h.history as never })),
    );
    for await (const r of results) expect(r.error, `replay of ${r.workflowId}`).toBeUndefined();
  }
  await tdb?.drop();
});

afterEach(async () => {
  await stopServer();
  expect((await verifyEbooks(tdb.db)).mismatches).toEqual([]);
  expect((await verifyLedger(tdb.db)).problems).toEqual([]);
});

const ctx = (): ClaimsContext => ({
  db: tdb.db,
  client: env.client,
  taskQueue,
  subjectKey: 'test-subject-key-0123456789',
  clock: testClock,
});
/** Today as the workflows count it: the test server's time, shifted by the pinned clock (ANSINH_TODAY). */
const today = async (): Promise<IsoDate> => shiftedToday(await env.currentTimeMs(), testClock.offsetDays);

/** A claimant with `months` credited months ending the month of a termination 7 days ago, filing today. */
async function file(months: number, extra: { salary?: number; unpaid?: string[] } = {}) {
  const filingDate = await today();
  const terminationDate = addDays(filingDate, -7);
  const c = await createClaimant(tdb.db, {
    lastMonth: monthOf(terminationDate),
    months,
    salary: extra.salary ?? 12_000_000,
    ...(extra.unpaid ? { unpaid: extra.unpaid } : {}),
  });
  const filing = {
    personalId: c.personalId,
    terminationDate,
    filingDate,
    region: 'I',
    contractMonths: 36,
    terminationReason: 'contract_expired',
  };
  const filed = await fileAndStartClaim(ctx(), filing, 'officer:test', filingDate);
  const handle = env.client.workflow.getHandle<typeof unemploymentClaim>(filed.workflowId);
  const st = await waitForQuery<ClaimState>(handle, 'state', (s) => s.status === 'awaiting_decision');
  return { ...c, ...filed, filing, handle, st };
}

/** Advances the skipped clock to the start of a local day as the workflows count days (plus a minute). */
async function advanceTo(day: IsoDate) {
  const ms = startOfLocalDay(addDays(day, -testClock.offsetDays)) + 60_000 - (await env.currentTimeMs());
  if (ms > 0) await env.sleep(ms);
}

async function windowOpen(handle: Awaited<ReturnType<typeof file>>['handle'], month: number) {
  return waitForQuery<ClaimState>(handle, 'state', (s) => s.reportWindowFor === month);
}

async function finish(f: Awaited<ReturnType<typeof file>>, label: string): Promise<ClaimSummary> {
  const r = await f.handle.result();
  const history = await f.handle.fetchHistory();
  histories.push({ workflowId: f.workflowId, history });
  // Saved under its label and real workflow id (the child's id derives from it) for test/replay.
  const dir = path.join(process.cwd(), 'test', '.histories');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, `claim-${label}__${f.workflowId.replaceAll(':', '~')}.binpb`),
    temporal.api.history.v1.History.encode(history as never).finish(),
  );
  return r;
}

const claimRow = async (id: string) => (await tdb.db.select().from(uiClaims).where(eq(uiClaims.id, id)))[0]!;
const monthsOf = async (id: string) =>
  tdb.db.select().from(uiClaimMonths).where(eq(uiClaimMonths.claimId, id)).orderBy(uiClaimMonths.idx);
const uiCard = async (personalId: string) =>
  (
    await tdb.db
      .select()
      .from(hiCards)
      .where(and(eq(hiCards.personalId, personalId), eq(hiCards.payerKind, 'ui_fund')))
  )[0];

describe('unemployment claim', () => {
  it('runs from filing through decision, three reported months paid by the bank and health coverage to completion (Art.38–41; rules §8.36)', async () => {
    const f = await file(40);
    expect(f.st).toMatchObject({ eligible: true, reasons: [], durationMonths: 3, monthlyBenefit: null }); // the amount is not in Temporal
    expect(await claimState(ctx(), f.claimId)).toMatchObject({ monthlyBenefit: '7200000' }); // 60 % × 12,000,000, from the database
    await decideClaim(ctx(), f.claimId, { decision: 'approve' }, 'officer:lan');
    for (let m = 1; m <= 3; m++) {
      const st = await windowOpen(f.handle, m);
      expect(st.waitingFor).toContain(`report for benefit month ${m}`);
      await reportClaim(ctx(), f.claimId, {}, 'participant');
      // The report makes the month owed; the payment run instructs it and the bank's report pays it.
      expect((await monthsOf(f.claimId))[m - 1]!.status).toBe('reported');
      expect(await payByBank(tdb.db, await today())).toBe(1);
      expect((await monthsOf(f.claimId))[m - 1]).toMatchObject({ status: 'paid', paidOn: await today() });
      if (m < 3) await advanceTo(st.months[m]!.from);
    }
    const summary = await finish(f, 'completed');
    // 40 months: 3 months of benefit consume 36; the 4 left stay reserved (36 < N ≤ 144).
    expect(summary).toMatchObject({ outcome: 'completed', monthsPaid: 3, monthsSuspended: 0, reservedMonths: 4 });
    const months = await monthsOf(f.claimId);
    expect(months.map((m) => [m.status, m.amount, m.hiContribution])).toEqual([
      ['paid', '7200000', '324000'],
      ['paid', '7200000', '324000'],
      ['paid', '7200000', '324000'],
    ]);
    // Coverage paid by the UI fund exactly over the benefit period (first day of month 1 … last day of month 3).
    const card = await uiCard(f.personalId);
    expect(card).toMatchObject({
      validFrom: months[0]!.periodFrom,
      validTo: months[2]!.periodTo,
      cardCode: expect.stringMatching(/^TN4/),
    });
    const book = JSON.parse((await findEbook(tdb.db, f.personalId))!.content);
    expect(book.unemploymentBenefits[0]).toMatchObject({ status: 'completed', monthsPaid: 3, reservedMonths: 4 });
    expect(book.hiCards.some((c: { payerKind: string }) => c.payerKind === 'ui_fund')).toBe(true);
  });

  it('each Update answers with the state after its effect: a report sent the moment the approval answers is accepted, and a termination answers terminated (patch 2026-12-updates-answer-after-effect)', async () => {
    const f = await file(40);
    expect(await decideClaim(ctx(), f.claimId, { decision: 'approve' }, 'officer:lan')).toEqual({
      accepted: true,
      status: 'active',
    });
    // No waiting for the window: the approval answered once it was open.
    expect(await reportClaim(ctx(), f.claimId, {}, 'participant')).toEqual({
      accepted: true,
      month: 1,
      status: 'active',
      monthStatus: 'reported',
    });
    expect((await monthsOf(f.claimId))[0]!.status).not.toBe('scheduled');
    // A ground the law does not list is refused by the API's schema, and by the Update's validator
    // too (isBenefitTerminationGround) for a caller that went round it: nothing changes.
    await expect(terminateClaim(ctx(), f.claimId, { ground: 'bored' }, 'participant')).rejects.toBeInstanceOf(
      DomainError,
    );
    await expect(
      ctx()
        .client.workflow.getHandle((await claimRow(f.claimId)).workflowId)
        .executeUpdate('terminate', { args: [{ ground: 'bored', by: 'p:none' }] }),
    ).rejects.toMatchObject({ cause: { type: 'INVALID_GROUND' } });
    expect(await claimRow(f.claimId)).toMatchObject({ status: 'active' });
    expect(await terminateClaim(ctx(), f.claimId, { ground: 'own_request' }, 'participant')).toEqual({
      accepted: true,
      status: 'terminated',
      reservedMonths: 28,
    }); // 40 − 1 paid month × 12 (Art.41(5))
    // The reported month is owed after the termination too: the bank pays it, then the claim closes.
    expect(await claimRow(f.claimId)).toMatchObject({ status: 'terminated', monthsPaid: 0 });
    expect(await payByBank(tdb.db, await today())).toBe(1);
    expect(await claimRow(f.claimId)).toMatchObject({ status: 'terminated', monthsPaid: 1 });
    expect(await finish(f, 'answer-after-effect')).toMatchObject({ outcome: 'terminated', monthsPaid: 1 });
  });

  it('counts only credited months: an employer’s unpaid months do not make a claimant eligible (rules §8)', async () => {
    const f = await file(13, { unpaid: [] });
    expect(f.st.eligible).toBe(true);
    const g = await file(13, { unpaid: [monthOf(addDays(await today(), -7)), monthOf(addDays(await today(), -40))] });
    expect(g.st).toMatchObject({ eligible: false, reasons: ['CONTRIBUTION_MONTHS_INSUFFICIENT'] });
    for (const x of [f, g])
      await decideClaim(ctx(), x.claimId, { decision: 'reject', reason: 'test cleanup' }, 'officer:lan');
    await finish(f, 'reject-a');
    await finish(g, 'reject-b');
  });

  it('an ineligible claim cannot be approved and is rejected with its reasons', async () => {
    const f = await file(11);
    expect(f.st).toMatchObject({ eligible: false, reasons: ['CONTRIBUTION_MONTHS_INSUFFICIENT'] });
    await expect(decideClaim(ctx(), f.claimId, { decision: 'approve' }, 'officer:lan')).rejects.toMatchObject({
      code: 'NOT_ELIGIBLE',
    });
    await expect(decideClaim(ctx(), f.claimId, { decision: 'reject' }, 'officer:lan')).rejects.toMatchObject({
      code: 'REASON_REQUIRED',
    });
    await decideClaim(
      ctx(),
      f.claimId,
      { decision: 'reject', reason: 'fewer than 12 months paid in 24' },
      'officer:lan',
    );
    expect(await finish(f, 'rejected')).toMatchObject({ outcome: 'rejected', monthsPaid: 0 });
    expect(await claimRow(f.claimId)).toMatchObject({
      status: 'rejected',
      decision: 'rejected',
      decisionReason: 'fewer than 12 months paid in 24',
    });
    expect(await uiCard(f.personalId)).toBeUndefined();
  });

  it('reminds, escalates and flags as overdue as the 15-working-day decision deadline nears and passes (Decree 374)', async () => {
    const f = await file(24);
    const deadline = f.st.decisionDeadline!;
    await advanceTo(addDays(deadline, 1));
    const st = await waitForQuery<ClaimState>(f.handle, 'state', (s) => s.decisionAlerts === 'overdue');
    expect(st.status).toBe('awaiting_decision');
    const kinds = (
      await tdb.db
        .select()
        .from(outbox)
        .where(like(outbox.dedupeKey, `claim:${f.claimId}:%`))
    )
      .map((o) => o.kind)
      .sort();
    expect(kinds).toEqual([
      'claim.awaiting_decision',
      'claim.decision_escalation',
      'claim.decision_overdue',
      'claim.decision_reminder',
    ]);
    await decideClaim(ctx(), f.claimId, { decision: 'reject', reason: 'test' }, 'officer:lan');
    await finish(f, 'overdue');
  });

  it('a missed report suspends that month (not paid, not reserved); a report the next month resumes payment (Art.41(1)–(3))', async () => {
    const f = await file(40);
    await decideClaim(ctx(), f.claimId, { decision: 'approve' }, 'officer:lan');
    let st = await windowOpen(f.handle, 1);
    await reportClaim(ctx(), f.claimId, {}, 'participant');
    await payByBank(tdb.db, await today());
    await advanceTo(st.months[1]!.from);
    st = await windowOpen(f.handle, 2);
    await advanceTo(addDays(st.months[1]!.reportDeadline, 1)); // the window closes unreported
    st = await waitForQuery<ClaimState>(f.handle, 'state', (s) => s.months[1]!.status === 'suspended');
    expect(st.status).toBe('suspended');
    await expect(reportClaim(ctx(), f.claimId, { month: 2 }, 'participant')).rejects.toMatchObject({
      code: 'REPORT_WINDOW_CLOSED',
    });
    await advanceTo(st.months[2]!.from);
    await windowOpen(f.handle, 3);
    await reportClaim(ctx(), f.claimId, {}, 'participant');
    await payByBank(tdb.db, await today());
    expect(await finish(f, 'suspended-resumed')).toMatchObject({
      outcome: 'completed',
      monthsPaid: 2,
      monthsSuspended: 1,
      reservedMonths: 4,
    });
    expect((await monthsOf(f.claimId)).map((m) => m.status)).toEqual(['paid', 'suspended', 'paid']);
  });

  it('three missed reports in a row terminate the claim, with nothing reserved (Art.41(4)(đ))', async () => {
    const f = await file(40);
    await decideClaim(ctx(), f.claimId, { decision: 'approve' }, 'officer:lan');
    const summary = await finish(f, 'missed-three'); // the clock skips through every window
    expect(summary).toMatchObject({
      outcome: 'terminated',
      terminationGround: 'missed_reports',
      monthsPaid: 0,
      monthsSuspended: 3,
      reservedMonths: 0,
    });
    expect(await claimRow(f.claimId)).toMatchObject({ status: 'terminated', terminationGround: 'missed_reports' });
  });

  it('a new covered job in month 4 terminates the claim: payments stop, coverage ends, unused months are reserved (Art.41(4)(a), (5))', async () => {
    const f = await file(60); // 60 months: 5 months of benefit
    expect(f.st.durationMonths).toBe(5);
    await decideClaim(ctx(), f.claimId, { decision: 'approve' }, 'officer:lan');
    let st = await windowOpen(f.handle, 1);
    for (let m = 1; m <= 3; m++) {
      st = await windowOpen(f.handle, m);
      await reportClaim(ctx(), f.claimId, {}, 'participant');
      await payByBank(tdb.db, await today());
      await advanceTo(st.months[m]!.from);
    }
    st = await windowOpen(f.handle, 4);
    const jobStarts = addDays(st.months[3]!.from, 1);
    await terminateClaim(ctx(), f.claimId, { ground: 'new_job', effectiveDate: jobStarts }, 'officer:lan');
    const summary = await finish(f, 'new-job');
    // 60 − 3 × 12 = 24 contribution months reserved.
    expect(summary).toMatchObject({
      outcome: 'terminated',
      terminationGround: 'new_job',
      monthsPaid: 3,
      reservedMonths: 24,
    });
    expect((await monthsOf(f.claimId)).map((m) => m.status)).toEqual([
      'paid',
      'paid',
      'paid',
      'cancelled',
      'cancelled',
    ]);
    expect((await uiCard(f.personalId))!.validTo).toBe(addDays(jobStarts, -1));
    await expect(reportClaim(ctx(), f.claimId, {}, 'participant')).rejects.toMatchObject({ code: 'WRONG_STATE' });
  });

  it('a returned payment keeps the claim open: paid again only into a newly verified account, once, and then the claim closes (rules §8.36)', async () => {
    const f = await file(40);
    await decideClaim(ctx(), f.claimId, { decision: 'approve' }, 'officer:lan');
    await windowOpen(f.handle, 1);
    await reportClaim(ctx(), f.claimId, {}, 'participant');
    await terminateClaim(ctx(), f.claimId, { ground: 'own_request' }, 'participant');
    // The bank returns it: the account is closed, the month waits for a new one.
    expect(await payByBank(tdb.db, await today(), { reject: 'AC04' })).toBe(1);
    expect((await monthsOf(f.claimId))[0]!.status).toBe('returned');
    // Days pass: the workflow still waits for the month, and no run instructs it without an account.
    await env.sleep('3 days');
    const st = await waitForQuery<ClaimState>(f.handle, 'state', (s) => s.months[0]!.status === 'returned');
    expect(st.waiting).toMatchObject({ code: 'payment', month: 1 });
    // A new account verified: the next run pays it, once.
    expect(await payByBank(tdb.db, await today())).toBe(1);
    expect(await payByBank(tdb.db, await today())).toBe(0);
    expect(
      (
        await tdb.db
          .select()
          .from(outbox)
          .where(and(eq(outbox.recipientId, f.personalId), eq(outbox.kind, 'claim.payment')))
      ).length,
    ).toBe(1);
    expect(await finish(f, 'bank-returned')).toMatchObject({ outcome: 'terminated', monthsPaid: 1 });
    expect(await claimRow(f.claimId)).toMatchObject({ monthsPaid: 1 });
  });

  it('a payment run started ahead waits for its payment date (time skipping), then puts the owed month in one file; the bank pays it (rules §8.36)', async () => {
    const f = await file(40);
    await decideClaim(ctx(), f.claimId, { decision: 'approve' }, 'officer:lan');
    await windowOpen(f.handle, 1);
    await reportClaim(ctx(), f.claimId, {}, 'participant');
    await verifyAccountsOfClaimants(tdb.db, await today());
    const payDay = addDays(await today(), 3);
    const run = await env.client.workflow.start<typeof benefitPaymentRun>('benefitPaymentRun', {
      taskQueue,
      workflowId: `payment-run:${payDay}:${taskQueue}`,
      args: [{ runDate: payDay, offsetDays: testClock.offsetDays }],
    });
    const files = () =>
      queryRows<{ run_id: string }>(tdb.db, sql`select run_id from payment_files where run_id = ${payDay}`);
    await advanceTo(addDays(payDay, -1));
    expect(await files()).toEqual([]); // not before its date
    await advanceTo(payDay); // the server skips to the payment date: the run's timer fires
    const r = await run.result();
    expect(r).toMatchObject({ runId: payDay, created: true, nbOfTxs: 1, ctrlSum: '7200000' });
    expect(await files()).toHaveLength(1);
    expect((await monthsOf(f.claimId))[0]!.status).toBe('instructed');
    const report = statusReport([{ endToEndId: paymentKeyOf(f.claimId, 1, 1), sts: 'ACSC' }], payDay);
    await importBankReturns(tdb.db, parsePain002(report), { author: 'bank:test', today: payDay });
    expect((await monthsOf(f.claimId))[0]).toMatchObject({ status: 'paid', paidOn: payDay });
    await terminateClaim(ctx(), f.claimId, { ground: 'own_request' }, 'participant');
    expect(await finish(f, 'bank-run-dated')).toMatchObject({ outcome: 'terminated', monthsPaid: 1 });
  });

  it('refuses a second claim while one is open, and bad filings change nothing', async () => {
    const f = await file(24);
    const again = { ...f.filing, filingDate: addDays(f.filing.filingDate, 1) };
    await expect(fileAndStartClaim(ctx(), again, 'officer:test', again.filingDate)).rejects.toMatchObject({
      code: 'CLAIM_ALREADY_OPEN',
    });
    // The same filing again is the same claim (its workflow, not a second one).
    expect(await fileAndStartClaim(ctx(), f.filing, 'officer:test', f.filing.filingDate)).toMatchObject({
      claimId: f.claimId,
      created: false,
    });
    const before = (await tdb.db.select().from(uiClaims)).length;
    for (const bad of [
      { ...f.filing, personalId: '12345' },
      { ...f.filing, filingDate: addDays(f.filing.terminationDate, -1) },
      { ...f.filing, terminationReason: 'bored' },
      { ...f.filing, contractMonths: 0 },
      { ...f.filing, personalId: '001190999999' },
    ]) {
      await expect(fileAndStartClaim(ctx(), bad, 'officer:test', f.filing.filingDate)).rejects.toBeInstanceOf(
        DomainError,
      );
    }
    expect((await tdb.db.select().from(uiClaims)).length).toBe(before);
    await decideClaim(ctx(), f.claimId, { decision: 'reject', reason: 'test' }, 'officer:lan');
    await finish(f, 'duplicate');
    await expect(decideClaim(ctx(), f.claimId, { decision: 'approve' }, 'officer:lan')).rejects.toMatchObject({
      code: 'WRONG_STATE',
    });
  });

  it('the workflow computes the same figures as the rules applied by hand to the credited months', async () => {
    const f = await file(30, { salary: 40_000_000 });
    const st = await claimState(ctx(), f.claimId);
    const months = Array.from({ length: 30 }, (_, i) => i);
    const lastMonth = monthOf(f.filing.terminationDate);
    const e = evaluateUnemployment({
      ...f.filing,
      region: 'I',
      terminationReason: 'contract_expired',
      contributions: months.map((i) => ({ month: addMonths(lastMonth, -i), salary: '40000000' })),
      pensionEligible: false,
      receivingPension: false,
      activeClaim: false,
      newCoveredJob: false,
    });
    expect(st.monthlyBenefit).toBe(e.monthlyBenefit);
    expect(new Dec(st.monthlyBenefit!).lte(e.cap)).toBe(true); // capped at 5 × the regional minimum wage
    expect(st.durationMonths).toBe(3);
    await decideClaim(ctx(), f.claimId, { decision: 'reject', reason: 'test' }, 'officer:lan');
    await finish(f, 'figures');
  });
});
