/**
 * The Ansinh worker: every workflow (bundled from workflows/) and every activity, bound to one
 * database handle.
 */
import path from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
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
