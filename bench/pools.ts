/**
 * `npm run bench:pools`: a claim decision's latency on an idle system and while a national
 * reconciliation runs, in the same run (issue 15: within 2×).
 *
 * Seeds BENCH_EMPLOYERS (10,000) employers and BENCH_PARTICIPANTS (1,000,000) participants with a
 * month of declarations (`ansinh seed`, as bench:reconcile), plus claimants whose claims wait for a
 * decision. The two pools run as production runs them: `ansinh worker --pool interactive` and
 * `ansinh worker --pool batch`, each a process of its own with its default slots, on a local
 * Temporal dev server. An officer's decision (the claim workflow's Update, answered once the
 * decision and the e-book are written) is timed BENCH_DECISIONS (30) times one after another on
 * the idle system; then the month's reconciliation starts on the batch queue and decisions are
 * timed every 2 s for as long as it runs (up to BENCH_LOADED_DECISIONS, 150; a decision counts
 * only if the reconciliation was still running when it was answered, and the run is INVALID
 * unless a reconciliation batch completed meanwhile). Prints p50, p95 and max of both, the
 * ratios beside the 2× floor, and the reconciliation's own time.
 *
 * BENCH_BATCH_SLOTS=n gives the batch process n activity slots (WORKER_ACTIVITY_SLOTS) instead of its default.
 * BENCH_ONE_POOL=1 runs the same with one worker process serving both queues on one set of
 * slots (what every deployment was before the pools), to show what the split buys.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { decideClaim, fileAndStartClaim, type ClaimsContext } from '../client/claims';
import { reconciliationProgress, startReconciliation } from '../client/temporal';
import { addDays, monthOf } from '../domain/calendar';
import { dataConverterFor, KEY_BYTES, staticKeyRing } from '../runtime/payload-codec';
import { batchQueueOf } from '../workflows/definitions';
import { POOL_DEFAULTS } from '../worker/main';
import type { monthlyReconciliation } from '../workflows/reconciliation';
import { benchClaimants } from './claimants';
import { appClock, localTemporal, scratchDatabase, seedNational, thousands, timesFloor } from './harness';

const EMPLOYERS = Number(process.env.BENCH_EMPLOYERS ?? 10_000);
const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 1_000_000);
const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 30);
/** Claims decided during the reconciliation, one every LOADED_EVERY_MS, for as long as it runs. */
const LOADED_MAX = Number(process.env.BENCH_LOADED_DECISIONS ?? 150);
const LOADED_EVERY_MS = 2_000;
const ONE_POOL = process.env.BENCH_ONE_POOL === '1';
/** The batch pool's activity slots (WORKER_ACTIVITY_SLOTS of its process); absent: its default. */
const BATCH_SLOTS = process.env.BENCH_BATCH_SLOTS ? Number(process.env.BENCH_BATCH_SLOTS) : undefined;
const PERIOD = '2026-10';
const AS_OF = '2026-12-15';
const WARMUP = 5;
const SUBJECT_KEY = randomBytes(32).toString('base64');
const KEY = randomBytes(KEY_BYTES);
const ring = staticKeyRing([{ id: 'bench', key: new Uint8Array(KEY) }], 'bench');

/** `ansinh worker --pool <pool>` in a process of its own. */
function workerProcess(pool: 'interactive' | 'batch' | 'all', env: NodeJS.ProcessEnv, metricsPort: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'worker', '--pool', pool], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...env, WORKER_METRICS_PORT: String(metricsPort) },
  });
  return child;
}

