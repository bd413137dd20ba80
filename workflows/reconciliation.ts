/**
 * Monthly contribution reconciliation (a Temporal Schedule runs it for the previous month): walks
 * all active employers in keyset batches — one activity and one transaction per batch — and
 * continues as new every RECONCILIATION_BATCHES_PER_RUN batches so the history stays small at any
 * scale. Period and as-of date are fixed at the first run and carried across continue-as-new.
 */
import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { addMonths, monthOf, shiftedToday, type IsoDate, type Month } from '../domain/calendar';
import { RECONCILIATION_BATCH_ACTIVITY, SHORT_ACTIVITY } from './activity-options';
import {
  RECONCILIATION_BATCHES_PER_RUN,
  RECONCILIATION_BATCH_SIZE,
  RECONCILIATION_CONCURRENCY,
  reconciliationProgressQuery,
  type ReconciliationProgress,
  addReconciliationTotals,
  noReconciliationTotals,
} from './definitions';

const { planReconciliationBatches } = proxyActivities<Activities>(SHORT_ACTIVITY);
const { reconcileEmployers } = proxyActivities<Activities>(RECONCILIATION_BATCH_ACTIVITY);

export interface ReconciliationInput {
  /** The month to reconcile; default: the month before the run's date (Vietnam time). */
  period?: Month;
  /** Late days are counted up to this date; default: the run's date. */
  asOf?: IsoDate;
  batchSize?: number;
  /** Batches per run before continuing as new (tests lower it). */
  batchesPerRun?: number;
  /** Batches run side by side (disjoint ranges of employers, one transaction each). */
  concurrency?: number;
  /** The application clock's shift in days (runtime/clock.ts; 0 unless ANSINH_TODAY pins the date). */
  offsetDays?: number;
  /** Carried across continue-as-new. */
  carried?: ReconciliationProgress;
}

export async function monthlyReconciliation(input: ReconciliationInput = {}): Promise<ReconciliationProgress> {
  const today = shiftedToday(Date.now(), input.offsetDays ?? 0);
  const progress: ReconciliationProgress = input.carried
    ? { ...input.carried, runs: input.carried.runs + 1 }
    : {
        period: input.period ?? addMonths(monthOf(today), -1),
        asOf: input.asOf ?? today,
        state: 'running',
        employersDone: 0,
        batchesDone: 0,
        runs: 1,
        cursor: '',
        ...noReconciliationTotals(),
      };
  setHandler(reconciliationProgressQuery, () => progress);
  const limit = input.batchSize ?? RECONCILIATION_BATCH_SIZE;
  const { workflowId, runId } = workflowInfo();

  const concurrency = input.concurrency ?? RECONCILIATION_CONCURRENCY;
  for (let rounds = 0; ; rounds++) {
    if (
      rounds * concurrency >= (input.batchesPerRun ?? RECONCILIATION_BATCHES_PER_RUN) ||
      workflowInfo().continueAsNewSuggested
    ) {
      await continueAsNew<typeof monthlyReconciliation>({
        batchSize: limit,
        concurrency,
        ...(input.batchesPerRun ? { batchesPerRun: input.batchesPerRun } : {}),
        carried: progress,
      });
    }
    // The next few batches as fixed ranges of the keyset, run side by side (one transaction each).
    const plan = await planReconciliationBatches({ after: progress.cursor, limit, count: concurrency });
    const results = await Promise.all(
      plan.map((b) =>
        reconcileEmployers({
          period: progress.period,
          asOf: progress.asOf,
          after: b.after,
          upTo: b.upTo,
          limit,
          workflowId,
          runId,
        }),
      ),
    );
    for (const r of results) {
      progress.batchesDone++;
      progress.employersDone += r.employers;
      addReconciliationTotals(progress, r);
    }
    const last = plan[plan.length - 1]!;
    progress.cursor = last.upTo ?? results[results.length - 1]!.lastTaxCode ?? progress.cursor;
    if (last.upTo === null) break;
  }
  progress.state = 'completed';
  return progress;
}
