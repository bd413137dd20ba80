/**
 * The agency's Temporal Schedules: the monthly reconciliation of the previous month, the daily
 * audit checkpoint and the daily benefit payment run. Applied idempotently (created when missing,
 * updated to the current definition when present), all together by `applyAgencySchedules` —
 * what `ansinh schedule apply` and `ansinh start` run.
 */
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { TIME_ZONE } from '../domain/calendar';
import type { TaskQueues } from '../workflows/definitions';
import type { monthlyReconciliation } from '../workflows/reconciliation';

export const RECONCILIATION_SCHEDULE_ID = 'monthly-reconciliation';

/**
 * Runs on the 1st of every month at 02:00 Vietnam time, for the month before (the workflow takes
 * the previous month of its run date). Decree 274/2025 has VSS review every month and send
 * reminders within the first 10 days, so the run leaves room for that.
 */
export function reconciliationSchedule(taskQueue: string): ScheduleOptions {
  return {
    scheduleId: RECONCILIATION_SCHEDULE_ID,
    spec: { calendars: [{ dayOfMonth: 1, hour: 2, minute: 0 }], timezone: TIME_ZONE },
    action: {
      type: 'startWorkflow',
      workflowType: 'monthlyReconciliation',
      workflowId: 'reconciliation:scheduled',
      taskQueue,
      args: [{}] as Parameters<typeof monthlyReconciliation>,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
    memo: { purpose: 'monthly contribution reconciliation of the previous month' },
  };
}

export const AUDIT_CHECKPOINT_SCHEDULE_ID = 'daily-audit-checkpoint';

/** Every day at 03:00 Vietnam time: a signed checkpoint of every audit chain head (issue 11). */
export function auditCheckpointSchedule(taskQueue: string): ScheduleOptions {
  return {
    scheduleId: AUDIT_CHECKPOINT_SCHEDULE_ID,
    spec: { calendars: [{ hour: 3, minute: 0 }], timezone: TIME_ZONE },
    action: {
      type: 'startWorkflow',
      workflowType: 'auditCheckpoint',
      workflowId: 'audit-checkpoint:scheduled',
      taskQueue,
      args: [],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    memo: { purpose: 'daily signed checkpoint of the audit chain heads' },
  };
}

export const PAYMENT_RUN_SCHEDULE_ID = 'daily-benefit-payment-run';

/**
 * Every day at 08:00 Vietnam time: the benefit payment run of that day (rules §8.36), so a month
 * reported or given a verified account yesterday is in today's file, well before its payment
 * deadline. The workflow takes today as its run date; the run id keeps a day to one file.
 */
export function paymentRunSchedule(taskQueue: string): ScheduleOptions {
  return {
    scheduleId: PAYMENT_RUN_SCHEDULE_ID,
    spec: { calendars: [{ hour: 8, minute: 0 }], timezone: TIME_ZONE },
    action: {
      type: 'startWorkflow',
      workflowType: 'benefitPaymentRun',
      workflowId: 'payment-run:scheduled',
      taskQueue,
      args: [{}],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    memo: { purpose: 'daily benefit payment run: one pain.001 file of the months owed' },
  };
}

export async function applyPaymentRunSchedule(client: Client, taskQueue: string): Promise<'created' | 'updated'> {
  return applySchedule(client, paymentRunSchedule(taskQueue));
}

export async function applyAuditCheckpointSchedule(client: Client, taskQueue: string): Promise<'created' | 'updated'> {
  return applySchedule(client, auditCheckpointSchedule(taskQueue));
}

export async function applyReconciliationSchedule(client: Client, taskQueue: string): Promise<'created' | 'updated'> {
  return applySchedule(client, reconciliationSchedule(taskQueue));
}

/**
 * Every schedule of the agency, in the order `applyAgencySchedules` applies them, with the pool
 * whose queue its workflow runs on (issue 15): all three are batch work.
 */
export const AGENCY_SCHEDULES: readonly {
  id: string;
  pool: keyof TaskQueues;
  options: (taskQueue: string) => ScheduleOptions;
}[] = [
  { id: RECONCILIATION_SCHEDULE_ID, pool: 'batch', options: reconciliationSchedule },
  { id: AUDIT_CHECKPOINT_SCHEDULE_ID, pool: 'batch', options: auditCheckpointSchedule },
  { id: PAYMENT_RUN_SCHEDULE_ID, pool: 'batch', options: paymentRunSchedule },
];

/**
 * Applies every schedule of the agency, each on its pool's queue (a single queue name serves both
 * pools); each one's outcome, in AGENCY_SCHEDULES' order. Re-applying moves a schedule created on
 * another queue (before the pools) to its pool's.
 */
export async function applyAgencySchedules(
  client: Client,
  queues: TaskQueues | string,
): Promise<{ scheduleId: string; outcome: 'created' | 'updated' }[]> {
  const q = typeof queues === 'string' ? { interactive: queues, batch: queues } : queues;
  const out: { scheduleId: string; outcome: 'created' | 'updated' }[] = [];
  for (const s of AGENCY_SCHEDULES)
    out.push({ scheduleId: s.id, outcome: await applySchedule(client, s.options(q[s.pool])) });
  return out;
}

/** Created when missing, updated to the current definition when present. */
export async function applySchedule(client: Client, options: ScheduleOptions): Promise<'created' | 'updated'> {
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule
      .getHandle(options.scheduleId)
      .update((prev) => ({ ...prev, spec: options.spec, action: options.action, policies: options.policies }));
    return 'updated';
  }
}
