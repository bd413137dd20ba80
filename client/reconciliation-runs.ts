/**
 * What the operator sees of the reconciliation in Temporal (issue #12): the recent runs from
 * Temporal's visibility (one per execution chain: runs that continued as new are left out, their
 * successor carries their progress), each asked for its progress (running) or its result
 * (completed); and the monthly schedule, described or applied. No personal data passes here: ids,
 * periods, counts and sums.
 */
import { ScheduleNotFoundError, type Client, type ScheduleDescription } from '@temporalio/client';
import type { ReconciliationSchedule } from '../domain/schemas-operations';
import { reconciliationProgressQuery, type ReconciliationProgress } from '../workflows/definitions';
import { applySchedule, RECONCILIATION_SCHEDULE_ID, reconciliationSchedule } from './schedules';

export const RECONCILIATION_WORKFLOW_TYPE = 'monthlyReconciliation';

/** How long a running workflow is given to answer its progress query before the run is listed without it. */
const QUERY_TIMEOUT_MS = 3_000;

export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'terminated' | 'timed_out' | 'unknown';

export interface ReconciliationRunInfo {
  workflowId: string;
  runId: string;
  status: RunStatus;
  startedAt: string;
  closedAt: string | null;
  scheduled: boolean;
  /** The run's own account (its query while running, its result once completed); null when it cannot answer. */
  progress: ReconciliationProgress | null;
}

const STATUS: Record<string, RunStatus> = {
  RUNNING: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  TERMINATED: 'terminated',
  TIMED_OUT: 'timed_out',
};

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), ms);
    }),
  ]);
}

async function progressOf(client: Client, workflowId: string, runId: string, status: RunStatus) {
  const handle = client.workflow.getHandle(workflowId, runId, { followRuns: false });
  try {
    if (status === 'completed') return (await handle.result()) as ReconciliationProgress;
    if (status === 'running') return await withTimeout(handle.query(reconciliationProgressQuery), QUERY_TIMEOUT_MS);
  } catch {
    // A run that cannot answer (no worker yet, a failed query) is listed without its progress.
  }
  return null;
}

/**
 * The recent runs on these task queues (the batch pool's, and the interactive one where runs
 * started before the pools ran), newest first (Temporal's visibility order), `offset` and
 * `limit` in runs; `more` says whether a later page exists. Visibility is eventually consistent: a
 * run started a moment ago may appear a moment later (GET /v1/reconciliations/{period} asks it directly).
 */
export async function listReconciliationRuns(
  client: Client,
  taskQueues: readonly string[],
  page: { offset: number; limit: number },
): Promise<{ runs: ReconciliationRunInfo[]; more: boolean }> {
  const queues = [...new Set(taskQueues)].map((q) => `'${q.replace(/'/g, '')}'`).join(', ');
  const query = `WorkflowType = '${RECONCILIATION_WORKFLOW_TYPE}' AND TaskQueue IN (${queues}) AND ExecutionStatus != 'ContinuedAsNew'`;
  const infos = [];
  let seen = 0;
  for await (const info of client.workflow.list({ query, pageSize: Math.min(page.offset + page.limit + 1, 1000) })) {
    if (seen++ < page.offset) continue;
    infos.push(info);
    if (infos.length > page.limit) break;
  }
  const more = infos.length > page.limit;
  const runs = await Promise.all(
    infos.slice(0, page.limit).map(async (info): Promise<ReconciliationRunInfo> => {
      const status = STATUS[info.status.name] ?? 'unknown';
      return {
        workflowId: info.workflowId,
        runId: info.runId,
        status,
        startedAt: info.startTime.toISOString(),
        closedAt: info.closeTime ? info.closeTime.toISOString() : null,
        scheduled: info.workflowId.startsWith('reconciliation:scheduled'),
        progress: await progressOf(client, info.workflowId, info.runId, status),
      };
    }),
  );
  return { runs, more };
}

/** The values a described calendar range list matches; empty when it matches every value of its field. */
function values(ranges: { start: number; end: number; step: number }[], min: number, max: number): number[] {
  const out: number[] = [];
  for (const r of ranges) {
    const end = r.end < r.start ? r.start : r.end;
    for (let v = r.start; v <= end && out.length <= max - min; v += Math.max(r.step, 1)) out.push(v);
  }
  const unique = [...new Set(out)].sort((a, b) => a - b);
  return unique.length === max - min + 1 ? [] : unique;
}

export function describedSchedule(d: ScheduleDescription): ReconciliationSchedule {
  return {
    scheduleId: d.scheduleId,
    paused: d.state.paused,
    note: d.state.note ?? null,
    timezone: d.spec.timezone ?? null,
    calendars: (d.spec.calendars ?? []).map((c) => ({
      dayOfMonth: values(c.dayOfMonth, 1, 31),
      hour: values(c.hour, 0, 23),
      minute: values(c.minute, 0, 59),
      comment: c.comment ?? null,
    })),
    overlap: String(d.policies.overlap),
    catchupWindowMs: Number(d.policies.catchupWindow),
    nextActionTimes: d.info.nextActionTimes.map((t) => t.toISOString()),
    recentActions: d.info.recentActions.map((a) => ({
      scheduledAt: a.scheduledAt.toISOString(),
      takenAt: a.takenAt.toISOString(),
      workflowId: a.action.workflow.workflowId,
    })),
    runningWorkflowIds: d.info.runningActions.map((a) => a.workflow.workflowId),
    actionsTaken: d.info.numActionsTaken,
    createdAt: d.info.createdAt.toISOString(),
  };
}

/** The reconciliation schedule as Temporal keeps it; null when it has not been applied. */
export async function describeReconciliationSchedule(
  client: Client,
  scheduleId: string = RECONCILIATION_SCHEDULE_ID,
): Promise<ReconciliationSchedule | null> {
  try {
    return describedSchedule(await client.schedule.getHandle(scheduleId).describe());
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return null;
    throw err;
  }
}

/**
 * Applies the schedule (client/schedules.ts's definition) under `scheduleId`: created when missing,
 * updated to the current definition when present — what `ansinh reconcile schedule` does.
 */
export async function applyReconciliationScheduleAs(
  client: Client,
  taskQueue: string,
  scheduleId: string = RECONCILIATION_SCHEDULE_ID,
): Promise<'created' | 'updated'> {
  return applySchedule(client, { ...reconciliationSchedule(taskQueue), scheduleId });
}
