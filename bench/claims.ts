/**
 * `npm run bench:claims`: BENCH_CLAIMS (1,000) unemployment claims through the real claim workflow,
 * its health-coverage child, the real activities and PostgreSQL, on two Temporal servers:
 *
 * 1. the time-skipping test server: filed, approved, three benefit months reported and paid by the
 *    bank (a payment run and the bank's pain.002, as in production: rules §8.36), completed at the
 *    end of the benefit period;
 * 2. the local dev server, which is what production resembles and which cannot skip time: filed,
 *    approved, the first month reported and paid by the bank, then terminated (a new job, Law
 *    74/2025 Art.41(4)(a)) — the whole of a claim that does not wait for the calendar.
 *
 * Each beside its floor on the same server: as many workflows of a trivial kind running, one after
 * the other, as many no-op activities as a claim ran (counted from a claim's history and its
 * child's), no database, no timers, no payload codec. Prints claims/s, state transitions/s, the
 * ratio to the floor and the 3× target (on the dev server).
 */
import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import path from 'node:path';
import {
  claimState,
  decideClaim,
  fileAndStartClaim,
  reportClaim,
  terminateClaim,
  type ClaimsContext,
} from '../client/claims';
import { verifyEbooks } from '../db/queries/ebooks';
import { verifyLedger } from '../services/ledger';
import { createActivities } from '../activities';
import { addDays, localDateOf, monthOf, startOfLocalDay, type IsoDate } from '../domain/calendar';
import { coverageWorkflowId } from '../workflows/definitions';
import { WORKFLOWS_PATH } from '../worker/main';
import { proposeAccount, verifyAccount } from '../services/bank-accounts';
import { BANK_SECRET, payByBank } from '../test/setup/bank';
import { msPerCreation } from '../test/setup/workflow-creator';
import { benchClaimants } from './claimants';
import { FAILURE_CONVERTER_PATH } from '../runtime/payload-codec';
import {
  appClock,
  benchDataConverter,
  codecLine,
  inParallel,
  localTemporal,
  scratchDatabase,
  thousands,
  timeSkippingTemporal,
  timesFloor,
} from './harness';

const N = Number(process.env.BENCH_CLAIMS ?? 1000);
const MONTHS = 40; // 40 credited months: 3 benefit months (Law 74/2025 Art.39(2))
const SALARY = 12_000_000;
const PARALLEL = 50;
const DEV_TARGET = 3;
const { EventType } = temporal.api.enums.v1;

/** Runs fn over items, PARALLEL at a time. */
const each = <T>(items: T[], fn: (x: T) => Promise<unknown>) => inParallel(items, PARALLEL, fn);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Lifecycle = 'three months, completed' | 'one month, terminated';

interface Phase {
  server: string;
  lifecycle: Lifecycle;
  claims: number;
  seconds: number;
  activitiesPerClaim: number;
  floorSeconds: number;
  ledgerProblems: number;
  booksChecked: number;
  bookMismatches: number;
  /** Where the run's time went: each step of the driver, in order, in seconds. */
  steps: [string, number][];
}

