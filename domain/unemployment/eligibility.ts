/**
 * Eligibility for unemployment benefit (Law 74/2025 Art.38(1); Law 38/2013 Art.49), one function
 * per condition, each carrying its citation. `eligibilityConditions` lists them in the order the
 * evaluation reports them; a claimant qualifies only when every one holds (rules §3).
 */
import { addMonths, type IsoDate, type Month } from '../calendar';
import { ansinh, civilCode, law38, law74, rule } from '../law';
import type { UiLaw } from './applicable-law';
import { addCalendarMonths } from './dates';

// ---------------------------------------------------------------------------------------------
// How the contract ended (Art.38(1)(a))
// ---------------------------------------------------------------------------------------------

export const CONTRACT_TERMINATION_REASONS = [
  'contract_expired',
  'mutual_agreement',
  'employer_terminated',
  'employee_resigned_lawfully',
  'employee_resigned_unlawfully',
  'dismissed_disciplinary',
  'employer_closed',
] as const;
export type TerminationReason = (typeof CONTRACT_TERMINATION_REASONS)[number];

/**
 * The only way the contract's ending excludes the benefit: the employee terminated it
 * unilaterally and unlawfully (Law 74/2025 Art.38(1)(a); Law 38/2013 Art.49(1)(a)). Neither law
 * excludes a disciplinary dismissal, an employer's termination (lawful or not) or a lawful
 * resignation. The pension exclusions are separate conditions (see PENSION_EXCLUSION).
 */
export const UNLAWFUL_TERMINATION_REASONS: Readonly<Record<UiLaw, readonly TerminationReason[]>> = {
  LAW_74_2025: ['employee_resigned_unlawfully'],
  LAW_38_2013: ['employee_resigned_unlawfully'],
};

/**
 * The pension exclusion differs between the laws:
 * - Law 74/2025 Art.38(1)(a): excluded when the employee is ELIGIBLE for a pension at termination
 *   (someone already receiving one is necessarily eligible, so `receivingPension` counts too);
 * - Law 38/2013 Art.49(1)(b): excluded only when the employee is RECEIVING a monthly pension (or a
 *   monthly loss-of-working-capacity allowance, which the input folds into `receivingPension`).
 */
export const PENSION_EXCLUSION: Readonly<Record<UiLaw, 'eligible_for_pension' | 'receiving_pension'>> = {
  LAW_74_2025: 'eligible_for_pension',
  LAW_38_2013: 'receiving_pension',
};

// ---------------------------------------------------------------------------------------------
// Figures of the conditions
// ---------------------------------------------------------------------------------------------

/** At least 12 months of UI contributions in the window (Law 74/2025 Art.38(1)(b); Law 38/2013 Art.49(2)). */
export const MIN_CONTRIBUTION_MONTHS = 12;
/** Ordinary window: 24 months before termination (Law 74/2025 Art.38(1)(b); Law 38/2013 Art.49(2)). */
export const STANDARD_WINDOW_MONTHS = 24;
/** Short contracts: 36 months (Law 74/2025 Art.38(1)(b); Law 38/2013 Art.49(2) with Art.43(1)(c)). */
export const SHORT_CONTRACT_WINDOW_MONTHS = 36;
/**
 * Contract lengths (months) that get the 36-month window, as [min, max): Law 74/2025 Art.38(1)(b)
 * "from a full 1 month to under 12 months"; Law 38/2013 Art.49(2) refers to Art.43(1)(c), contracts
 * "from a full 3 months to under 12 months".
 */
export const SHORT_CONTRACT_MONTHS: Readonly<Record<UiLaw, { min: number; maxExclusive: number }>> = {
  LAW_74_2025: { min: 1, maxExclusive: 12 },
  LAW_38_2013: { min: 3, maxExclusive: 12 },
};
/**
 * The window is the 24 (36) calendar months ENDING WITH the month in which the contract ended, so
 * a contribution paid for the termination month counts. The laws say "within the 24 months before
 * the termination" without fixing the end-point; the agency's practice credits the termination
 * month when UI was paid for it. Ansinh decision (rules §8): set to false to end the
 * window with the month before termination.
 */
export const WINDOW_INCLUDES_TERMINATION_MONTH = true;

/**
 * The dossier must be filed within 3 months of termination (Law 74/2025 Art.38(1)(c); Law 38/2013
 * Art.46(1)). Counted as calendar months from the termination date; when the target month has no
 * such day the period ends on its last day (Civil Code 2015 Art.147). The Civil Code Art.148(3)
 * roll-over of a deadline falling on a day off is NOT applied: online filing is open every day.
 * Ansinh decision (rules §8).
 */
