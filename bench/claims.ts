/**
 * `npm run bench:claims`: BENCH_CLAIMS (1,000) unemployment claims through the real claim workflow,
 * its health-coverage child, the real activities and PostgreSQL, on the time-skipping test server:
 * filed, approved, three benefit months reported and paid, closed. Prints claims per second and
 * state transitions (activities: each one a state change written with the e-book) per second; then
 * the same number of workflows of a trivial kind running the same number of activities in a row
 * (no database, no timers) as the floor, and the ratio of the two.
 */
import { Client } from '@temporalio/client';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import path from 'node:path';
import { claimState, decideClaim, fileAndStartClaim, reportClaim, type ClaimsContext } from '../client/claims';
import { verifyEbooks } from '../db/queries/ebooks';
import { verifyLedger } from '../services/ledger';
import { createActivities } from '../activities';
import { addDays, localDateOf, monthOf, startOfLocalDay } from '../domain/calendar';
import { WORKFLOWS_PATH } from '../worker/main';
import { benchClaimants } from './claimants';
import { FAILURE_CONVERTER_PATH } from '../runtime/payload-codec';
import {
  appClock,
  benchDataConverter,
  codecLine,
  inParallel,
  scratchDatabase,
  thousands,
  timeSkippingTemporal,
  timesFloor,
} from './harness';

const N = Number(process.env.BENCH_CLAIMS ?? 1000);
const MONTHS = 40; // 40 credited months: 3 benefit months (Law 74/2025 Art.39(2))
const SALARY = 12_000_000;
const PARALLEL = 50;

/** Runs fn over items, PARALLEL at a time. */
const each = <T>(items: T[], fn: (x: T) => Promise<unknown>) => inParallel(items, PARALLEL, fn);

async function main(): Promise<void> {
  const scratch = await scratchDatabase('ansinh_bench_claims', { max: 20 });
  const db = scratch.handle;
  const env = await timeSkippingTemporal();
  try {
    const filingDate = localDateOf(await env.currentTimeMs());
    const terminationDate = addDays(filingDate, -7);
    const ids = await benchClaimants(db, { n: N, lastMonth: monthOf(terminationDate), months: MONTHS, salary: SALARY });
    const [claimBundle, floorBundle] = await Promise.all([
      bundleWorkflowCode({
        workflowsPath: WORKFLOWS_PATH,
        failureConverterPath: FAILURE_CONVERTER_PATH,
        logger: quiet,
      }),
      bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'floor-workflow.ts'), logger: quiet }),
    ]);

    // The claims.
    const taskQueue = 'bench-claims';
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: claimBundle,
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
    const t0 = performance.now();
    const claims = await worker.runUntil(async () => {
      const claimIds: string[] = [];
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
      });
      // The driver waits on the database (one count per poll), not on a query per claim, so that
      // what is measured is the system, not the benchmark's polling.
      const until = async (query: () => Promise<number>, n: number) => {
        while ((await query()) < n) await new Promise((r) => setTimeout(r, 25));
      };
      const count = async (q: Promise<{ n: number }[]>) => Number((await q)[0]!.n);
      await until(() => count(db.sql!`select count(*)::int as n from ui_claims where status = 'awaiting_decision'`), N);
      await each(claimIds, (id) => decideClaim(ctx, id, { decision: 'approve' }, 'officer:bench'));
      await until(() => count(db.sql!`select count(*)::int as n from ui_claims where status = 'active'`), N);
      const months = (await claimState(ctx, claimIds[0]!)).months;
      for (let m = 1; m <= 3; m++) {
        // A report sent before the workflow opens the window is refused: send it again shortly.
        await each(claimIds, async (id) => {
          for (;;) {
            try {
              return await reportClaim(ctx, id, {}, 'participant');
            } catch (err) {
              if ((err as { code?: string }).code !== 'REPORT_WINDOW_CLOSED') throw err;
              await new Promise((r) => setTimeout(r, 25));
            }
          }
        });
        await until(
          () => count(db.sql!`select count(*)::int as n from ui_claim_months where idx = ${m} and status = 'paid'`),
          N,
        );
        const next = m < 3 ? months[m]!.from : addDays(months[2]!.to, 1);
        const ms = startOfLocalDay(next) + 60_000 - (await env.currentTimeMs());
        if (ms > 0) await env.sleep(ms);
      }
      const workflowIds = new Map(
        (await db.sql!`select id::text, workflow_id from ui_claims`).map((r) => [
          r.id as string,
          r.workflow_id as string,
        ]),
      );
      await each(claimIds, (id) => client.workflow.getHandle(workflowIds.get(id)!).result());
      return claimIds;
    });
    const claimSeconds = (performance.now() - t0) / 1000;
    const activitiesPerClaim = 11; // intake, decide, 3 × (report, pay), complete, card issued, card ended

    // The floor: the same number of workflows and activities, nothing else.
    const floorQueue = 'bench-floor';
    const floorWorker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: floorQueue,
      workflowBundle: floorBundle,
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
            workflowId: `floor-${i}`,
            args: [activitiesPerClaim],
          }),
      ),
    );
    const floorSeconds = (performance.now() - f0) / 1000;

    const ledger = await verifyLedger(db.db);
    const books = await verifyEbooks(db.db);
    const f = thousands;
    console.log(codecLine());
    console.log(
      `claims:                 ${f(claims.length)} filed → approved → 3 months reported and paid → completed, in ${claimSeconds.toFixed(1)} s (time skipping)`,
    );
    console.log(`claims/s:               ${(claims.length / claimSeconds).toFixed(1)}`);
    console.log(
      `state transitions/s:    ${f((claims.length * activitiesPerClaim) / claimSeconds)}  (${activitiesPerClaim} activities per claim, each a transaction with its e-book)`,
    );
    console.log(
      `floor (trivial wf, ${activitiesPerClaim} no-op activities each): ${floorSeconds.toFixed(1)} s, ${f((N * activitiesPerClaim) / floorSeconds)} activities/s`,
    );
    console.log(`ratio claims / floor:   ${timesFloor(claimSeconds, floorSeconds, 2)}`);
    console.log(
      `checks:                 ledger ${ledger.problems.length} problems, e-books ${books.checked} checked, ${books.mismatches.length} mismatches`,
    );
    if (ledger.problems.length || books.mismatches.length) process.exitCode = 1;
  } finally {
    await env.teardown();
    await scratch.drop();
  }
}

const quiet = { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} } as never;

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
