/**
 * Arrears of contributions (monthly method; rules §4): the due date of a period, the days an amount
 * is late, evasion from day 61, and the status of a period. Pure: dates are 'YYYY-MM-DD' strings
 * compared through `domain/calendar.ts`.
 *
 * Sources: Law 41/2024/QH15 Art.34(4), Art.38–39 [P]; Decree 274/2025/NĐ-CP [O]; Decision
 * 595/QĐ-BHXH Art.7 [S]; project decisions in rules §8 (day count).
 */
import type Decimal from 'decimal.js';
import { addDays, addMonths, compareMonths, lastDayOf, startOfLocalDay, type IsoDate, type Month } from './calendar';
import { checkDate, checkDays, wholeDong } from './checks';
import { ansinh, decision595, decree274, law41, rule } from './law';

// ---------------------------------------------------------------------------------------------
// Due date of a period's contributions
// ---------------------------------------------------------------------------------------------

/**
 * The first contribution period under Law 41/2024 (in force 2025-07-01, Art.140). Periods from
 * here on are due by the last day of the FOLLOWING month (Art.34(4)(a) [P]; rules §4, §9.D);
 * earlier periods were due by the last day of the SAME month (Decision 959/QĐ-BHXH Art.7 from
 * 2015-12-01, then Decision 595/QĐ-BHXH (2017) Art.7 as amended by Decision 505/QĐ-BHXH 2020;
 * rules §9.D). The same-month rule is also applied before 2015-12, where rules §9.D marks it
 * UNCONFIRMED. A consequence of the switch: no period falls due in July 2025 (2025-06 is due
 * 2025-06-30, 2025-07 is due 2025-08-31).
 */
export const FOLLOWING_MONTH_DEADLINE_FROM: Month = '2025-07';

/**
 * The last day to pay the contributions of `period` (monthly method) without being late (not the
 * payment deadline of a benefit month: that is `benefitPaymentDeadline` in domain/unemployment/dates.ts).
 */
export const contributionDueDate = rule(
  [law41.article(34, 4, 'a'), decision595.article(7)],
  function contributionDueDate(period: Month): IsoDate {
    return compareMonths(period, FOLLOWING_MONTH_DEADLINE_FROM) < 0
      ? lastDayOf(period)
      : lastDayOf(addMonths(period, 1));
  },
);

// ---------------------------------------------------------------------------------------------
// Late days, evasion
// ---------------------------------------------------------------------------------------------

/**
 * Late becomes evasion on day 61 after the deadline (Decree 274/2025 [O]; Law 41/2024 Art.39:
 * "still unpaid 60 days after the deadline"). Law 41 Art.39 also requires that VSS has sent a
 * reminder; this engine does not model the reminder, so the flag means "evasion if reminded".
 */
export const EVASION_FROM_DAY = 61;

/**
 * Where the late-day count of a PAID amount stops (project decision, rules §8). The count starts
 * the day after the deadline (Decree 274/2025 [O]); whether it stops on the day before payment
 * or on the payment day is UNCONFIRMED. Ansinh follows the tax-law convention: up to and
 * including the day BEFORE the payment date. So paid on the deadline or the day after → 0 days;
 * paid two days after the deadline → 1 day. Change it here and every count follows.
 */
export const LATE_DAYS_END_POINT: 'day_before_payment' | 'payment_day' = 'day_before_payment';

const DAY_MS = 24 * 60 * 60 * 1000;

/** b − a in calendar days (Vietnam has no daylight saving, so local midnights are 24 h apart). */
function daysFromTo(a: IsoDate, b: IsoDate): number {
  return Math.round((startOfLocalDay(b) - startOfLocalDay(a)) / DAY_MS);
}

/**
 * Days late of an amount paid on `paidOn` (rules §8): from the day after the deadline up to the
 * end-point of LATE_DAYS_END_POINT (by default the day before the payment date); 0 when paid on or
 * before the deadline.
 */
export const daysLate = rule(
  [decree274.whole(), ansinh.decision('8.2')],
  function daysLate(deadline: IsoDate, paidOn: IsoDate): number {
    checkDate(deadline, 'deadline');
    checkDate(paidOn, 'paidOn');
    const through = LATE_DAYS_END_POINT === 'day_before_payment' ? addDays(paidOn, -1) : paidOn;
    return Math.max(0, daysFromTo(deadline, through));
  },
);

/**
 * Days late of an amount still unpaid on the reconciliation date `asOf` (rules §8): from the day
 * after the deadline up to and including `asOf`; 0 when `asOf` is on or before the deadline.
 */
export const daysOutstanding = rule(
  [decree274.whole(), ansinh.decision('8.2')],
  function daysOutstanding(deadline: IsoDate, asOf: IsoDate): number {
    checkDate(deadline, 'deadline');
    checkDate(asOf, 'asOf');
    return Math.max(0, daysFromTo(deadline, asOf));
  },
);
/** Evasion from day 61 (EVASION_FROM_DAY; Decree 274/2025 [O]). */
export const isEvasion = rule(
  [law41.article(39), decree274.whole(), ansinh.decision('8.26')],
  function isEvasion(days: number): boolean {
    checkDays(days);
    return days >= EVASION_FROM_DAY;
  },
);

// ---------------------------------------------------------------------------------------------
// Period status
// ---------------------------------------------------------------------------------------------

export type PeriodStatus = 'paid' | 'partially_paid' | 'unpaid' | 'overpaid';

/**
 * The status of a period from the principal due and the principal allocated to it. Nothing due
 * and nothing paid counts as 'paid' (nothing is owed).
 */
export function periodStatus(due: Decimal.Value, paid: Decimal.Value): PeriodStatus {
  const d = wholeDong(due, 'due');
  const p = wholeDong(paid, 'paid');
  if (p.eq(d)) return 'paid';
  if (p.gt(d)) return 'overpaid';
  return p.isZero() ? 'unpaid' : 'partially_paid';
}
