/**
 * `npm run bench:reconcile`: seeds BENCH_EMPLOYERS (10,000) employers and BENCH_PARTICIPANTS
 * (1,000,000) participants with one month of declarations and payments (a share unpaid and late)
 * into a scratch database on the PostgreSQL at 127.0.0.1:5432, runs one reconciliation through
 * the real workflow and worker (local Temporal dev server), and prints contribution lines per
 * second, e-books updated per second and the process's peak memory. In the same run it times the
 * bare SQL floor — one INSERT … SELECT computing the same per-employer aggregates over the same
 * data — and prints the ratio.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import postgres from 'postgres';
import { startReconciliation } from '../client/temporal';
import { openDatabase } from '../db/client';
import { verifyEbooks } from '../db/queries/ebooks';
import { seed } from '../db/seed';
import { installTemporalLogging } from '../worker/logger';
import { createWorker } from '../worker/main';
import { executableFor, resolveTemporalCli } from '../worker/temporal-binary';
import type { monthlyReconciliation } from '../workflows/reconciliation';

const EMPLOYERS = Number(process.env.BENCH_EMPLOYERS ?? 10_000);
const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const ADMIN = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PERIOD = '2026-10';
const AS_OF = '2026-12-15';

async function main(): Promise<void> {
  installTemporalLogging('warn');
  const name = `ansinh_bench_rec_${Date.now().toString(36)}`;
  const admin = postgres(ADMIN, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), max: 10 });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const env = await TestWorkflowEnvironment.createLocal({ server: { executable: executableFor(resolveTemporalCli()), ip: '127.0.0.1' } });
  try {
    await db.migrate();
    const s0 = performance.now();
    await seed(db.sql!, {
      employers: EMPLOYERS,
      participants: PARTICIPANTS,
      months: 1,
      lastPeriod: PERIOD,
      seed: 42,
      onProgress: (stage, done, total) => process.stderr.write(`  seed ${stage}: ${done.toLocaleString('en')}/${total.toLocaleString('en')}\n`),
    });
    const seedSeconds = (performance.now() - s0) / 1000;
    peakRss = 0;

    const taskQueue = 'bench-reconcile';
    const worker = await createWorker({ connection: env.nativeConnection, namespace: 'default', taskQueue, deps: { db: db.db, clock: () => new Date() } });
    const t0 = performance.now();
    const started = await startReconciliation(env.client, taskQueue, { period: PERIOD, asOf: AS_OF, batchSize: BATCH });
    const result = await worker.runUntil(env.client.workflow.getHandle<typeof monthlyReconciliation>(started.workflowId).result());
    const runSeconds = (performance.now() - t0) / 1000;
    const workerPeak = peakRss;

    // The floor: the same per-employer aggregates in one set-based statement over the same lines.
    const f0 = performance.now();
    await db.sql!.unsafe(`create temp table floor as
      select l.employer_tax_code, sum(l.amount) as due,
             coalesce((select sum(a.principal) from payment_allocations a join payments p on p.id = a.payment_id
                        where p.employer_tax_code = l.employer_tax_code and a.period = l.period), 0) as paid
        from contribution_lines l where l.period = '${PERIOD}' group by l.employer_tax_code, l.period`);
    const floorSeconds = (performance.now() - f0) / 1000;
    const verify = await verifyEbooks(db.db);

    const f = (n: number) => Math.round(n).toLocaleString('en');
    console.log(`population:            ${f(EMPLOYERS)} employers, ${f(PARTICIPANTS)} participants, one month (${PERIOD}), seeded in ${seedSeconds.toFixed(1)} s`);
    console.log(`reconciliation:        ${runSeconds.toFixed(1)} s through the workflow (${result.batchesDone} batches of ${BATCH}, ${result.runs} runs)`);
    console.log(`contribution lines/s:  ${f(result.lines / runSeconds)}  (${f(result.lines)} lines)`);
    console.log(`e-books updated/s:     ${f(result.ebooksWritten / runSeconds)}  (${f(result.ebooksWritten)} e-books)`);
    console.log(`employers in arrears:  ${f(result.unpaidEmployers)} (${f(result.evasionEmployers)} evasion)`);
    console.log(`worker peak RSS:       ${(workerPeak / 2 ** 20).toFixed(0)} MiB (target < 1024)`);
    console.log(`SQL floor (aggregates): ${floorSeconds.toFixed(2)} s; ratio full run / floor: ${(runSeconds / floorSeconds).toFixed(1)}× (target ≤ 4×)`);
    console.log(`targets: run < 120 s: ${runSeconds < 120 ? 'MET' : 'NOT MET'}; within 4× of the floor: ${runSeconds / floorSeconds <= 4 ? 'MET' : 'NOT MET'}`);
    console.log(`e-book verification:   ${f(verify.checked)} checked, ${verify.mismatches.length} mismatches`);
    if (verify.mismatches.length) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    await env.teardown();
    await db.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