/** The activities one claim ran: its history's and its coverage child's. */
async function activitiesOf(client: Client, workflowId: string): Promise<number> {
  let n = 0;
  for (const id of [workflowId, coverageWorkflowId(workflowId)]) {
    const events = (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
    n += events.filter((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).length;
  }
  return n;
}

async function phase(
  env: TestWorkflowEnvironment,
  server: string,
  lifecycle: Lifecycle,
  bundles: { claim: WorkflowBundle; floor: WorkflowBundle },
): Promise<Phase> {
  const scratch = await scratchDatabase('ansinh_bench_claims', { max: 20 });
  const db = scratch.handle;
  try {
    const now = () => env.currentTimeMs();
    const today = async (): Promise<IsoDate> => localDateOf(await now());
    const filingDate = await today();
    const terminationDate = addDays(filingDate, -7);
    const ids = await benchClaimants(db, { n: N, lastMonth: monthOf(terminationDate), months: MONTHS, salary: SALARY });
    // Each claimant's bank account, given and verified before the claim (as a participant does in
    // the app): the bank pays into it. Not part of the claim's time.
    await each(ids, async (personalId) => {
      const i = ids.indexOf(personalId);
      const account = { bankCode: 'BFTVVNVX', accountNumber: String(2_000_000_000 + i), holderName: 'Người Đo' };
      await proposeAccount(db.db, {
        personalId,
        account,
        by: 'participant:bench',
        today: filingDate,
        secret: BANK_SECRET,
      });
      await verifyAccount(db.db, { personalId, officer: 'officer:bench', today: filingDate });
    });
    const taskQueue = 'bench-claims';
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundles.claim,
      activities: createActivities({ db: db.db, clock: appClock }),
      dataConverter: benchDataConverter,
      maxConcurrentActivityTaskExecutions: 20,
    });
    // A plain client: the environment's own client locks and unlocks time skipping around every
    // wait, which the test server's bookkeeping cannot keep up with at a thousand workflows. Time
    // moves only when env.sleep says so (every deadline here is reached that way).
    const client = new Client({ connection: env.connection, dataConverter: benchDataConverter });
    const ctx: ClaimsContext = {
      db: db.db,
      client,
      taskQueue,
      subjectKey: 'bench-subject-key-0123456789',
      clock: appClock,
    };
    // The driver waits on the database (one count per poll), not on a query per claim, so that
    // what is measured is the system, not the benchmark's polling.
    const count = async (q: Promise<{ n: number }[]>) => Number((await q)[0]!.n);
    const until = async (query: () => Promise<number>, n: number) => {
      while ((await query()) < n) await pause(25);
    };
    /** Every claim's month `m` reported (the report Update answers once its record is written). */
    const reportAll = (claimIds: string[]) =>
      each(claimIds, async (id) => {
        for (;;) {
          try {
            return await reportClaim(ctx, id, {}, 'participant');
          } catch (err) {
            // A report sent before the workflow opens the window is refused: send it again shortly.
            if ((err as { code?: string }).code !== 'REPORT_WINDOW_CLOSED') throw err;
            await pause(25);
          }
        }
      });
    /** The bank pays every month owed (a payment run, the bank's report); every claim's month `m` must then be paid. */
    const bankPays = async (m: number) => {
      const paid = await payByBank(db.db, await today());
      const n = await count(
        db.sql!`select count(*)::int as n from ui_claim_months where idx = ${m} and status = 'paid'`,
      );
      if (paid !== N || n !== N) throw new Error(`month ${m}: the bank paid ${paid}, ${n} of ${N} paid`);
    };

    const steps: [string, number][] = [];
    let mark = performance.now();
    const step = (name: string) => {
      const t = performance.now();
      steps.push([name, (t - mark) / 1000]);
      mark = t;
    };
    const t0 = performance.now();
    const workflowIds = await worker.runUntil(async () => {
      const claimIds: string[] = [];
      const wfIds: string[] = [];
      await each(ids, async (personalId) => {
        const f = await fileAndStartClaim(
          ctx,
          {
            personalId,
            terminationDate,
            filingDate,
            region: 'I',
            contractMonths: 36,
            terminationReason: 'contract_expired',
          },
          'officer:bench',
          filingDate,
        );
        claimIds.push(f.claimId);
        wfIds.push(f.workflowId);
      });
      step('filed');
      await until(() => count(db.sql!`select count(*)::int as n from ui_claims where status = 'awaiting_decision'`), N);
      step('intake');
      await each(claimIds, (id) => decideClaim(ctx, id, { decision: 'approve' }, 'officer:bench'));
      step('decided');
      if (lifecycle === 'one month, terminated') {
        await reportAll(claimIds);
        step('reported');
        await bankPays(1);
        step('paid by the bank');
        await each(claimIds, (id) => terminateClaim(ctx, id, { ground: 'new_job' }, 'officer:bench'));
        step('terminated');
      } else {
        const months = (await claimState(ctx, claimIds[0]!)).months;
        for (let m = 1; m <= 3; m++) {
          await reportAll(claimIds);
          step(`month ${m} reported`);
          await bankPays(m);
          step(`month ${m} paid by the bank`);
          // To the start of the next month, then past the end of the benefit period.
          const next = m < 3 ? months[m]!.from : addDays(months[2]!.to, 1);
          const ms = startOfLocalDay(next) + 60_000 - (await now());
          if (ms > 0) await env.sleep(ms);
          step(m < 3 ? `to month ${m + 1}` : 'to the end of the period');
        }
      }
      await each(wfIds, (id) => client.workflow.getHandle(id).result());
      step('closed');
      return wfIds;
    });
    const seconds = (performance.now() - t0) / 1000;
    const activitiesPerClaim = await activitiesOf(client, workflowIds[0]!);

    // The floor: the same number of workflows and activities, nothing else.
    const floorQueue = 'bench-floor';
    const floorWorker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: floorQueue,
      workflowBundle: bundles.floor,
      activities: { floorStep: async (i: number) => i },
      maxConcurrentActivityTaskExecutions: 20,
    });
    // The floor is bare Temporal: no payload codec either.
    const floorClient = new Client({ connection: env.connection });
    const f0 = performance.now();
    await floorWorker.runUntil(
      each(
        Array.from({ length: N }, (_, i) => i),
        (i) =>
          floorClient.workflow.execute('floorWorkflow', {
            taskQueue: floorQueue,
            workflowId: `floor-${server}-${i}`,
            args: [activitiesPerClaim],
          }),
      ),
    );
    const floorSeconds = (performance.now() - f0) / 1000;
    const ledger = await verifyLedger(db.db);
    const books = await verifyEbooks(db.db);
    return {
      server,
      lifecycle,
      claims: workflowIds.length,
      seconds,
      activitiesPerClaim,
      floorSeconds,
      ledgerProblems: ledger.problems.length,
      booksChecked: books.checked,
      bookMismatches: books.mismatches.length,
      steps,
    };
  } finally {
    await scratch.drop();
  }
}