export const FILING_WINDOW_MONTHS = 3;
/** No covered job within 10 WORKING days of filing (Law 74/2025 Art.38(1)(d)); 15 calendar days under Law 38/2013 Art.49(4). */
export const NEW_JOB_WINDOW: Readonly<Record<UiLaw, { days: number; working: boolean }>> = {
  LAW_74_2025: { days: 10, working: true },
  LAW_38_2013: { days: 15, working: false },
};

/** Window length for a claim (Law 74/2025 Art.38(1)(b); Law 38/2013 Art.49(2)). */
export const windowMonthsFor = rule(
  [law74.article(38, 1, 'b'), law38.article(49, 2)],
  function windowMonthsFor(law: UiLaw, contractMonths: number): number {
    const short = SHORT_CONTRACT_MONTHS[law];
    return contractMonths >= short.min && contractMonths < short.maxExclusive
      ? SHORT_CONTRACT_WINDOW_MONTHS
      : STANDARD_WINDOW_MONTHS;
  },
);

/** The months of the window, inclusive, given the termination month (see WINDOW_INCLUDES_TERMINATION_MONTH). */
export const contributionWindow = rule(
  [law74.article(38, 1, 'b'), law38.article(49, 2), ansinh.decision('8.17')],
  function contributionWindow(terminationMonth: Month, windowMonths: number): { from: Month; to: Month } {
    const to = WINDOW_INCLUDES_TERMINATION_MONTH ? terminationMonth : addMonths(terminationMonth, -1);
    return { from: addMonths(to, -(windowMonths - 1)), to };
  },
);

/** Last day to file (Law 74/2025 Art.38(1)(c); Law 38/2013 Art.46(1)); see FILING_WINDOW_MONTHS. */
export const filingDeadline = rule(
  [law74.article(38, 1, 'c'), law38.article(46, 1), civilCode.article(147), ansinh.decision('8.21')],
  function filingDeadline(terminationDate: IsoDate): IsoDate {
    return addCalendarMonths(terminationDate, FILING_WINDOW_MONTHS);
  },
);

// ---------------------------------------------------------------------------------------------
// The conditions, one function each
// ---------------------------------------------------------------------------------------------

export type UiReasonCode =
  | 'UNLAWFUL_TERMINATION'
  | 'PENSION_ELIGIBLE'
  | 'RECEIVING_PENSION'
  | 'CONTRIBUTION_MONTHS_INSUFFICIENT'
  | 'FILED_TOO_LATE'
  | 'NEW_COVERED_JOB'
  | 'ACTIVE_CLAIM';

/** The conditions of eligibility, named for what they require (Law 74/2025 Art.38(1); Law 38/2013 Art.49). */
export type UiConditionName =
  | 'lawful_termination'
  | 'not_eligible_for_pension'
  | 'not_receiving_pension'
  | 'contribution_months'
  | 'filed_in_time'
  | 'no_new_covered_job'
  | 'no_active_claim';

/**
 * One condition of eligibility: what it requires (`condition`), whether it is met, and — only when
 * it is not — the failure `code` reported among the reasons. A met condition carries no failure code.
 */
export interface UiCondition {
  condition: UiConditionName;
  ok: boolean;
  code: UiReasonCode | null;
  detail: string;
}

/** A condition with its failure code attached only when it fails. */
function condition(name: UiConditionName, failure: UiReasonCode, ok: boolean, detail: string): UiCondition {
  return { condition: name, ok, code: ok ? null : failure, detail };
}

/** The contract did not end by the employee's unilateral, unlawful termination (Law 74/2025 Art.38(1)(a); Law 38/2013 Art.49(1)(a)). */
export const contractEndedLawfully = rule(
  [law74.article(38, 1, 'a'), law38.article(49, 1, 'a')],
  function contractEndedLawfully(law: UiLaw, terminationReason: TerminationReason): UiCondition {
    const unlawful = UNLAWFUL_TERMINATION_REASONS[law].includes(terminationReason);
    return condition(
      'lawful_termination',
      'UNLAWFUL_TERMINATION',
      !unlawful,
      unlawful
        ? 'The employee ended the contract unilaterally and unlawfully, which excludes the benefit.'
        : `The contract ended by ${terminationReason.replace(/_/g, ' ')}, which does not exclude the benefit.`,
    );
  },
);

/**
 * No pension excludes the benefit: under Law 74/2025 Art.38(1)(a) neither eligible for nor
 * receiving one; under Law 38/2013 Art.49(1)(b) not receiving one (see PENSION_EXCLUSION).
 */
