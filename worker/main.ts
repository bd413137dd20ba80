/**
 * The Ansinh worker: every workflow (bundled from workflows/) and every activity, bound to one
 * database handle.
 */
import path from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import type { Db } from '../db/client';
import type { AuditSigningKey } from '../runtime/audit-keys';
import { uiFundOf, type Config } from '../runtime/config';
import { dataConverterFor, type KeyRing } from '../runtime/payload-codec';

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

/** The worker of a configuration (`ansinh worker`, `ansinh start`): its queue, grace period and bundle. */
export function configuredWorker(
  cfg: Config,
  p: { connection: NativeConnection; db: Db; keyRing: KeyRing; auditKey: () => Promise<AuditSigningKey> },
): Promise<Worker> {
  return createWorker({
    connection: p.connection,
    namespace: cfg.TEMPORAL_NAMESPACE,
    taskQueue: cfg.TEMPORAL_TASK_QUEUE,
    deps: {
      db: p.db,
      clock: cfg.clock,
      auditKey: p.auditKey,
      secret: cfg.CLAIM_SUBJECT_KEY,
      uiFund: uiFundOf(cfg),
    },
    keyRing: p.keyRing,
    ...(cfg.WORKFLOW_BUNDLE ? { workflowBundle: { codePath: cfg.WORKFLOW_BUNDLE } } : {}),
    options: shutdownOptions(cfg.WORKER_SHUTDOWN_GRACE_SECONDS),
  });
}