function report(p: Phase, target?: number): void {
  const f = thousands;
  const ratio = p.seconds / p.floorSeconds;
  console.log(`\n${p.server}: ${f(p.claims)} claims filed → approved → ${p.lifecycle}, in ${p.seconds.toFixed(1)} s`);
  console.log(`  claims/s:             ${(p.claims / p.seconds).toFixed(1)}`);
  console.log(
    `  state transitions/s:  ${f((p.claims * p.activitiesPerClaim) / p.seconds)}  (${p.activitiesPerClaim} activities per claim and its coverage, each a transaction with its e-book)`,
  );
  console.log(
    `  floor (trivial wf, ${p.activitiesPerClaim} no-op activities each): ${p.floorSeconds.toFixed(1)} s, ${f((p.claims * p.activitiesPerClaim) / p.floorSeconds)} activities/s`,
  );
  console.log(
    `  ratio claims / floor: ${timesFloor(p.seconds, p.floorSeconds, 2)}${
      target === undefined ? '' : `  (target ≤ ${target}×: ${ratio <= target ? 'MET' : 'NOT MET'})`
    }`,
  );
  console.log(`  where the time went:  ${p.steps.map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(' · ')}`);
  console.log(
    `  checks:               ledger ${p.ledgerProblems} problems, e-books ${p.booksChecked} checked, ${p.bookMismatches} mismatches`,
  );
  if (p.ledgerProblems || p.bookMismatches) process.exitCode = 1;
}

async function main(): Promise<void> {
  const [claim, floor] = await Promise.all([
    bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, failureConverterPath: FAILURE_CONVERTER_PATH, logger: quiet }),
    bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'floor-workflow.ts'), logger: quiet }),
  ]);
  console.log(codecLine());
  // What the worker's workflow thread spends on each workflow before its code runs: every module
  // the workflows import, evaluated again (test/setup/workflow-creator.ts).
  const [claimMs, floorMs] = [
    await msPerCreation(claim, 'unemploymentClaim'),
    await msPerCreation(floor, 'floorWorkflow'),
  ];
  console.log(
    `creating one workflow (its modules evaluated): claim bundle ${claimMs.toFixed(2)} ms, the floor's ${floorMs.toFixed(2)} ms`,
  );
  const only = process.env.BENCH_SERVER; // 'time-skipping' | 'dev': one of the two
  if (only !== 'dev') {
    const env = await timeSkippingTemporal();
    try {
      report(await phase(env, 'time-skipping test server', 'three months, completed', { claim, floor }));
    } finally {
      await env.teardown();
    }
  }
  if (only !== 'time-skipping') {
    const env = await localTemporal();
    try {
      report(await phase(env, 'local dev server', 'one month, terminated', { claim, floor }), DEV_TARGET);
    } finally {
      await env.teardown();
    }
  }
}

const quiet = { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} } as never;

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