async function pollersReady(client: Client, queues: string[]): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const ready = await Promise.all(
      queues.map(async (q) => {
        const r = await client.workflowService.describeTaskQueue({
          namespace: 'default',
          taskQueue: { name: q },
          taskQueueType: 2, // activities: a pool is ready once it polls for them too
        });
        return (r.pollers?.length ?? 0) > 0;
      }),
    );
    if (ready.every(Boolean)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the worker pools never polled');
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function main(): Promise<void> {
  const scratch = await scratchDatabase('ansinh_bench_pools', { max: 10 });
  const db = scratch.handle;
  const env = await localTemporal();
  const workers: ChildProcess[] = [];
  try {
    const s0 = performance.now();
    await seedNational(scratch.url, { employers: EMPLOYERS, participants: PARTICIPANTS, period: PERIOD });
    const filingDate = appClock.today();
    const terminationDate = addDays(filingDate, -7);
    const ids = await benchClaimants(db, {
      n: WARMUP + DECISIONS + LOADED_MAX,
      lastMonth: monthOf(terminationDate),
      months: 14,
      salary: 12_000_000,
    });
    const seedSeconds = (performance.now() - s0) / 1000;

    const interactive = 'bench-pools';
    const batch = batchQueueOf(interactive);
    const workerEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: scratch.url,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: interactive,
      // Development keys (ANSINH_HOME) for the audit signing key; the payload key and the claim
      // subject key are this run's, shared with the driver below.
      ANSINH_MODE: 'development',
      ANSINH_HOME: mkdtempSync(path.join(tmpdir(), 'ansinh-bench-pools-')),
      PAYLOAD_KEYS: `bench:${KEY.toString('base64')}`,
      CLAIM_SUBJECT_KEY: SUBJECT_KEY,
      LOG_LEVEL: 'warn',
      NODE_OPTIONS: '--max-old-space-size=768',
    };
    if (ONE_POOL) {
      // One process, one set of slots for both queues: the interactive pool's slots serve batch too.
      workers.push(workerProcess('all', { ...workerEnv, WORKER_ACTIVITY_SLOTS: '20' }, 9475));
    } else {
      workers.push(workerProcess('interactive', workerEnv, 9475));
      workers.push(
        workerProcess(
          'batch',
          BATCH_SLOTS ? { ...workerEnv, WORKER_ACTIVITY_SLOTS: String(BATCH_SLOTS) } : workerEnv,
          9476,
        ),
      );
    }
    const client = new Client({ connection: env.connection, dataConverter: dataConverterFor(ring) });
    await pollersReady(client, [interactive, batch]);

    const ctx: ClaimsContext = {
      db: db.db,
      client,
      taskQueue: interactive,
      subjectKey: SUBJECT_KEY,
      clock: appClock,
    };
    const claimIds: string[] = [];
    for (const personalId of ids) {
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
    }
    for (;;) {
      const [r] = await db.sql!`select count(*)::int as n from ui_claims where status = 'awaiting_decision'`;
      if (r!.n === claimIds.length) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    const decide = async (claimId: string) => {
      const t0 = performance.now();
      await decideClaim(ctx, claimId, { decision: 'approve' }, 'officer:bench');
      return performance.now() - t0;
    };
    const queue = [...claimIds];
    for (let i = 0; i < WARMUP; i++) await decide(queue.shift()!);

    // Idle: one decision after another.
    const idle: number[] = [];
    for (let i = 0; i < DECISIONS; i++) {
      idle.push(await decide(queue.shift()!));
      await new Promise((r) => setTimeout(r, 200));
    }

    // Loaded: the reconciliation of 1,000,000 participants runs on the batch queue.
    const r0 = performance.now();
    const rec = await startReconciliation(client, batch, { period: PERIOD, asOf: AS_OF });
    const handle = client.workflow.getHandle<typeof monthlyReconciliation>(rec.workflowId);
    const runningStill = async () => (await handle.describe()).status.name === 'RUNNING';
    let done: number | null = null;
    const result = handle.result().then((x) => {
      done = performance.now();
      return x;
    });
    // Let it plan and take its first batches before measuring.
    await new Promise((r) => setTimeout(r, 5_000));
    const loaded: number[] = [];
    while (queue.length > 0 && done === null) {
      const ms = await decide(queue.shift()!);
      if (done === null && (await runningStill())) loaded.push(ms);
      await new Promise((r) => setTimeout(r, LOADED_EVERY_MS));
    }
    // The measurements count only if the reconciliation did its work meanwhile (a batch failing and
    // retrying would leave the system idle): employers reconciled while the decisions were timed.
    const during = await reconciliationProgress(client, PERIOD).catch(() => ({ employersDone: 0, batchesDone: 0 }));
    const totals = await result;
    const recSeconds = ((done ?? performance.now()) - r0) / 1000;

    const f = thousands;
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(
      `population:             ${f(EMPLOYERS)} employers, ${f(PARTICIPANTS)} participants, ${f(claimIds.length)} claims awaiting a decision (seeded in ${seedSeconds.toFixed(0)} s)`,
    );
    console.log(
      `pools:                  ${ONE_POOL ? 'ONE worker process for both queues, 20 activity slots (BENCH_ONE_POOL=1)' : `\`ansinh worker --pool interactive\` (20 activity slots) + \`--pool batch\` (${BATCH_SLOTS ?? POOL_DEFAULTS.batch.activitySlots}), each its own process`}`,
    );
    console.log(
      `reconciliation:         ${f(totals.employersDone)} employers, ${f(totals.lines)} lines, ${f(totals.ebooksWritten)} e-books in ${recSeconds.toFixed(1)} s`,
    );
    console.log(
      `decision, idle:         p50 ${ms(pct(idle, 50))}  p95 ${ms(pct(idle, 95))}  max ${ms(Math.max(...idle))}  (${idle.length} decisions)`,
    );
    console.log(
      `during the decisions:   ${f(during.employersDone)} employers in ${during.batchesDone} batches reconciled (of ${f(totals.employersDone)})`,
    );
    if (during.batchesDone === 0) {
      console.log('decision, loaded:       INVALID: no reconciliation batch completed while the decisions were timed');
      process.exitCode = 1;
      return;
    }
    if (loaded.length === 0) {
      console.log('decision, loaded:       none answered while the reconciliation ran (it ended first)');
      process.exitCode = 1;
      return;
    }
    console.log(
      `decision, reconciling:  p50 ${ms(pct(loaded, 50))}  p95 ${ms(pct(loaded, 95))}  max ${ms(Math.max(...loaded))}  (${loaded.length} decisions during the run)`,
    );
    const r50 = pct(loaded, 50) / pct(idle, 50);
    const r95 = pct(loaded, 95) / pct(idle, 95);
    console.log(
      `ratio reconciling/idle: p50 ${timesFloor(pct(loaded, 50), pct(idle, 50), 2)}  p95 ${timesFloor(pct(loaded, 95), pct(idle, 95), 2)}  (floor: ≤ 2×)  ${r50 <= 2 && r95 <= 2 ? 'within' : 'OVER'}`,
    );
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))));
    await env.teardown();
    await scratch.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