export const notExcludedByPension = rule(
  [law74.article(38, 1, 'a'), law38.article(49, 1, 'b')],
  function notExcludedByPension(law: UiLaw, c: { pensionEligible: boolean; receivingPension: boolean }): UiCondition {
    const pensionExcluded = c.pensionEligible || c.receivingPension;
    return PENSION_EXCLUSION[law] === 'eligible_for_pension'
      ? condition(
          'not_eligible_for_pension',
          'PENSION_ELIGIBLE',
          !pensionExcluded,
          pensionExcluded
            ? 'The employee was eligible for a pension when the contract ended, which excludes the benefit under Law 74/2025.'
            : 'The employee was not eligible for a pension when the contract ended.',
        )
      : condition(
          'not_receiving_pension',
          'RECEIVING_PENSION',
          !c.receivingPension,
          c.receivingPension
            ? 'The employee receives a monthly pension, which excludes the benefit under Law 38/2013.'
            : 'The employee does not receive a monthly pension (under Law 38/2013 being merely eligible for one does not exclude the benefit).',
        );
  },
);

/** At least 12 contribution months in the window (Law 74/2025 Art.38(1)(b); Law 38/2013 Art.49(2)). */
export const enoughContributionMonths = rule(
  [law74.article(38, 1, 'b'), law38.article(49, 2)],
  function enoughContributionMonths(
    monthsInWindow: number,
    windowMonths: number,
    window: { from: Month; to: Month },
  ): UiCondition {
    return condition(
      'contribution_months',
      'CONTRIBUTION_MONTHS_INSUFFICIENT',
      monthsInWindow >= MIN_CONTRIBUTION_MONTHS,
      `${monthsInWindow} month${monthsInWindow === 1 ? '' : 's'} of contributions in the ${windowMonths} months ${window.from} to ${window.to}; at least ${MIN_CONTRIBUTION_MONTHS} are required.`,
    );
  },
);

/** The dossier was filed by the last day to file (Law 74/2025 Art.38(1)(c); Law 38/2013 Art.46(1)); see filingDeadline. */
export const filedInTime = rule(
  [law74.article(38, 1, 'c'), law38.article(46, 1)],
  function filedInTime(filingDate: IsoDate, deadline: IsoDate): UiCondition {
    return condition(
      'filed_in_time',
      'FILED_TOO_LATE',
      filingDate <= deadline,
      filingDate <= deadline
        ? `Filed on ${filingDate}, within ${FILING_WINDOW_MONTHS} months of termination (last day ${deadline}).`
        : `Filed on ${filingDate}, after the last day to file, ${deadline} (${FILING_WINDOW_MONTHS} months after termination).`,
    );
  },
);

/** No job covered by compulsory SI within 10 working days of filing (Law 74/2025 Art.38(1)(d)); 15 days under Law 38/2013 Art.49(4). */
export const noNewCoveredJob = rule(
  [law74.article(38, 1, 'd'), law38.article(49, 4)],
  function noNewCoveredJob(law: UiLaw, newCoveredJob: boolean): UiCondition {
    const newJob = NEW_JOB_WINDOW[law];
    const newJobText = `${newJob.days} ${newJob.working ? 'working ' : ''}days`;
    return condition(
      'no_new_covered_job',
      'NEW_COVERED_JOB',
      !newCoveredJob,
      newCoveredJob
        ? `The employee took a job covered by compulsory social insurance within ${newJobText} of filing.`
        : `No job covered by compulsory social insurance within ${newJobText} of filing.`,
    );
  },
);

/** No other unemployment benefit is being received: Ansinh's own condition (rules §8.25). */
export const noActiveClaim = rule(ansinh.decision('8.25'), function noActiveClaim(activeClaim: boolean): UiCondition {
  return condition(
    'no_active_claim',
    'ACTIVE_CLAIM',
    !activeClaim,
    activeClaim
      ? 'The employee already receives unemployment benefit under another decision.'
      : 'No other unemployment benefit is being received.',
  );
});

/** What the conditions are evaluated on: the claim's facts and the figures derived from its contributions. */
export interface EligibilityFacts {
  law: UiLaw;
  terminationReason: TerminationReason;
  pensionEligible: boolean;
  receivingPension: boolean;
  monthsInWindow: number;
  windowMonths: number;
  window: { from: Month; to: Month };
  filingDate: IsoDate;
  filingDeadline: IsoDate;
  newCoveredJob: boolean;
  activeClaim: boolean;
}

/** Every condition, each evaluated on its own, in the order they are reported (Law 74/2025 Art.38(1); Law 38/2013 Art.49). */
export const eligibilityConditions = rule(
  [law74.article(38, 1), law38.article(49)],
  function eligibilityConditions(f: EligibilityFacts): UiCondition[] {
    return [
      contractEndedLawfully(f.law, f.terminationReason),
      notExcludedByPension(f.law, f),
      enoughContributionMonths(f.monthsInWindow, f.windowMonths, f.window),
      filedInTime(f.filingDate, f.filingDeadline),
      noNewCoveredJob(f.law, f.newCoveredJob),
      noActiveClaim(f.activeClaim),
    ];
  },
);
