/**
 * The SDK's own creator of workflows (the class a worker uses with reuseV8Context, its default),
 * outside a worker: what a worker evaluates for each workflow it creates — every module the
 * workflows import at the top, into the workflow's own module cache, which its activator keeps.
 * test/workflows/bundle.test.ts reads that cache; bench:claims times the creation. The class is
 * not exported by the package's index: the path and shape are those of the SDK in package-lock.
 */
import type { WorkflowBundle } from '@temporalio/worker';

interface CreatedWorkflow {
  activator: { moduleCache: Map<string, unknown> };
  dispose(): Promise<void>;
}
export interface WorkflowCreator {
  createWorkflow(o: unknown): Promise<CreatedWorkflow>;
  destroy(): Promise<void>;
}

export async function workflowCreator(bundle: Pick<WorkflowBundle, 'code'>): Promise<WorkflowCreator> {
  const { ReusableVMWorkflowCreator } = (await import('@temporalio/worker/lib/workflow/reusable-vm.js')) as {
    ReusableVMWorkflowCreator: {
      create(
        b: { code: string; sourceMap: unknown },
        timeoutMs: number,
        activities: Set<string>,
        patch: undefined,
      ): Promise<WorkflowCreator>;
    };
  };
  // An empty source map: the creator registers one per bundle, and nothing here reads a stack.
  return ReusableVMWorkflowCreator.create(
    { code: bundle.code, sourceMap: { version: 3, sources: [], names: [], mappings: '' } },
    10_000,
    new Set(),
    undefined,
  );
}

/** One workflow of `workflowType` created (its modules evaluated), not run. */
export function createOne(creator: WorkflowCreator, workflowType: string, n: number): Promise<CreatedWorkflow> {
  const at = new Date(0);
  const runId = `created-${n}`;
  return creator.createWorkflow({
    info: {
      workflowType,
      workflowId: runId,
      runId,
      firstExecutionRunId: runId,
      taskQueue: 'created',
      namespace: 'default',
      attempt: 1,
      historyLength: 1,
      historySize: 1,
      continueAsNewSuggested: false,
      searchAttributes: {},
      typedSearchAttributes: {},
      memo: {},
      unsafe: { isReplaying: false },
      startTime: at,
      runStartTime: at,
      priority: {},
    },
    randomnessSeed: [1, 2],
    now: 0,
    showStackTraceSources: false,
  });
}

/**
 * The creator installs the SDK's global handlers in this thread (a promise hook on every promise,
 * for workflow stack traces, and Error.prepareStackTrace), as a worker does in its workflow thread.
 * Taken off again here: left on, they would tax every promise of the process after the measure
 * (bench:claims' own worker and activities: seconds of a run).
 */
async function uninstallGlobalHandlers(): Promise<void> {
  const { globalHandlers } = (await import('@temporalio/worker/lib/workflow/vm-shared.js')) as {
    globalHandlers: { uninstall(): void };
  };
  globalHandlers.uninstall();
}

/** Milliseconds to create one workflow, the mean of `n` after a warm-up of 20. */
export async function msPerCreation(
  bundle: Pick<WorkflowBundle, 'code'>,
  workflowType: string,
  n = 200,
): Promise<number> {
  const creator = await workflowCreator(bundle);
  try {
    let t0 = 0;
    for (let i = 0; i < n + 20; i++) {
      if (i === 20) t0 = performance.now();
      await (await createOne(creator, workflowType, i)).dispose();
    }
    return (performance.now() - t0) / n;
  } finally {
    await creator.destroy();
    await uninstallGlobalHandlers();
  }
}
