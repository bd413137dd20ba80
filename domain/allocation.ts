/**
 * How payments and credit settle open periods (project decisions, rules §8.3–§8.5): the oldest
 * period first and, within a period, principal first, then the late charge; a payment reaches up
 * to its value month; held credit settles a period on its due date.
 */
import type Decimal from 'decimal.js';
import { compareMonths, monthOf, type IsoDate, type Month } from './calendar';
import { contributionDueDate } from './arrears';
import { checkDate, wholeDong } from './checks';
import { DomainError } from './errors';
import { ansinh, rule } from './law';
import { Dec } from './money';

export interface OpenPeriod {
  period: Month;
  /** Contributions still due for the period, whole VND. */
  principalDue: string;
  /** Late charge still due for the period, whole VND. */
  interestDue: string;
}
export interface Allocation {
  period: Month;
  principal: string;
  interest: string;
}
export interface AllocationResult {
  /** Oldest period first; periods that receive nothing are left out. */
  allocations: Allocation[];
  /** What is left once every due amount is settled: an overpayment credit. */
  unallocated: string;
}

/**
 * Spreads a payment over open periods (project decision, rules §8): the oldest period first and,
 * within a period, principal first, then interest; only then the next period. Never allocates
 * more than is due; the rest is returned as `unallocated`, so
 * sum(principal + interest) + unallocated = amount exactly. Input order does not matter; a period
 * listed twice is refused.
 */
export const allocatePayment = rule(
  ansinh.decision('8.3'),
  function allocatePayment(amount: Decimal.Value, open: OpenPeriod[]): AllocationResult {
    let left = wholeDong(amount, 'amount');
    const seen = new Set<Month>();
    const parsed = open.map((o) => {
      compareMonths(o.period, o.period); // validates the month
      if (seen.has(o.period))
        throw new DomainError('DUPLICATE_PERIOD', `period listed twice: ${o.period}`, 'period', undefined, {
          period: o.period,
        });
      seen.add(o.period);
      return {
        period: o.period,
        principalDue: wholeDong(o.principalDue, 'principalDue'),
        interestDue: wholeDong(o.interestDue, 'interestDue'),
      };
    });
    parsed.sort((a, b) => compareMonths(a.period, b.period));

    const allocations: Allocation[] = [];
    for (const p of parsed) {
      if (left.isZero()) break;
      const principal = Dec.min(left, p.principalDue);
      left = left.minus(principal);
      const interest = Dec.min(left, p.interestDue);
      left = left.minus(interest);
      if (principal.isZero() && interest.isZero()) continue;
      allocations.push({ period: p.period, principal: principal.toFixed(0), interest: interest.toFixed(0) });
    }
    return { allocations, unallocated: left.toFixed(0) };
  },
);

/**
 * How far a payment reaches (project decision, rules §8.3): a payment settles
 * the open periods up to and including the month of its value date — the current month is paid in
 * advance — and no further. What is left is the employer's credit.
 */
export const lastPeriodAPaymentReaches = rule(
  ansinh.decision('8.3'),
  function lastPeriodAPaymentReaches(valueDate: IsoDate): Month {
    checkDate(valueDate, 'valueDate');
    return monthOf(valueDate);
  },
);

/**
 * When held credit settles a period (rules §8.5): on that period's payment deadline, so a
 * period covered by credit by its deadline is paid on time and charged nothing (daysLate of a
 * tranche on the deadline is 0). Credit only ever exists once every earlier period is settled
 * (a payment settles everything open up to its value month before leaving credit), so the same
 * order as a payment follows: oldest period first, principal then charge.
 *
 * Rules §8.5 adds "or when the amount due becomes known, if that is later". Dues are derived from the
 * declarations in force, and the store keeps no business date of when a declaration arrived: the
 * replay treats every period's due as known on its deadline. UNCONFIRMED project reading.
 */
export const creditSettlesOn = rule(ansinh.decision('8.5'), function creditSettlesOn(period: Month): IsoDate {
  return contributionDueDate(period);
});
