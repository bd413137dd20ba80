/**
 * `npm run bench:reconcile`: seeds BENCH_EMPLOYERS (10,000) employers and BENCH_PARTICIPANTS
 * (1,000,000) participants with one month of declarations and payments (a share unpaid and late)
 * into a scratch database on the PostgreSQL at 127.0.0.1:5432, runs one reconciliation through
 * the real workflow and worker (local Temporal dev server), and prints contribution lines per
 * second, e-books updated per second and the process's peak memory. In the same run it times the
 * bare SQL floor — one INSERT … SELECT computing the same per-employer aggregates over the same
 * data — and prints the ratio.
 */
import { startReconciliation } from '../client/temporal';
import { verifyEbooks } from '../db/queries/ebooks';
import { contributionFloor, siCapFor, uiCapFor } from '../domain/contributions';
import { Dec } from '../domain/money';
import { FUNDS, ratesFor, REGIONS, SIDES } from '../domain/rates';
import { createWorker } from '../worker/main';
import type { monthlyReconciliation } from '../workflows/reconciliation';
import { RECONCILIATION_BATCH_SIZE, RECONCILIATION_CONCURRENCY } from '../workflows/definitions';
import { appClock, benchKeyRing, localTemporal, scratchDatabase, seedNational, thousands, timesFloor } from './harness';

const EMPLOYERS = Number(process.env.BENCH_EMPLOYERS ?? 10_000);
const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? RECONCILIATION_BATCH_SIZE);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? RECONCILIATION_CONCURRENCY);
const PERIOD = '2026-10';
const AS_OF = '2026-12-15';

