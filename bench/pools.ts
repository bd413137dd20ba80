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
 * ratios beside the 2× floor, and the reconciliation's own time. Then where each decision's time
 * went, read from its workflow's history after the run (p50/p95 of each part, idle and loaded): the
 * Update's workflow task (admit), decideClaim waiting for a slot (queued) and running (activity:
 * its transaction), from the decision written to the Update's answer (after: workflow tasks and the
 * coverage child started), and the rest (client: the driver's own reads and writes, round trips).
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
import { temporal } from '@temporalio/proto';
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

const EventType = temporal.api.enums.v1.EventType;
const eventMs = (e: temporal.api.history.v1.IHistoryEvent) =>
  Number(e.eventTime?.seconds ?? 0) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6;

/** Where one decision's time went, from its workflow's history (server timestamps), in ms. */
interface DecisionParts {
  /** The Update's workflow task: scheduled, polled and run until the Update was accepted. */
  admit: number;
  /** decideClaim waiting in its task queue for an activity slot (schedule-to-start). */
  queued: number;
  /** decideClaim running: its database transaction, the e-book included. */
  activity: number;
  /** From the decision written until the Update completed: workflow tasks, the coverage child started. */
  after: number;
  /** The rest of the time the officer waited: the client's reads and writes before the Update, the round trips. */
  client: number;
}
const PARTS: (keyof DecisionParts)[] = ['admit', 'queued', 'activity', 'after', 'client'];

async function decisionParts(client: Client, workflowId: string, totalMs: number): Promise<DecisionParts | null> {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const at = (type: number, from = 0) => {
    for (let i = from; i < events.length; i++) if (events[i]!.eventType === type) return i;
    return -1;
  };
  const accepted = at(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);
  if (accepted < 0) return null;
  let wft = accepted;
  while (wft > 0 && events[wft]!.eventType !== EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) wft--;
  const scheduled = at(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, accepted);
  const started = at(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, scheduled);
  const completed = at(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, started);
  const done = at(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED, completed);
  if (scheduled < 0 || started < 0 || completed < 0 || done < 0) return null;
  const t = (i: number) => eventMs(events[i]!);
  const admit = t(accepted) - t(wft);
  const span = t(done) - t(wft);
  return {
    admit,
    queued: t(started) - t(scheduled),
    activity: t(completed) - t(started),
    after: t(done) - t(completed),
    client: Math.max(0, totalMs - span),
  };
}

/** The median and the 95th percentile of each part over a set of decisions, as one line. */
async function partsLine(client: Client, timed: { workflowId: string; ms: number }[]): Promise<string> {
  const parts = (await Promise.all(timed.map((d) => decisionParts(client, d.workflowId, d.ms)))).filter(
    (p): p is DecisionParts => p !== null,
  );
  if (parts.length === 0) return 'no history to read';
  const each = PARTS.map((k) => {
    const xs = parts.map((p) => p[k]);
    return `${k} ${pct(xs, 50).toFixed(0)}/${pct(xs, 95).toFixed(0)}`;
  });
  return `${each.join(' · ')} ms (p50/p95 of ${parts.length})`;
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
    const workflowOf = new Map<string, string>();
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
      workflowOf.set(f.claimId, f.workflowId);
    }
    for (;;) {
      const [r] = await db.sql!`select count(*)::int as n from ui_claims where status = 'awaiting_decision'`;
      if (r!.n === claimIds.length) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    const timed = new Map<string, { workflowId: string; ms: number }>();
    const decide = async (claimId: string) => {
      const t0 = performance.now();
      await decideClaim(ctx, claimId, { decision: 'approve' }, 'officer:bench');
      const ms = performance.now() - t0;
      timed.set(claimId, { workflowId: workflowOf.get(claimId)!, ms });
      return ms;
    };
    const queue = [...claimIds];
    for (let i = 0; i < WARMUP; i++) await decide(queue.shift()!);

    // Idle: one decision after another.
    const idle: number[] = [];
    const idleIds: string[] = [];
    for (let i = 0; i < DECISIONS; i++) {
      idleIds.push(queue[0]!);
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
    const loadedIds: string[] = [];
    while (queue.length > 0 && done === null) {
      const id = queue.shift()!;
      const ms = await decide(id);
      if (done === null && (await runningStill())) {
        loaded.push(ms);
        loadedIds.push(id);
      }
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
    // Where the time went (the histories' timestamps; read after the run, so reading them adds no load).
    console.log(
      `  decision path, idle:        ${await partsLine(
        client,
        idleIds.map((id) => timed.get(id)!),
      )}`,
    );
    console.log(
      `  decision path, reconciling: ${await partsLine(
        client,
        loadedIds.map((id) => timed.get(id)!),
      )}`,
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
