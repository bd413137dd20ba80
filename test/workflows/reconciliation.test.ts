/**
 * Monthly reconciliation on the real dev server and PostgreSQL: periods settled per employer,
 * months credited to e-books only when paid in full (rules §8), late charges of 0.03 %/day
 * (Law 41/2024 Art.40–41) up to the reconciliation date, arrears notified, continue-as-new
 * across batches, reruns identical, a late payment picked up by the next run.
 *
 * @date-sensitive The schedule test reconciles the month before the day the schedule fires (the
 * Temporal server's date): it reads that date from the run itself, and its rows are kept apart
 * from the fixture's period, so every test passes on any date.
 */
import { NativeConnection, type Worker } from '@temporalio/worker';
import { findEbook } from '../../db/queries/ebooks';
import type { Client, Connection } from '@temporalio/client';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordPayment } from '../../services/payments';
import { verifyLedger } from '../../services/ledger';
import { sampleSubmission } from '../../dev/sample';
import { applyReconciliationSchedule, RECONCILIATION_SCHEDULE_ID } from '../../client/schedules';
import { startReconciliation } from '../../client/temporal';
import { addMonths, localDateOf, monthOf } from '../../domain/calendar';
import { verifyEbooks } from '../../db/queries/ebooks';
import { contributionMonths, ebooks, employerPeriods, outbox } from '../../db/schema';
import { computeContribution } from '../../domain/contributions';
import type { OnboardingSubmission } from '../../domain/schemas';
import type { monthlyReconciliation } from '../../workflows/reconciliation';
import { onboardDirectly } from '../api/fixture';
import {
  createTestDatabase,
  devServerClient,
  makeWorker,
  triggeredWorkflowId,
  uniqueTaskQueue,
  type TestDatabase,
  testClock,
} from '../setup/harness';

let tdb: TestDatabase;
let client: Client;
let connection: Connection;
let native: NativeConnection;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue('reconcile');
const subs: OnboardingSubmission[] = [];

const dueOf = (s: OnboardingSubmission, m: string) =>
  s.employees.reduce(
    (acc, e) => acc + Number(computeContribution({ month: m, salary: e.salary, region: s.employer.wageRegion }).total),
    0,
  );

beforeAll(async () => {
  tdb = await createTestDatabase('reconcile');
  ({ client, connection } = await devServerClient());
  native = await NativeConnection.connect({ address: inject('temporalAddress') });
  worker = await makeWorker(native, taskQueue, { db: tdb.db, clock: testClock });
  running = worker.run();
  for (const seed of [501, 502, 503]) {
    const s = sampleSubmission(seed, 3, { startMonth: '2026-10' });
    await onboardDirectly(tdb, s);
    subs.push(s);
  }
  subs.sort((a, b) => (a.employer.taxCode < b.employer.taxCode ? -1 : 1));
  const [paidInFull, partly] = subs;
  await recordPayment(tdb.db, {
    taxCode: paidInFull!.employer.taxCode,
    bankReference: 'R-FULL-1',
    amount: String(dueOf(paidInFull!, '2026-10')),
    valueDate: '2026-11-20',
    author: 't',
    today: '2026-12-10',
  });
  await recordPayment(tdb.db, {
    taxCode: partly!.employer.taxCode,
    bankReference: 'R-PART-1',
    amount: '1000000',
    valueDate: '2026-11-20',
    author: 't',
    today: '2026-12-10',
  });
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await native?.close();
  await connection?.close();
  await tdb?.drop();
});
afterEach(async () => {
  expect((await verifyEbooks(tdb.db)).mismatches).toEqual([]);
  expect((await verifyLedger(tdb.db)).problems).toEqual([]);
});

async function reconcile(asOf: string) {
  const started = await startReconciliation(client, taskQueue, {
    period: '2026-10',
    asOf,
    batchSize: 1,
    batchesPerRun: 2,
  });
  return client.workflow.getHandle<typeof monthlyReconciliation>(started.workflowId).result();
}
/** The fixture's period, as reconciled (the schedule test reconciles another month beside it). */
const periods = async () =>
  (
    await tdb.db
      .select()
      .from(employerPeriods)
      .where(eq(employerPeriods.period, '2026-10'))
      .orderBy(employerPeriods.employerTaxCode)
  ).map(({ reconciledAt: _r, ...p }) => p);
const monthsOf = async (taxCode: string) =>
  (await tdb.db.select().from(contributionMonths).where(eq(contributionMonths.employerTaxCode, taxCode))).map(
    (m) => m.status,
  );

