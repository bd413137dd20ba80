/**
 * Plausibility rules applied at the boundary, before anything is stored: the window of dates the
 * agency handles, the legal working age, and the dates of an unemployment claim. Pure: "today" is
 * always a parameter (the caller's injected clock), never read here.
 */
import { addMonths, compareMonths, monthOf, type IsoDate, type Month } from './calendar';
import type { Issue } from './issues';
import { ansinh, decree374, labourCode, law74, rule, type Citation } from './law';

/** A legal source as data: the same shape as every rule's citation (domain/law.ts). */
export type LegalSource = Citation;

/**
 * The dates an input may carry (project decision, rules §8.31: no record of the agency lies outside).
 * Birth dates of living people start after 1900; no contribution, claim or payment is dated after
 * 2099. A date outside is refused with DATE_OUT_OF_RANGE rather than stored (a termination date of
 * 9999-01-01 once held a person's claim open and blocked their real filing).
 */
export const PLAUSIBLE_DATES = { from: '1900-01-01', to: '2099-12-31' } as const;
export const PLAUSIBLE_MONTHS = { from: '1900-01', to: '2099-12' } as const;

export const isPlausibleDate = (d: IsoDate): boolean => d >= PLAUSIBLE_DATES.from && d <= PLAUSIBLE_DATES.to;
export const isPlausibleMonth = (m: Month): boolean => m >= PLAUSIBLE_MONTHS.from && m <= PLAUSIBLE_MONTHS.to;

/**
 * The minimum working age: 15 full years (Labour Code 2019, Law 45/2019/QH14, Art.3(1): "độ tuổi lao
 * động tối thiểu của người lao động là đủ 15 tuổi", save the minors of Chapter XI Section 1). The
 * exceptions of Art.143–145 (light work from 13, arts and sports under 13) need a written contract
 * with the legal representative that an electronic dossier does not carry: they are refused here
 * and handled by an officer.
 */
export const MINIMUM_WORKING_AGE = 15;
export const MINIMUM_WORKING_AGE_SOURCE: LegalSource = { law: 'Labour Code 2019 (45/2019/QH14)', article: '3(1)' };

/**
 * Whether a person born on `dateOfBirth` has reached the minimum working age by the end of the
 * employment's start month (a person turning 15 on the 20th may start work that month).
 */
export const reachesWorkingAgeBy = rule(
  labourCode.article(3, 1),
  function reachesWorkingAgeBy(dateOfBirth: IsoDate, startMonth: Month): boolean {
    return compareMonths(addMonths(monthOf(dateOfBirth), MINIMUM_WORKING_AGE * 12), startMonth) <= 0;
  },
);

/** Law 74/2025 Art.38(1): the benefit follows a labour or work contract that has ended. */
export const TERMINATION_SOURCE: LegalSource = { law: 'Law 74/2025', article: '38(1)' };

/**
 * The dates of an unemployment claim against today (Law 74/2025 Art.38(1) and Decree 374/2025
 * Art.17): the contract has ended (its termination date is not after today), the filing is not
 * dated after today, and the contract ended no earlier than the first employment the database
 * holds for the person (`firstEmploymentMonth`; null when there is none: intake then finds no
 * credited month).
 */
export const claimDateIssues = rule(
  [law74.article(38, 1), decree374.article(17), ansinh.decision('8.31')],
  function claimDateIssues(
    c: { terminationDate: IsoDate; filingDate: IsoDate },
    today: IsoDate,
    firstEmploymentMonth: Month | null,
  ): Issue[] {
    const issues: Issue[] = [];
    if (c.terminationDate > today) {
      issues.push({
        code: 'TERMINATION_IN_FUTURE',
        field: 'terminationDate',
        message: `the contract has not ended: terminationDate ${c.terminationDate} is after today (${today})`,
        params: { date: c.terminationDate, today },
      });
    }
    if (c.filingDate > today) {
      issues.push({
        code: 'FILING_DATE_IN_FUTURE',
        field: 'filingDate',
        message: `filingDate ${c.filingDate} is after today (${today})`,
        params: { date: c.filingDate, today },
      });
    }
    if (firstEmploymentMonth !== null && compareMonths(monthOf(c.terminationDate), firstEmploymentMonth) < 0) {
      issues.push({
        code: 'TERMINATION_BEFORE_EMPLOYMENT',
        field: 'terminationDate',
        message: `terminationDate ${c.terminationDate} is before the first employment on record began (${firstEmploymentMonth})`,
        params: { date: c.terminationDate, month: firstEmploymentMonth },
      });
    }
    return issues;
  },
);
