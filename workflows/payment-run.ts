/**
 * A benefit payment run (issue 14 part 4; rules §8.36): on its payment date (the start of that day
 * in Asia/Ho_Chi_Minh, waited for with a timer when started ahead), one activity gathers every
 * benefit month owed whose participant has a verified account into ONE pain.001 file. The run id
 * is the date: the workflow id `payment-run:<date>` and the file's business key, so a run started
 * twice, or retried, makes one file. Started every day by a Temporal Schedule (client/schedules.ts)
 * or by hand (`ansinh bank payment-run`). Carries the date only.
 */
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { msUntilShiftedDay, shiftedToday, type IsoDate } from '../domain/calendar';

const DAY_MS = 86_400_000;
import { SHORT_ACTIVITY } from './activity-options';

const acts = proxyActivities<Activities>(SHORT_ACTIVITY);

export interface PaymentRunInput {
  /** The payment date; today (the application's) when not given, as the schedule starts it. */
  runDate?: IsoDate;
  /** The application clock's shift in days (runtime/clock.ts). */
  offsetDays?: number;
}

export async function benefitPaymentRun(input: PaymentRunInput = {}) {
  const offset = input.offsetDays ?? 0;
  const runDate = input.runDate ?? shiftedToday(Date.now(), offset);
  if (runDate > shiftedToday(Date.now(), offset)) await sleep(msUntilShiftedDay(runDate, Date.now(), offset));
  return acts.makePaymentRun({ runId: runDate, at: Date.now() + offset * DAY_MS });
}
