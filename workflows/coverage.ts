/**
 * Health-coverage continuation while a person receives unemployment benefit (rules §1, §8): the
 * HI card paid by the UI fund is issued for the benefit period and ends with it — at the period's
 * end, or on the day before a termination takes effect (signalled by the claim). The participant
 * is notified each time. Healthcare facilities see the card through the coverage endpoint at once.
 */
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { addDays, msUntilShiftedDay } from '../domain/calendar';
import { coverageEndSignal } from './definitions';
import { SHORT_ACTIVITY } from './activity-options';

const acts = proxyActivities<Activities>(SHORT_ACTIVITY);

/** The card's code is not in the result since issue 11 (it embeds the SI number): the database has it. */
export interface CoverageResult {
  cardCode?: string;
  validFrom: string;
  validTo: string | null;
}

export async function healthCoverageContinuation(input: {
  claimId: string;
  offsetDays?: number;
}): Promise<CoverageResult> {
  let endEarly: string | undefined;
  setHandler(coverageEndSignal, (s) => {
    endEarly ??= s.lastDay;
  });
  const card = await acts.issueUiHiCard({ claimId: input.claimId });
  const untilPeriodEnd = msUntilShiftedDay(addDays(card.validTo, 1), Date.now(), input.offsetDays ?? 0);
  await condition(() => endEarly !== undefined, untilPeriodEnd);
  const ended = await acts.endUiHiCard({ claimId: input.claimId, lastDay: endEarly ?? card.validTo });
  return { validFrom: card.validFrom, validTo: ended.validTo };
}
