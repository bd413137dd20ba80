/**
 * "My employer has not declared or paid my months" (issue #14 part 2): the rules of a participant's
 * case against an employer — which months a case may name, how long the employer has to answer,
 * what the employer may learn of the person, and when the case is over. Pure: the workflow
 * (workflows/declaration-case.ts) and the services call these.
 */
import { addMonths, addWorkingDays, compareMonths, monthOf, type IsoDate, type Month } from './calendar';
import { ansinh, denunciationLaw, labourCode, rule } from './law';
import { MINIMUM_WORKING_AGE } from './plausibility';

export const DECLARATION_CASE_STATUSES = ['awaiting_employer', 'escalated', 'arrears', 'referred', 'closed'] as const;
export type DeclarationCaseStatus = (typeof DECLARATION_CASE_STATUSES)[number];
/** How the months ended a case (the workflow's own closure). */
export type DeclarationCaseOutcome = 'declared' | 'credited';
/** How an officer ended a case or a referral (rules §8.37). */
export type DeclarationCaseEnding = 'dismissed' | 'employer_identified' | 'outside_system';
export type DeclarationCaseReferral = 'EMPLOYER_NOT_FOUND' | 'EMPLOYER_OUT_OF_SCOPE';
export const DECLARATION_CASE_STEPS = [
  'opened',
  'referred',
  'employer_notified',
  'escalated',
  'arrears_confirmed',
  'declared',
  'credited',
  'dismissed',
  'referral_closed',
] as const;
export type DeclarationCaseStep = (typeof DECLARATION_CASE_STEPS)[number];

/** The most months one case may name (rules §8.37): ten years, the span a payslip archive plausibly covers. */
export const DECLARATION_CASE_MAX_MONTHS = 120;
/** The employer's time to declare the months or explain, in working days (rules §8.37). */
export const EMPLOYER_ANSWER_WORKING_DAYS = 10;
/** How often the workflow re-reads the database while it waits for the employer, then after the deadline (days). */
export const RECHECK_DAYS_BEFORE_DEADLINE = 1;
export const RECHECK_DAYS_AFTER_DEADLINE = 7;

/**
 * Why an officer dismisses a case (rules §8.37): the participant withdrew it, it repeats another
 * case, or the inspection found it unfounded. A code, never a text: the reason reaches the
 * participant in their language and Temporal carries no free text.
 */
export const DISMISSAL_REASONS = ['withdrawn', 'duplicate', 'unfounded'] as const;
export type DismissalReason = (typeof DISMISSAL_REASONS)[number];
/**
 * Where an officer sends the participant whose employer is outside the system (rules §8.37): the
 * social insurance of the Ministry of National Defence or of the People's Public Security for their
 * units (Circular 09/2026/TT-BTC leaves them out of the electronic system), the labour inspectorate
 * for an employer that never registered (evasion, Law 41/2024 Art.39).
 */
export const WHERE_TO_TURN = [
  'defence_social_insurance',
  'public_security_social_insurance',
  'labour_inspectorate',
] as const;
export type WhereToTurn = (typeof WHERE_TO_TURN)[number];

/**
 * Which cases an officer may dismiss (rules §8.37): any case not yet closed — a referral (no
 * workflow: the service), or a case waiting for the employer, the inspectors or the payment (the
 * workflow's Update). A closed case stays as it closed.
 */
export const mayDismiss = rule(ansinh.decision('8.37'), function mayDismiss(status: DeclarationCaseStatus): boolean {
  return status !== 'closed';
});

/** Only a referral is closed with an outcome (rules §8.37): a case the employer was told of ends by its months or a dismissal. */
export const mayCloseReferral = rule(
  ansinh.decision('8.37'),
  function mayCloseReferral(status: DeclarationCaseStatus): boolean {
    return status === 'referred';
  },
);

/** What is wrong with a case's months, as a code and a field (null: nothing). */
export interface MonthsIssue {
  code: 'MONTHS_REVERSED' | 'MONTHS_TOO_MANY' | 'MONTH_IN_FUTURE' | 'MONTH_BEFORE_WORKING_AGE';
  field: 'fromMonth' | 'toMonth';
  message: string;
}