describe('monthly reconciliation', () => {
  it('settles every employer, credits fully paid months, shows unpaid ones, charges 0.03 %/day and notifies arrears', async () => {
    const [full, part, none] = subs as [OnboardingSubmission, OnboardingSubmission, OnboardingSubmission];
    const result = await reconcile('2026-12-10');
    expect(result).toMatchObject({ state: 'completed', employersDone: 3, batchesDone: 4, lines: 3 * 3 * 8 });
    expect(result.runs).toBeGreaterThanOrEqual(2); // continued as new across batches

    const [pf, pp, pn] = await periods();
    expect(pf).toMatchObject({
      employerTaxCode: full.employer.taxCode,
      status: 'paid',
      outstanding: '0',
      lateCharge: '0',
      due: String(dueOf(full, '2026-10')),
    });
    const partOutstanding = dueOf(part, '2026-10') - 1_000_000;
    // Deadline 2026-11-30 (last day of the following month); unpaid counted to 2026-12-10: 10 days.
    expect(pp).toMatchObject({
      status: 'partially_paid',
      outstanding: String(partOutstanding),
      lateCharge: String(Math.round(partOutstanding * 0.0003 * 10)),
      maxDaysLate: 10,
      evasion: false,
    });
    expect(pn).toMatchObject({
      status: 'unpaid',
      paid: '0',
      lateCharge: String(Math.round(dueOf(none, '2026-10') * 0.0003 * 10)),
    });

    expect(await monthsOf(full.employer.taxCode)).toEqual(['credited', 'credited', 'credited']);
    expect(await monthsOf(none.employer.taxCode)).toEqual(['declared_unpaid', 'declared_unpaid', 'declared_unpaid']);
    const book = (await findEbook(tdb.db, full.employees[0]!.personalId))!;
    expect(JSON.parse(book!.content).contributionMonths).toEqual([
      { period: '2026-10', employerTaxCode: full.employer.taxCode, status: 'credited' },
    ]);

    const notices = await tdb.db
      .select({ kind: outbox.kind, to: outbox.recipientId })
      .from(outbox)
      .where(sql`${outbox.kind} like 'contributions.%'`);
    expect(
      notices
        .filter((n) => n.kind === 'contributions.arrears')
        .map((n) => n.to)
        .sort(),
    ).toEqual([part.employer.taxCode, none.employer.taxCode].sort());
    expect(notices.filter((n) => n.kind === 'contributions.month_unpaid')).toHaveLength(6);
  });

  it('a rerun of the same period gives exactly the same results: no double charge, credit, notice or e-book version', async () => {
    const before = {
      periods: await periods(),
      versions: await tdb.db.select({ v: sql<string>`sum(version)` }).from(ebooks),
      outbox: await tdb.db.select({ n: sql<string>`count(*)` }).from(outbox),
    };
    await reconcile('2026-12-10');
    expect({
      periods: await periods(),
      versions: await tdb.db.select({ v: sql<string>`sum(version)` }).from(ebooks),
      outbox: await tdb.db.select({ n: sql<string>`count(*)` }).from(outbox),
    }).toEqual(before);
  });

  it('a late payment is picked up by the next run, charged up to the day before it arrived, and the months are credited', async () => {
    const none = subs[2]!;
    const due = dueOf(none, '2026-10');
    await recordPayment(tdb.db, {
      taxCode: none.employer.taxCode,
      bankReference: 'R-LATE-1',
      amount: String(due),
      valueDate: '2026-12-15',
      author: 't',
      today: '2026-12-20',
    });
    await reconcile('2026-12-20');
    const p = (await periods()).find((x) => x.employerTaxCode === none.employer.taxCode)!;
    // Late from 2026-12-01 to 2026-12-14: 14 days.
    expect(p).toMatchObject({
      status: 'paid',
      outstanding: '0',
      maxDaysLate: 14,
      lateCharge: String(Math.round(due * 0.0003 * 14)),
    });
    expect(await monthsOf(none.employer.taxCode)).toEqual(['credited', 'credited', 'credited']);
  });

  it('the schedule (applied idempotently, Asia/Ho_Chi_Minh) fires and reconciles the previous month', async () => {
    expect(await applyReconciliationSchedule(client, taskQueue)).toBe('created');
    expect(await applyReconciliationSchedule(client, taskQueue)).toBe('updated');
    const schedule = client.schedule.getHandle(RECONCILIATION_SCHEDULE_ID);
    try {
      const d = await schedule.describe();
      expect(d.spec.timezone).toBe('Asia/Ho_Chi_Minh');
      const workflowId = await triggeredWorkflowId(schedule);
      expect(workflowId).toBeDefined();
      const handle = client.workflow.getHandle<typeof monthlyReconciliation>(workflowId!);
      const result = await handle.result();
      // The day the schedule fired, in Vietnam (the server's time: ANSINH_TODAY does not move it).
      const firedOn = localDateOf((await handle.describe()).startTime.getTime());
      expect(result).toMatchObject({ state: 'completed', period: addMonths(monthOf(firedOn), -1), asOf: firedOn });
    } finally {
      await schedule.delete();
    }
  });

  it('a worker stopped in the middle of a period is replaced and the run ends with results identical to an uninterrupted run', async () => {
    const uninterrupted = await periods();
    // Same period and as-of as the last run; a second worker pool on its own task queue.
    const queue = uniqueTaskQueue('reconcile-kill');
    let batches = 0;
    const slow = async (point: string) => {
      if (point === 'reconcile:before-commit') {
        batches++;
        await new Promise((r) => setTimeout(r, 300));
      }
    };
    const first = await makeWorker(native, queue, { db: tdb.db, clock: testClock, faults: slow });
    const firstRun = first.run();
    const asOf = uninterrupted[0]!.asOf;
    const started = await startReconciliation(client, queue, {
      period: '2026-10',
      asOf,
      batchSize: 1,
      batchesPerRun: 2,
    });
    for (let i = 0; i < 200 && batches < 1; i++) await new Promise((r) => setTimeout(r, 25));
    expect(batches).toBeGreaterThanOrEqual(1);
    first.shutdown();
    await firstRun;
    const second = await makeWorker(native, queue, { db: tdb.db, clock: testClock });
    const result = await second.runUntil(
      client.workflow.getHandle<typeof monthlyReconciliation>(started.workflowId).result(),
    );
    expect(result).toMatchObject({ state: 'completed', employersDone: 3 });
    expect(await periods()).toEqual(uninterrupted);
  });
});
