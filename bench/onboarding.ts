/**
 * `npm run bench:onboarding`: one employer with 5,000 employees onboarded end to end through the
 * real workflow and worker (local Temporal dev server, real PostgreSQL). Prints employees per
 * second. Options: BENCH_EMPLOYEES (5000), BENCH_BATCH (500), BENCH_DATABASE_URL (a scratch
 * database is created on the PostgreSQL at 127.0.0.1:5432 and dropped afterwards).
 */
import { sampleSubmission } from '../dev/sample';
import { decideOnboarding, onboardingProgress, onboardingResult, submitOnboarding } from '../client/temporal';
import { verifyEbooks } from '../db/queries/ebooks';
import { monthOf } from '../domain/calendar';
import { createWorker } from '../worker/main';
import { appClock, benchKeyRing, codecLine, localTemporal, scratchDatabase } from './harness';

const N = Number(process.env.BENCH_EMPLOYEES ?? 5000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);

async function main(): Promise<void> {
  const scratch = await scratchDatabase('ansinh_bench', { max: 10 });
  const db = scratch.handle;
  const env = await localTemporal();
  try {
    const taskQueue = 'bench-onboarding';
    const worker = await createWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      deps: { db: db.db, clock: appClock },
      keyRing: benchKeyRing,
    });
    const running = worker.run();
    const sub = sampleSubmission(42, N, { startMonth: monthOf(appClock.today()) });

    const t0 = performance.now();
    await submitOnboarding({ db: db.db, client: env.client, taskQueue, clock: appClock }, sub, 'bench', {
      batchSize: BATCH,
    });
    const t1 = performance.now();
    for (;;) {
      const p = await onboardingProgress(env.client, sub.employer.taxCode, db.db).catch(() => undefined);
      if (p?.state === 'awaiting_decision') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const t2 = performance.now();
    await decideOnboarding(env.client, sub.employer.taxCode, { decision: 'approve', officer: 'bench' }, { db: db.db });
    const summary = await onboardingResult(env.client, sub.employer.taxCode, db.db);
    const t3 = performance.now();
    worker.shutdown();
    await running;
    const report = await verifyEbooks(db.db);

    const s = (ms: number) => (ms / 1000).toFixed(2);
    console.log(codecLine());
    console.log(`employees:                          ${N} (batch ${BATCH}, ${Math.ceil(N / BATCH)} transactions)`);
    console.log(`submit (validate + store dossier):  ${s(t1 - t0)} s`);
    console.log(`register as pending:                ${s(t2 - t1)} s`);
    console.log(`approve → completed:                ${s(t3 - t2)} s  (${summary.employeesOnboarded} onboarded)`);
    console.log(`end to end:                         ${s(t3 - t0)} s`);
    console.log(`employees/s (approve → completed):  ${(N / ((t3 - t2) / 1000)).toFixed(0)}`);
    console.log(`employees/s (end to end):           ${(N / ((t3 - t0) / 1000)).toFixed(0)}`);
    console.log(
      `e-book verification:                ${report.checked} checked, ${report.mismatches.length} mismatches`,
    );
    if (report.mismatches.length || summary.employeesOnboarded !== N) process.exitCode = 1;
  } finally {
    await env.teardown();
    await scratch.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