/**
 * The months a case may name (rules §8.37): from ≤ to, at most DECLARATION_CASE_MAX_MONTHS, none
 * after the current month (a month not yet worked cannot be missing), and none before the month the
 * person reached the minimum working age of 15 (Labour Code 2019 Art.3(1)).
 */
export const declarationCaseMonthsIssue = rule(
  [labourCode.article(3, 1), ansinh.decision('8.37')],
  function declarationCaseMonthsIssue(
    from: Month,
    to: Month,
    today: IsoDate,
    dateOfBirth: IsoDate,
  ): MonthsIssue | null {
    if (compareMonths(from, to) > 0)
      return { code: 'MONTHS_REVERSED', field: 'toMonth', message: 'the last month is before the first' };
    if (compareMonths(addMonths(from, DECLARATION_CASE_MAX_MONTHS - 1), to) < 0)
      return {
        code: 'MONTHS_TOO_MANY',
        field: 'toMonth',
        message: `a case names at most ${DECLARATION_CASE_MAX_MONTHS} months`,
      };
    if (compareMonths(to, monthOf(today)) > 0)
      return {
        code: 'MONTH_IN_FUTURE',
        field: 'toMonth',
        message: 'a month after the current one cannot be missing yet',
      };
    if (compareMonths(from, addMonths(monthOf(dateOfBirth), MINIMUM_WORKING_AGE * 12)) < 0)
      return {
        code: 'MONTH_BEFORE_WORKING_AGE',
        field: 'fromMonth',
        message: `a month before the person turned ${MINIMUM_WORKING_AGE} cannot be worked`,
      };
    return null;
  },
);

/** The employer's last day to declare or explain: 10 working days after the case was opened (rules §8.37). */
export const employerAnswerDue = rule(ansinh.decision('8.37'), function employerAnswerDue(openedOn: IsoDate): IsoDate {
  return addWorkingDays(openedOn, EMPLOYER_ANSWER_WORKING_DAYS);
});

/**
 * What the employer's notice may say of the person (Law 25/2018 Art.9(1)(b): the denouncer's name,
 * address, handwriting and other personal information are kept secret; rules §8.37). Named: the
 * person and the months. Anonymous: no one is named, and the months only as the calendar years they
 * fall in — the exact first and last month of one worker's missing stretch can point at that worker
 * in a small workforce, the years ask the employer to review every declaration of those years.
 */
export const employerNoticeScope = rule(
  [denunciationLaw.article(9, 1, 'b'), ansinh.decision('8.37')],
  function employerNoticeScope(c: {
    anonymous: boolean;
    fromMonth: Month;
    toMonth: Month;
  }):
    { namesPerson: true; fromMonth: Month; toMonth: Month } | { namesPerson: false; fromYear: number; toYear: number } {
    if (!c.anonymous) return { namesPerson: true, fromMonth: c.fromMonth, toMonth: c.toMonth };
    return { namesPerson: false, fromYear: Number(c.fromMonth.slice(0, 4)), toYear: Number(c.toMonth.slice(0, 4)) };
  },
);

/** What the database says of the case's months for the person at the employer. */
export interface CaseMonthsFacts {
  months: Month[];
  /** Months covered by an employment the employer declared. */
  declared: Month[];
  /** Months the reconciliation found declared but unpaid. */
  unpaid: Month[];
  /** Months credited on the e-book (the employer's period paid in full). */
  credited: Month[];
}

export type CaseFinding = 'credited' | 'declared' | 'arrears' | 'missing';

/**
 * Where the months stand (rules §8.37): every month credited ends any case; a case whose arrears
 * are confirmed (by an officer, or by the reconciliation finding a month declared but unpaid) waits
 * for that; otherwise every month declared ends it.
 */
export const caseFinding = rule(
  ansinh.decision('8.37'),
  function caseFinding(f: CaseMonthsFacts, arrearsConfirmed: boolean): CaseFinding {
    const all = (xs: Month[]) => f.months.every((m) => xs.includes(m));
    if (all(f.credited)) return 'credited';
    if (arrearsConfirmed || f.unpaid.length > 0) return 'arrears';
    if (all(f.declared)) return 'declared';
    return 'missing';
  },
);

/** Every month from..to. */
export function monthsOf(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = from; compareMonths(m, to) <= 0; m = addMonths(m, 1)) out.push(m);
  return out;
}
