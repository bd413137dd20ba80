/**
 * The monthly benefit (Law 74/2025 Art.39(1); Decree 374/2025 Art.15(1); Law 38/2013 Art.50(1)):
 * 60% of the average UI salary of the last 6 months paid, capped at 5 × the regional minimum wage.
 * Money is whole VND held as Decimal; the average and the benefit are rounded half-up once, at the
 * end (rules §8.1).
 */
import type Decimal from 'decimal.js';
import type { Month } from '../calendar';
import { ansinh, decree374, law38, law74, rule } from '../law';
import { Dec, toDong } from '../money';
import { regionalMinimumWageFor, type Region } from '../rates';
import type { UiLaw } from './applicable-law';

/** Monthly benefit = 60% of the average UI salary (Law 74/2025 Art.39(1); Law 38/2013 Art.50(1)). */
export const BENEFIT_RATE = '0.6';
/** The average is over the last 6 months in which UI was actually paid (Law 74/2025 Art.39(1); Decree 374/2025 Art.15(1); Law 38/2013 Art.50(1)). */
export const AVERAGE_MONTHS = 6;
/**
 * Fewer than AVERAGE_MONTHS paid months: average whatever months exist (the claimant is normally
 * ineligible anyway, but the officer still sees a figure); with no paid month the average is 0.
 * Ansinh decision (rules §8); false would report 0 below six months.
 */
export const AVERAGE_OVER_AVAILABLE_MONTHS: boolean = true;
/**
 * Cap = 5 × the regional minimum wage:
 * - Law 74/2025 Art.39(1): the wage applied in the LAST MONTH OF UI CONTRIBUTION, for everyone;
 * - Law 38/2013 Art.50(1): 5 × base salary for staff paid on the state wage scale, 5 × the regional
 *   minimum wage for everyone else, both "at the time of termination". Simplification, Ansinh
 *   decision (rules §8): every Law 38 claimant is treated as NOT on the state wage scale,
 *   i.e. 5 × the regional minimum wage of the termination month (LAW_38_ALL_NON_STATE_WAGE).
 */
export const CAP_MULTIPLIER = 5;
export const LAW_38_ALL_NON_STATE_WAGE = true;

/** A month in which UI was paid, with the salary it was paid on. */
export interface PaidMonth {
  month: Month;
  salary: string;
}

/**
 * The average UI salary (Law 74/2025 Art.39(1); Decree 374/2025 Art.15(1)): over the last
 * AVERAGE_MONTHS months actually paid (`paidNewestFirst`, newest first), unrounded; fewer months
 * per AVERAGE_OVER_AVAILABLE_MONTHS (rules §8.18).
 */
export const averageSalary = rule(
  [law74.article(39, 1), decree374.article(15, 1), law38.article(50, 1), ansinh.decision('8.18')],
  function averageSalary(paidNewestFirst: readonly PaidMonth[]): { averaged: PaidMonth[]; average: Decimal } {
    const averaged = paidNewestFirst.slice(0, AVERAGE_MONTHS);
    const sum = averaged.reduce<Decimal>((acc, r) => acc.plus(r.salary), new Dec(0));
    const averageable = averaged.length === AVERAGE_MONTHS || (AVERAGE_OVER_AVAILABLE_MONTHS && averaged.length > 0);
    return { averaged, average: averageable ? sum.div(averaged.length) : new Dec(0) };
  },
);

/** The cap's month: the last contribution month (Law 74) or the termination month (Law 38). */
function capMonthFor(law: UiLaw, terminationMonth: Month, lastContributionMonth: Month | null): Month {
  if (law === 'LAW_74_2025') return lastContributionMonth ?? terminationMonth;
  return terminationMonth;
}

/** The cap: 5 × the regional minimum wage of its month (Law 74/2025 Art.39(1); Law 38/2013 Art.50(1); rules §8.19). */
export const benefitCap = rule(
  [law74.article(39, 1), law38.article(50, 1), ansinh.decision('8.19')],
  function benefitCap(
    law: UiLaw,
    terminationMonth: Month,
    lastContributionMonth: Month | null,
    region: Region,
  ): { capMonth: Month; cap: Decimal } {
    const capMonth = capMonthFor(law, terminationMonth, lastContributionMonth);
    return { capMonth, cap: regionalMinimumWageFor(capMonth, region).times(CAP_MULTIPLIER) };
  },
);

/** 60% of the average, at most the cap, rounded half-up to the dong (Law 74/2025 Art.39(1); Law 38/2013 Art.50(1); rules §8.1). */
export const monthlyBenefitAmount = rule(
  [law74.article(39, 1), law38.article(50, 1), ansinh.decision('8.1')],
  function monthlyBenefitAmount(average: Decimal, cap: Decimal): { monthlyBenefit: Decimal; capped: boolean } {
    const uncapped = average.times(BENEFIT_RATE);
    const capped = uncapped.gt(cap);
    return { monthlyBenefit: toDong(capped ? cap : uncapped), capped };
  },
);