async function main(): Promise<void> {
  const scratch = await scratchDatabase('ansinh_bench_rec', { max: 10 });
  const db = scratch.handle;
  let peakRss = 0;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed + m.external);
  }, 100);
  const env = await localTemporal();
  try {
    // Seeded by `ansinh seed` in its own process, so the figure below is the worker's memory alone.
    const s0 = performance.now();
    await seedNational(scratch.url, { employers: EMPLOYERS, participants: PARTICIPANTS, period: PERIOD });
    const seedSeconds = (performance.now() - s0) / 1000;
    peakRss = 0;
    peakHeap = 0;

    const taskQueue = 'bench-reconcile';
    const worker = await createWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      deps: { db: db.db, clock: appClock },
      keyRing: benchKeyRing,
    });
    const readyRss = process.memoryUsage().rss;
    const t0 = performance.now();
    const started = await startReconciliation(env.client, taskQueue, {
      period: PERIOD,
      asOf: AS_OF,
      batchSize: BATCH,
      concurrency: CONCURRENCY,
    });
    const result = await worker.runUntil(
      env.client.workflow.getHandle<typeof monthlyReconciliation>(started.workflowId).result(),
    );
    const runSeconds = (performance.now() - t0) / 1000;
    const workerPeak = peakRss;

    // The floor: the same per-employer aggregates (due from the employments, salaries and rates in
    // force; paid from the allocations) in one INSERT … SELECT over the same data, with the
    // period's parameters (floors, caps, rates) taken from domain/.
    const params: string[] = [];
    const rates = ratesFor(PERIOD);
    for (const region of REGIONS) {
      const lo = contributionFloor(PERIOD, region).toFixed(0);
      for (const fund of FUNDS) {
        const hi = (fund === 'UI' ? uiCapFor(PERIOD, region) : siCapFor(PERIOD)).toFixed(0);
        for (const side of SIDES) {
          if (new Dec(rates[fund][side]).isZero()) continue;
          params.push(`('${region}', ${fund === 'UI'}, ${rates[fund][side]}::numeric, ${lo}::numeric, ${hi}::numeric)`);
        }
      }
    }
    await db.sql!.unsafe(
      'create unlogged table bench_floor (employer_tax_code text primary key, due numeric, paid numeric)',
    );
    const f0 = performance.now();
    await db.sql!.unsafe(`insert into bench_floor
      with p(region, ui, rate, lo, hi) as (values ${params.join(', ')}),
      due as (
        select e.employer_tax_code, sum(round(least(greatest(s.amount, p.lo), p.hi) * p.rate)) as due
          from employers r
          join employments e on e.employer_tax_code = r.tax_code
          join participants pa on pa.personal_id = e.personal_id
          join lateral (select h.amount from salary_history h where h.employment_id = e.id and h.effective_month <= '${PERIOD}'
                         order by h.effective_month desc limit 1) s on true
          join p on p.region = r.wage_region and (not p.ui or pa.nationality = 'VN')
         where r.status = 'active' and e.start_month <= '${PERIOD}' and (e.end_month is null or e.end_month >= '${PERIOD}')
           and not exists (select 1 from unpaid_leave_months u where u.employment_id = e.id and u.month = '${PERIOD}')
         group by e.employer_tax_code),
      paid as (
        select p.employer_tax_code, sum(a.principal) as paid
          from payments p join payment_allocations a on a.payment_id = p.id
         where a.period = '${PERIOD}' and p.value_date <= '${AS_OF}' group by p.employer_tax_code)
      select due.employer_tax_code, due.due, coalesce(paid.paid, 0) from due left join paid using (employer_tax_code)`);
    const floorSeconds = (performance.now() - f0) / 1000;
    const [agree] = await db.sql!
      .unsafe(`select count(*) filter (where f.due = ep.due and least(f.paid, f.due) = least(ep.paid, ep.due))::int as same, count(*)::int as n
      from bench_floor f join employer_periods ep on ep.employer_tax_code = f.employer_tax_code and ep.period = '${PERIOD}'`);
    // Every e-book re-rendered and compared (minutes at a million; BENCH_VERIFY=0 skips it while tuning).
    const verify = process.env.BENCH_VERIFY === '0' ? { checked: 0, mismatches: [] } : await verifyEbooks(db.db);

    const f = thousands;
    console.log(
      `population:            ${f(EMPLOYERS)} employers, ${f(PARTICIPANTS)} participants, one month (${PERIOD}), seeded in ${seedSeconds.toFixed(1)} s`,
    );
    console.log(
      `reconciliation:        ${runSeconds.toFixed(1)} s through the workflow (${result.batchesDone} batches of ${BATCH}, ${CONCURRENCY} at a time, ${result.runs} runs)`,
    );
    console.log(`contribution lines/s:  ${f(result.lines / runSeconds)}  (${f(result.lines)} lines)`);
    console.log(`e-books updated/s:     ${f(result.ebooksWritten / runSeconds)}  (${f(result.ebooksWritten)} e-books)`);
    console.log(`employers in arrears:  ${f(result.unpaidEmployers)} (${f(result.evasionEmployers)} evasion)`);
    console.log(
      `worker peak RSS:       ${(workerPeak / 2 ** 20).toFixed(0)} MiB (target < 1024); ${(readyRss / 2 ** 20).toFixed(0)} MiB when ready, before the run; peak JS heap + external ${(peakHeap / 2 ** 20).toFixed(0)} MiB`,
    );
    console.log(
      `SQL floor (aggregates): ${floorSeconds.toFixed(2)} s; ratio full run / floor: ${timesFloor(runSeconds, floorSeconds)} (target ≤ 4×)`,
    );
    console.log(
      `targets: run < 120 s: ${runSeconds < 120 ? 'MET' : 'NOT MET'}; within 4× of the floor: ${runSeconds / floorSeconds <= 4 ? 'MET' : 'NOT MET'}`,
    );
    console.log(`floor agrees with run:  ${f(agree!.same)} of ${f(agree!.n)} employers (due and paid)`);
    console.log(`e-book verification:   ${f(verify.checked)} checked, ${verify.mismatches.length} mismatches`);
    if (verify.mismatches.length || agree!.same !== agree!.n) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    await env.teardown();
    await scratch.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
