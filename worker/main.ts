/**
 * The Ansinh worker: every workflow (bundled from workflows/) and every activity, bound to one
 * database handle.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import type { Db } from '../db/client';
import type { AuditSigningKey } from '../runtime/audit-keys';
import { taskQueuesOf, uiFundOf, type Config } from '../runtime/config';
import { dataConverterFor, FAILURE_CONVERTER_PATH, type KeyRing } from '../runtime/payload-codec';
import { WORK_POOLS, type WorkPool } from '../workflows/definitions';

export const WORKFLOWS_PATH = path.join(__dirname, '..', 'workflows', 'index.ts');

export interface WorkerSetup {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** Encrypts every payload (runtime/payload-codec.ts); `null` only for the benchmark's BENCH_CODEC=off. */
  keyRing: KeyRing | null;
  /** A pre-built bundle (tests build one per run); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Extra worker options (concurrency limits, identity). */
  options?: Partial<WorkerOptions>;
}

export async function createWorker(s: WorkerSetup): Promise<Worker> {
  return Worker.create({
    connection: s.connection,
    namespace: s.namespace,
    taskQueue: s.taskQueue,
    ...(s.workflowBundle ? { workflowBundle: s.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities(s.deps),
    dataConverter: dataConverterFor(s.keyRing),
    maxConcurrentActivityTaskExecutions: 20,
    ...s.options,
  });
}

/**
 * How a worker stops (issue 15): `worker.shutdown()` stops polling at once; the activities running
 * get `graceSeconds` to finish (after it they are cancelled, and Temporal retries them elsewhere);
 * 15 s after that the worker gives up waiting and run() rejects, so the process always ends.
 */
export const shutdownOptions = (graceSeconds: number): Partial<WorkerOptions> => ({
  shutdownGraceTime: graceSeconds * 1000,
  shutdownForceTime: graceSeconds * 1000 + 15_000,
});

/**
 * The batch pool's default activity slots on a host of `cores`: each slot's activity keeps about one
 * PostgreSQL core busy (its sessions plan without parallel workers, sessionSettingsOf), so a host
 * keeps at least one core for interactive work: one slot on two cores, two from three cores up. With
 * two slots on a 2-core host a decision took 3.6× (p50) its idle time during the national
 * reconciliation; with one, 2.2–2.6× (bench:pools). More batch throughput comes from more batch
 * processes on more hosts, or WORKER_ACTIVITY_SLOTS.
 */
export const batchSlotsFor = (cores: number): number => Math.min(2, Math.max(1, cores - 1));

/**
 * How much one process of each pool takes on at once (issue 15). An interactive activity is one
 * short transaction; a batch activity (a thousand employers' reconciliation, a payment file, 500
 * employees) keeps a database core busy for seconds to minutes, so the batch pool is capped at the
 * reconciliation's own concurrency (workflows/definitions.ts RECONCILIATION_CONCURRENCY): more batch
 * throughput comes from more batch workers (replicas), never from a worker that starves the
 * interactive pool's database and CPU. WORKER_ACTIVITY_SLOTS / WORKER_WORKFLOW_SLOTS override both.
 */
export const POOL_DEFAULTS: Record<
  WorkPool,
  { activitySlots: number; workflowSlots: number; cachedWorkflows: number }
> = {
  /**
   * Claims run for months, so an interactive worker holds hundreds open. The SDK sizes its
   * workflow cache from the heap (~1.7 MB a workflow); a claim with its coverage child takes more,
   * and at 430 open claim workflows under the 768 MB heap the workflow thread ran out of memory
   * (bench:pools). An evicted workflow is replayed from its history when it next has work.
   */
  interactive: { activitySlots: 20, workflowSlots: 40, cachedWorkflows: 150 },
  batch: { activitySlots: batchSlotsFor(availableParallelism()), workflowSlots: 10, cachedWorkflows: 50 },
};

/** Whether a process serves the batch pool alone. */
const batchOnly = (pools: readonly WorkPool[]): boolean => pools.length === 1 && pools[0] === 'batch';

/**
 * The nice value of a worker process serving `pools` (WORKER_NICE, else 10 for the batch pool
 * alone): a national batch yields the CPU to an officer's decision on a shared host.
 */
export const niceOf = (pools: readonly WorkPool[], configured: number | undefined): number =>
  configured ?? (batchOnly(pools) ? 10 : 0);

/**
 * The PostgreSQL session parameters of a worker process serving `pools`. Every process names
 * itself (`application_name`: an operator sees in pg_stat_activity which pool a backend serves).
 * A batch-only process also runs without parallel query: one batch activity then holds at most
 * one PostgreSQL core per activity slot, whereas a parallel plan of the reconciliation's reads
 * took the leader and two workers, every core of a 2-core host, while an officer's decision
 * waited (bench:pools). Batch throughput is sized by its slots (WORKER_ACTIVITY_SLOTS) instead.
 */
export const sessionSettingsOf = (pools: readonly WorkPool[]): Record<string, string> => ({
  application_name: `ansinh-worker-${pools.join('+')}`,
  ...(batchOnly(pools) ? { max_parallel_workers_per_gather: '0' } : {}),
});

/** The pools a WORKER_POOL value serves. */
export const poolsOf = (pool: Config['WORKER_POOL']): WorkPool[] => (pool === 'all' ? [...WORK_POOLS] : [pool]);

/**
 * The workers of a configuration (`ansinh worker`, `ansinh start`): one per pool it serves
 * (WORKER_POOL), each polling its pool's queue with its slots, sharing the connection, the database
 * handle and one workflow bundle; the grace period of WORKER_SHUTDOWN_GRACE_SECONDS.
 */
export async function configuredWorkers(
  cfg: Config,
  p: {
    connection: NativeConnection;
    db: Db;
    keyRing: KeyRing;
    auditKey: () => Promise<AuditSigningKey>;
    pools?: WorkPool[];
  },
): Promise<{ pool: WorkPool; taskQueue: string; worker: Worker }[]> {
  const queues = taskQueuesOf(cfg);
  const pools = p.pools ?? poolsOf(cfg.WORKER_POOL);
  const workflowBundle: WorkerOptions['workflowBundle'] = cfg.WORKFLOW_BUNDLE
    ? { codePath: cfg.WORKFLOW_BUNDLE }
    : pools.length > 1
      ? await bundleWorkflowCode({
          workflowsPath: WORKFLOWS_PATH,
          failureConverterPath: FAILURE_CONVERTER_PATH,
          // The Runtime's logger (runtime/logging.ts installs it): one log format for the bundler too.
          logger: Runtime.instance().logger,
        })
      : undefined;
  const out: { pool: WorkPool; taskQueue: string; worker: Worker }[] = [];
  for (const pool of pools) {
    const taskQueue = queues[pool];
    const worker = await configuredWorker(cfg, { ...p, taskQueue, pool, workflowBundle });
    out.push({ pool, taskQueue, worker });
  }
  return out;
}

/** Starts the shutdown (drain) of every worker still running; idempotent. */
export function stopWorkers(workers: readonly Worker[]): void {
  for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
}

/**
 * Runs workers until every one has stopped. When one fails, the others are shut down (drained) too,
 * so the process ends and its orchestrator restarts it; the promise rejects with the first failure
 * only after all have stopped, so nothing closes a connection a draining worker still uses.
 */
export async function runWorkers(workers: readonly Worker[]): Promise<void> {
  const results = await Promise.allSettled(
    workers.map((w) =>
      w.run().catch((e: unknown) => {
        stopWorkers(workers);
        throw e;
      }),
    ),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** One pool's worker of a configuration: its queue, slots, grace period and bundle. */
export function configuredWorker(
  cfg: Config,
  p: {
    connection: NativeConnection;
    db: Db;
    keyRing: KeyRing;
    auditKey: () => Promise<AuditSigningKey>;
    taskQueue: string;
    pool: WorkPool;
    workflowBundle?: WorkerOptions['workflowBundle'];
  },
): Promise<Worker> {
  const slots = POOL_DEFAULTS[p.pool];
  return createWorker({
    connection: p.connection,
    namespace: cfg.TEMPORAL_NAMESPACE,
    taskQueue: p.taskQueue,
    deps: {
      db: p.db,
      clock: cfg.clock,
      auditKey: p.auditKey,
      secret: cfg.CLAIM_SUBJECT_KEY,
      uiFund: uiFundOf(cfg),
    },
    keyRing: p.keyRing,
    ...(p.workflowBundle
      ? { workflowBundle: p.workflowBundle }
      : cfg.WORKFLOW_BUNDLE
        ? { workflowBundle: { codePath: cfg.WORKFLOW_BUNDLE } }
        : {}),
    options: {
      ...shutdownOptions(cfg.WORKER_SHUTDOWN_GRACE_SECONDS),
      maxConcurrentActivityTaskExecutions: cfg.WORKER_ACTIVITY_SLOTS ?? slots.activitySlots,
      maxConcurrentWorkflowTaskExecutions: cfg.WORKER_WORKFLOW_SLOTS ?? slots.workflowSlots,
      maxCachedWorkflows: cfg.WORKER_CACHED_WORKFLOWS ?? slots.cachedWorkflows,
      identity: `${p.pool}@${process.pid}`,
    },
  });
}
