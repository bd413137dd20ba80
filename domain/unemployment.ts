/**
 * Unemployment benefit (trợ cấp thất nghiệp): eligibility, amount, duration, reserved months and
 * the dates of a claim (rules §3). Pure: no clock, no I/O, no Node built-ins — imported by the
 * claim workflow.
 *
 * Two laws are implemented side by side, chosen by the date the contract ended (rules §8):
 * - Law 74/2025/QH15 (Employment Law, in force 2026-01-01), Art.38–41, with Decree 374/2025/NĐ-CP
 *   Art.8, 15, 19, 21 and procedure 1.014748 (Decision 107/QĐ-BNV);
 * - Law 38/2013/QH13 (old Employment Law) Art.49–53, with Decree 28/2015/NĐ-CP Art.18.
 *
 * Every figure or policy choice is one named constant below with its source; where the law is
 * silent the note says "Ansinh decision (rules §8)". Money is whole VND held as Decimal and
 * returned as integer strings; the average salary and the benefit derived from it are rounded
 * half-up once, at the end (rules §8).
 */
import type Decimal from 'decimal.js';
import { z } from 'zod';
import {
  addDays,
  addMonths,
  addWorkingDays,
  isIsoDate,
  isoDateSchema,
  isWorkingDay,
  lastDayOf,
  monthOf,
  monthSchema,
  type IsoDate,
  type Month,
} from './calendar';
import { DomainError } from './errors';
import { Dec, toDong, vndSchema } from './money';
import { regionalMinimumWageFor, regionSchema } from './rates';

// ---------------------------------------------------------------------------------------------
// Which law
// ---------------------------------------------------------------------------------------------

export type UiLaw = 'LAW_74_2025' | 'LAW_38_2013';
export const UI_LAWS: readonly UiLaw[] = ['LAW_74_2025', 'LAW_38_2013'];

/**
 * Law 74/2025 applies to a contract that ended on or after its effective date (Law 74/2025,
 * in force 2026-01-01; choice of law by termination date: Ansinh decision, rules §8).
 */
export const LAW_74_FROM: IsoDate = '2026-01-01';
/**
 * Law 38/2013 took effect on 2015-01-01. Earlier terminations fell under Law 71/2006 and
 * Decree 127/2008, which Ansinh does not implement: they are rejected at the boundary
 * (Ansinh decision, rules §8).
 */
export const LAW_38_FROM: IsoDate = '2015-01-01';
/** Unemployment insurance was first collected for January 2009 (Law 71/2006/QH11 Art.102; rules §9.C). */
export const FIRST_UI_MONTH: Month = '2009-01';

export function lawFor(terminationDate: IsoDate): UiLaw {
  if (!isIsoDate(terminationDate)) throw new DomainError('INVALID_DATE', `not a calendar date (YYYY-MM-DD): ${terminationDate}`, 'terminationDate');
  return terminationDate >= LAW_74_FROM ? 'LAW_74_2025' : 'LAW_38_2013';
}

// ---------------------------------------------------------------------------------------------
// How the contract ended
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
export const terminationReasonSchema = z.enum(CONTRACT_TERMINATION_REASONS, {
  message: `INVALID_TERMINATION_REASON: one of ${CONTRACT_TERMINATION_REASONS.join(', ')}`,
});
export type TerminationReason = z.infer<typeof terminationReasonSchema>;

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
// Grounds on which a running benefit ends (Law 74/2025 Art.41(4); Decree 374/2025 Art.19)
// ---------------------------------------------------------------------------------------------

export const BENEFIT_TERMINATION_GROUNDS = [
  'new_job',
  'service',
  'pension',
  'refused_jobs',
  'missed_reports',
  'emigration',
  'study',
  'sanction',
  'death',
  'rehabilitation',
  'missing',
  'detention',
  'own_request',
] as const;
export const benefitTerminationGroundSchema = z.enum(BENEFIT_TERMINATION_GROUNDS, {
  message: `INVALID_TERMINATION_GROUND: one of ${BENEFIT_TERMINATION_GROUNDS.join(', ')}`,
});
export type BenefitTerminationGround = z.infer<typeof benefitTerminationGroundSchema>;

/** Law 74/2025 Art.41(4), letter by letter (Vietnamese order: a b c d đ e g h i k l m n). */
export const TERMINATION_GROUND_LETTERS: Readonly<Record<BenefitTerminationGround, { letter: string; description: string }>> = {
  new_job: { letter: 'a', description: 'found a job covered by compulsory social insurance' },
  service: { letter: 'b', description: 'entered military, police or standing-militia service' },
  pension: { letter: 'c', description: 'started receiving a monthly pension' },
  refused_jobs: { letter: 'd', description: 'twice refused, without good reason, a job the employment centre introduced' },
  missed_reports: { letter: 'đ', description: 'did not send the monthly job-search notice for 3 consecutive months' },
  emigration: { letter: 'e', description: 'left to live abroad' },
  study: { letter: 'g', description: 'started a course of study longer than 12 months' },
  sanction: { letter: 'h', description: 'was sanctioned for a violation of the unemployment-insurance rules' },
  death: { letter: 'i', description: 'died' },
  rehabilitation: { letter: 'k', description: 'was sent to compulsory education or rehabilitation' },
  missing: { letter: 'l', description: 'was declared missing by a court' },
  detention: { letter: 'm', description: 'was detained or imprisoned' },
  own_request: { letter: 'n', description: 'asked for the benefit to end' },
};

/** Grounds on which the unused contribution months are reserved: Law 74/2025 Art.41(5) — letters a, b, g, k, l, m, n of Art.41(4). */
export const RESERVING_GROUNDS: readonly BenefitTerminationGround[] = ['new_job', 'service', 'study', 'rehabilitation', 'missing', 'detention', 'own_request'];

/** Three consecutive months without the job-search notice end the benefit: Law 74/2025 Art.41(4)(đ). */
export const MAX_CONSECUTIVE_MISSED_REPORTS = 3;

/** Whether this many consecutive months without the job-search notice end the benefit (Law 74/2025 Art.41(4)(đ)). */
export function missedReportsEndBenefit(consecutiveMissed: number): boolean {
  return consecutiveMissed >= MAX_CONSECUTIVE_MISSED_REPORTS;
}

/** HI group code of people receiving unemployment benefit (Decision 1351/QĐ-BHXH: "TN"), level 4 → 80 %. */
export const UI_HI_GROUP = 'TN';
export const UI_HI_LEVEL_DIGIT = 4;

// ---------------------------------------------------------------------------------------------
// Figures of the benefit
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
/** HI for a benefit recipient: 4.5% of the monthly benefit, paid by the UI fund (rules §1, §8; HI Law Art.13). */
export const HI_RATE_ON_BENEFIT = '0.045';

/** 12–36 contribution months give 3 months of benefit (Law 74/2025 Art.39(2); Law 38/2013 Art.50(2)). */
export const BASE_DURATION_MONTHS = 3;
/** …covering the first 36 contribution months; each further full 12 adds one month (same sources). */
export const BASE_DURATION_COVERS_MONTHS = 36;
export const CONTRIBUTION_MONTHS_PER_BENEFIT_MONTH = 12;
/** Maximum 12 months of benefit (Law 74/2025 Art.39(2); Law 38/2013 Art.50(2)). */
export const MAX_DURATION_MONTHS = 12;
/**
 * Leftover contribution months are reserved only when the total is over 36 and at most 144
 * (Law 74/2025 Art.41(5); Decree 374/2025 Art.8, carried over from Circular 15/2023). Ansinh
 * applies the same bounds to Law 38 claims (Ansinh decision, rules §8).
 */
export const RESERVE_ABOVE_MONTHS = 36;
export const RESERVE_UP_TO_MONTHS = 144;

// ---------------------------------------------------------------------------------------------
// Dates and deadlines
// ---------------------------------------------------------------------------------------------

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
/**
 * Start of the benefit:
 * - Law 74/2025 Art.39(3): "ngày làm việc thứ 11" — the 11th WORKING day counted from the day the
 *   complete dossier was filed;
 * - Law 38/2013 Art.50(3): "ngày thứ 16, kể từ ngày nộp đủ hồ sơ" — the 16th CALENDAR day (the text
 *   says "ngày", not "ngày làm việc").
 * In both the filing day itself is not counted (Civil Code 2015 Art.147(1): a period in days starts
 * on the next day), so filing on day D starts the benefit on D + 11 working days (Law 74) or
 * D + 16 calendar days (Law 38).
 */
export const START_AFTER: Readonly<Record<UiLaw, { days: number; working: boolean }>> = {
  LAW_74_2025: { days: 11, working: true },
  LAW_38_2013: { days: 16, working: false },
};
/**
 * Decision (Form 12) within 15 working days of the complete dossier (Law 74/2025; Decree 374/2025;
 * procedure 1.014748). Law 38 claims: 20 days (Law 38/2013 Art.46(2); Decree 28/2015 Art.18),
 * counted here as working days like the Law 74 figure. Ansinh decision (rules §8).
 */
export const DECISION_WORKING_DAYS: Readonly<Record<UiLaw, number>> = { LAW_74_2025: 15, LAW_38_2013: 20 };
/** Remind the officer 5 working days before the decision deadline. Ansinh decision (rules §8). */
export const DECISION_REMINDER_WORKING_DAYS_BEFORE = 5;
/** Escalate to the supervisor 2 working days before the decision deadline. Ansinh decision (rules §8). */
export const DECISION_ESCALATION_WORKING_DAYS_BEFORE = 2;
/** The employee collects the decision within 3 working days (Decree 374/2025; procedure 1.014748). */
export const COLLECT_DECISION_WORKING_DAYS = 3;
/**
 * Monthly job-search notice (Law 74/2025 Art.40; Decree 374/2025 Art.21; procedure 1.014749):
 * within 3 working days — month 1 from when the result (the decision) is returned, later months
 * from the first day of the benefit month. Ansinh uses this one rule for Law 38 claims too
 * (Ansinh decision, rules §8).
 */
export const REPORT_WORKING_DAYS = 3;
/**
 * Payment within 5 working days (Decree 374/2025; procedure 1.014748): after the deadline to collect
 * the decision (month 1) or after the month's job-search notice deadline (later months). Law 38
 * claims (Decree 28/2015 Art.18(2)): within 5 working days of receiving the decision (month 1) and
 * counted from the 7th day of each later benefit month.
 */
export const PAYMENT_WORKING_DAYS = 5;
export const LAW_38_PAYMENT_FROM_DAY_OF_MONTH = 7;

/**
 * A job covered by compulsory SI ends the benefit (Law 74/2025 Art.41(4)(a); Decree 374/2025
 * Art.19; rules §3), and the employee has 3 working days to notify it (Form 17). When an employer
 * declares that job, the claim's officer is given the same 3 working days from the declaration to
 * act on it — Ansinh decision (rules §8.32): the law sets the centre no deadline of its own.
 */
export const NEW_JOB_REVIEW_WORKING_DAYS = 3;

/** When the officer's "a new job was declared" task falls due (see NEW_JOB_REVIEW_WORKING_DAYS). */
export function newJobReviewDeadline(declaredOn: IsoDate): IsoDate {
  return addWorkingDays(declaredOn, NEW_JOB_REVIEW_WORKING_DAYS);
}

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

const contributionSchema = z.object({
  month: monthSchema,
  /** The salary on which UI was paid that month, as recorded (already within Law 74/2025 Art.34(2)). */
  salary: vndSchema.refine((s) => s !== '0', 'INVALID_AMOUNT: a paid contribution month has a salary above 0'),
});
export type UiContribution = z.infer<typeof contributionSchema>;

/** Input of `ansinh calc unemployment <file.json>` and of the claim workflow. */
export const uiCaseSchema = z
  .object({
    terminationDate: isoDateSchema,
    filingDate: isoDateSchema,
    region: regionSchema,
    /** Length of the ended contract in whole months (an indefinite-term contract: any figure ≥ 12). */
    contractMonths: z.number({ message: 'INVALID_CONTRACT_MONTHS: a whole number of months ≥ 1' }).int('INVALID_CONTRACT_MONTHS: a whole number of months ≥ 1').min(1, 'INVALID_CONTRACT_MONTHS: a whole number of months ≥ 1'),
    terminationReason: terminationReasonSchema,
    /** Months in which UI was actually paid, any order; none after the termination month. */
    contributions: z.array(contributionSchema).max(1200),
    /** Eligible for a pension at termination (excludes under Law 74/2025 Art.38(1)(a)). */
    pensionEligible: z.boolean().default(false),
    /** Receiving a monthly pension (excludes under Law 38/2013 Art.49(1)(b), and under Law 74). */
    receivingPension: z.boolean().default(false),
    /** Already receiving unemployment benefit under another decision. */
    activeClaim: z.boolean().default(false),
    /** Took a job covered by compulsory SI within 10 working days of filing (Law 74), 15 days (Law 38). */
    newCoveredJob: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    if (c.terminationDate < LAW_38_FROM) {
      ctx.addIssue({ code: 'custom', path: ['terminationDate'], message: `UNSUPPORTED_LAW: contracts ended before ${LAW_38_FROM} fall under Law 71/2006, which is not implemented` });
    }
    if (c.filingDate < c.terminationDate) {
      ctx.addIssue({ code: 'custom', path: ['filingDate'], message: `FILING_BEFORE_TERMINATION: filingDate ${c.filingDate} is before terminationDate ${c.terminationDate}` });
    }
    const terminationMonth = monthOf(c.terminationDate);
    const seen = new Set<string>();
    c.contributions.forEach((row, i) => {
      if (seen.has(row.month)) {
        ctx.addIssue({ code: 'custom', path: ['contributions', i, 'month'], message: `DUPLICATE_MONTH: ${row.month} is listed more than once` });
      }
      seen.add(row.month);
      if (row.month > terminationMonth) {
        ctx.addIssue({ code: 'custom', path: ['contributions', i, 'month'], message: `CONTRIBUTION_AFTER_TERMINATION: ${row.month} is after the termination month ${terminationMonth}` });
      }
      if (row.month < FIRST_UI_MONTH) {
        ctx.addIssue({ code: 'custom', path: ['contributions', i, 'month'], message: `INVALID_MONTH: ${row.month} is before ${FIRST_UI_MONTH}, when unemployment insurance began` });
      }
    });
  });
export type UiCase = z.infer<typeof uiCaseSchema>;
export type UiCaseInput = z.input<typeof uiCaseSchema>;

// ---------------------------------------------------------------------------------------------
// Rules
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

export interface BenefitMonth {
  index: number;
  from: IsoDate;
  to: IsoDate;
}

export interface UiEvaluation {
  law: UiLaw;
  eligible: boolean;
  conditions: UiCondition[];
  /** Codes of the failed conditions, in the order of `conditions`. */
  reasons: UiReasonCode[];
  windowMonths: number;
  windowFrom: Month;
  windowTo: Month;
  monthsInWindow: number;
  /** All contribution months listed up to the termination month (N). */
  totalContributionMonths: number;
  lastContributionMonth: Month | null;
  /** The months averaged (the last AVERAGE_MONTHS actually paid), newest first. */
  averagedMonths: Month[];
  averageSalary: string;
  capMonth: Month;
  cap: string;
  capped: boolean;
  monthlyBenefit: string;
  durationMonths: number;
  consumedContributionMonths: number;
  reservedMonths: number;
  filingDeadline: IsoDate;
  /** First day of benefit; null when not eligible. */
  startDate: IsoDate | null;
  decisionDeadline: IsoDate;
  /** 4.5% of the monthly benefit (what the UI fund would pay for HI). */
  hiMonthlyContribution: string;
  benefitMonths: BenefitMonth[];
}

function wholeCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new DomainError('INVALID_ARGUMENT', `${what} must be a whole number ≥ 0: ${n}`);
}

function addDaysOrWorkingDays(d: IsoDate, rule: { days: number; working: boolean }): IsoDate {
  return rule.working ? addWorkingDays(d, rule.days) : addDays(d, rule.days);
}

/** Same day `months` later; the month's last day when it has no such day (Civil Code 2015 Art.147). */
function addCalendarMonths(d: IsoDate, months: number): IsoDate {
  const target = addMonths(monthOf(d), months);
  const end = lastDayOf(target);
  const day = d.slice(8, 10);
  return day > end.slice(8, 10) ? end : `${target}-${day}`;
}

/** Window length for a claim (Law 74/2025 Art.38(1)(b); Law 38/2013 Art.49(2)). */
export function windowMonthsFor(law: UiLaw, contractMonths: number): number {
  const short = SHORT_CONTRACT_MONTHS[law];
  return contractMonths >= short.min && contractMonths < short.maxExclusive ? SHORT_CONTRACT_WINDOW_MONTHS : STANDARD_WINDOW_MONTHS;
}

/** The months of the window, inclusive, given the termination month (see WINDOW_INCLUDES_TERMINATION_MONTH). */
export function contributionWindow(terminationMonth: Month, windowMonths: number): { from: Month; to: Month } {
  const to = WINDOW_INCLUDES_TERMINATION_MONTH ? terminationMonth : addMonths(terminationMonth, -1);
  return { from: addMonths(to, -(windowMonths - 1)), to };
}

/** Last day to file (Law 74/2025 Art.38(1)(c); Law 38/2013 Art.46(1)); see FILING_WINDOW_MONTHS. */
export function filingDeadline(terminationDate: IsoDate): IsoDate {
  return addCalendarMonths(terminationDate, FILING_WINDOW_MONTHS);
}

/** min(12, 3 + floor(max(0, N − 36) / 12)) for N ≥ 12, else 0 (Law 74/2025 Art.39(2); Law 38/2013 Art.50(2)). */
export function benefitDurationMonths(totalContributionMonths: number): number {
  wholeCount(totalContributionMonths, 'contribution months');
  if (totalContributionMonths < MIN_CONTRIBUTION_MONTHS) return 0;
  const extra = Math.floor(Math.max(0, totalContributionMonths - BASE_DURATION_COVERS_MONTHS) / CONTRIBUTION_MONTHS_PER_BENEFIT_MONTH);
  return Math.min(MAX_DURATION_MONTHS, BASE_DURATION_MONTHS + extra);
}

function reservable(totalContributionMonths: number): boolean {
  return totalContributionMonths > RESERVE_ABOVE_MONTHS && totalContributionMonths <= RESERVE_UP_TO_MONTHS;
}

/**
 * Months reserved when the whole benefit has been received: N − duration × 12 when 36 < N ≤ 144,
 * else 0 (Law 74/2025 Art.41(5); Decree 374/2025 Art.8).
 */
export function reservedOnCompletion(totalContributionMonths: number, durationMonths: number): number {
  wholeCount(totalContributionMonths, 'contribution months');
  wholeCount(durationMonths, 'benefit months');
  if (!reservable(totalContributionMonths)) return 0;
  return Math.max(0, totalContributionMonths - durationMonths * CONTRIBUTION_MONTHS_PER_BENEFIT_MONTH);
}

/**
 * Months reserved when the benefit ends early: only on RESERVING_GROUNDS and only when
 * 36 < N ≤ 144: N − monthsPaid × 12, never below 0 (Law 74/2025 Art.41(5); Decree 374/2025 Art.8).
 */
export function reservedOnTermination(totalContributionMonths: number, monthsPaid: number, ground: BenefitTerminationGround): number {
  wholeCount(totalContributionMonths, 'contribution months');
  wholeCount(monthsPaid, 'benefit months paid');
  if (!RESERVING_GROUNDS.includes(ground)) return 0;
  if (!reservable(totalContributionMonths)) return 0;
  return Math.max(0, totalContributionMonths - monthsPaid * CONTRIBUTION_MONTHS_PER_BENEFIT_MONTH);
}

/** First day of benefit (Law 74/2025 Art.39(3); Law 38/2013 Art.50(3)); see START_AFTER. */
export function benefitStartDate(filingDate: IsoDate, law: UiLaw): IsoDate {
  return addDaysOrWorkingDays(filingDate, START_AFTER[law]);
}

/** Decision deadline, reminder and escalation, as Vietnam dates (see DECISION_WORKING_DAYS). */
export function decisionTimeline(filingDate: IsoDate, law: UiLaw): { reminderAt: IsoDate; escalateAt: IsoDate; deadline: IsoDate } {
  const n = DECISION_WORKING_DAYS[law];
  return {
    reminderAt: addWorkingDays(filingDate, n - DECISION_REMINDER_WORKING_DAYS_BEFORE),
    escalateAt: addWorkingDays(filingDate, n - DECISION_ESCALATION_WORKING_DAYS_BEFORE),
    deadline: addWorkingDays(filingDate, n),
  };
}

/**
 * Benefit months (Decree 374/2025 Art.15(2)): a month runs from its first day to the same date
 * next month minus one day; when next month has no such date, it ends on that month's last day.
 * The day of the start date is the anchor, so the months are contiguous: month k ends the day
 * before the anchor day of month start+k, or on that month's last day when it has no anchor day.
 * Start 2026-01-31 → 01-31..02-28, 03-01..03-30, 03-31..04-30.
 */
export function benefitMonthPeriods(startDate: IsoDate, n: number): BenefitMonth[] {
  wholeCount(n, 'benefit months');
  const startMonth = monthOf(startDate);
  const anchor = startDate.slice(8, 10);
  const out: BenefitMonth[] = [];
  let from = startDate;
  for (let k = 1; k <= n; k++) {
    const m = addMonths(startMonth, k);
    const last = lastDayOf(m);
    const to = anchor > last.slice(8, 10) ? last : addDays(`${m}-${anchor}`, -1);
    out.push({ index: k, from, to });
    from = addDays(to, 1);
  }
  return out;
}

/**
 * Last day for the monthly job-search notice (Law 74/2025 Art.40; Decree 374/2025 Art.21):
 * month 1 — the 3rd working day after the decision is returned (decisionDate required);
 * month ≥ 2 — the 3rd working day counted from the first day of the benefit month, that day
 * included when it is a working day.
 */
export function reportDeadline(periodFrom: IsoDate, decisionDate: IsoDate | undefined, index: number): IsoDate {
  if (!Number.isSafeInteger(index) || index < 1) throw new DomainError('INVALID_ARGUMENT', `benefit month index must be a whole number ≥ 1: ${index}`);
  if (index === 1) {
    if (!decisionDate) throw new DomainError('INVALID_ARGUMENT', 'the first month’s notice deadline needs the decision date', 'decisionDate');
    return addWorkingDays(decisionDate, REPORT_WORKING_DAYS);
  }
  return isWorkingDay(periodFrom) ? addWorkingDays(periodFrom, REPORT_WORKING_DAYS - 1) : addWorkingDays(periodFrom, REPORT_WORKING_DAYS);
}

/**
 * Last day for the SI agency to pay a benefit month.
 * Law 74 (Decree 374/2025; procedure 1.014748): month 1 — 5 working days after the deadline to
 * collect the decision (decision date + 3 working days); later months — 5 working days after that
 * month's notice deadline. Law 38 (Decree 28/2015 Art.18(2)): month 1 — 5 working days after the
 * decision (Ansinh takes the decision date as the day SI receives it); later months — 5 working
 * days counted from the 7th day of the benefit month (periodFrom required).
 */
export function paymentDeadline(index: number, decisionDate: IsoDate, reportDeadlineDate: IsoDate, law: UiLaw = 'LAW_74_2025', periodFrom?: IsoDate): IsoDate {
  if (!Number.isSafeInteger(index) || index < 1) throw new DomainError('INVALID_ARGUMENT', `benefit month index must be a whole number ≥ 1: ${index}`);
  if (law === 'LAW_38_2013') {
    if (index === 1) return addWorkingDays(decisionDate, PAYMENT_WORKING_DAYS);
    if (!periodFrom) throw new DomainError('INVALID_ARGUMENT', 'a Law 38 payment deadline after month 1 needs the first day of the benefit month', 'periodFrom');
    return addWorkingDays(addDays(periodFrom, LAW_38_PAYMENT_FROM_DAY_OF_MONTH - 1), PAYMENT_WORKING_DAYS);
  }
  if (index === 1) return addWorkingDays(addWorkingDays(decisionDate, COLLECT_DECISION_WORKING_DAYS), PAYMENT_WORKING_DAYS);
  return addWorkingDays(reportDeadlineDate, PAYMENT_WORKING_DAYS);
}

/** The cap's month: the last contribution month (Law 74) or the termination month (Law 38). */
function capMonthFor(law: UiLaw, terminationMonth: Month, lastContributionMonth: Month | null): Month {
  if (law === 'LAW_74_2025') return lastContributionMonth ?? terminationMonth;
  return terminationMonth;
}

const vnd = (x: Decimal): string => x.toFixed(0);

/** Evaluates a validated case (parse with `uiCaseSchema` first). */
export function evaluateUnemployment(c: UiCase): UiEvaluation {
  const law = lawFor(c.terminationDate);
  const terminationMonth = monthOf(c.terminationDate);
  const paid = c.contributions.filter((r) => r.month <= terminationMonth).sort((a, b) => (a.month < b.month ? 1 : a.month > b.month ? -1 : 0));
  const N = paid.length;
  const windowMonths = windowMonthsFor(law, c.contractMonths);
  const window = contributionWindow(terminationMonth, windowMonths);
  const monthsInWindow = paid.filter((r) => r.month >= window.from && r.month <= window.to).length;
  const lastContributionMonth = paid[0]?.month ?? null;

  // Amount: one average, one rounding of each figure (rules §8).
  const averaged = paid.slice(0, AVERAGE_MONTHS);
  const sum = averaged.reduce<Decimal>((acc, r) => acc.plus(r.salary), new Dec(0));
  const averageable = averaged.length === AVERAGE_MONTHS || (AVERAGE_OVER_AVAILABLE_MONTHS && averaged.length > 0);
  const average = averageable ? sum.div(averaged.length) : new Dec(0);
  const capMonth = capMonthFor(law, terminationMonth, lastContributionMonth);
  const cap = regionalMinimumWageFor(capMonth, c.region).times(CAP_MULTIPLIER);
  const uncapped = average.times(BENEFIT_RATE);
  const capped = uncapped.gt(cap);
  const monthlyBenefit = toDong(capped ? cap : uncapped);
  const hi = toDong(monthlyBenefit.times(HI_RATE_ON_BENEFIT));

  // Conditions, each evaluated on its own.
  const deadline = filingDeadline(c.terminationDate);
  const unlawful = UNLAWFUL_TERMINATION_REASONS[law].includes(c.terminationReason);
  const newJob = NEW_JOB_WINDOW[law];
  const newJobText = `${newJob.days} ${newJob.working ? 'working ' : ''}days`;
  const pensionExcluded = c.pensionEligible || c.receivingPension;
  const conditions: UiCondition[] = [
    condition(
      'lawful_termination',
      'UNLAWFUL_TERMINATION',
      !unlawful,
      unlawful
        ? 'The employee ended the contract unilaterally and unlawfully, which excludes the benefit.'
        : `The contract ended by ${c.terminationReason.replace(/_/g, ' ')}, which does not exclude the benefit.`,
    ),
    PENSION_EXCLUSION[law] === 'eligible_for_pension'
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
        ),
    condition(
      'contribution_months',
      'CONTRIBUTION_MONTHS_INSUFFICIENT',
      monthsInWindow >= MIN_CONTRIBUTION_MONTHS,
      `${monthsInWindow} month${monthsInWindow === 1 ? '' : 's'} of contributions in the ${windowMonths} months ${window.from} to ${window.to}; at least ${MIN_CONTRIBUTION_MONTHS} are required.`,
    ),
    condition(
      'filed_in_time',
      'FILED_TOO_LATE',
      c.filingDate <= deadline,
      c.filingDate <= deadline
        ? `Filed on ${c.filingDate}, within ${FILING_WINDOW_MONTHS} months of termination (last day ${deadline}).`
        : `Filed on ${c.filingDate}, after the last day to file, ${deadline} (${FILING_WINDOW_MONTHS} months after termination).`,
    ),
    condition(
      'no_new_covered_job',
      'NEW_COVERED_JOB',
      !c.newCoveredJob,
      c.newCoveredJob
        ? `The employee took a job covered by compulsory social insurance within ${newJobText} of filing.`
        : `No job covered by compulsory social insurance within ${newJobText} of filing.`,
    ),
    condition(
      'no_active_claim',
      'ACTIVE_CLAIM',
      !c.activeClaim,
      c.activeClaim ? 'The employee already receives unemployment benefit under another decision.' : 'No other unemployment benefit is being received.',
    ),
  ];
  const reasons = conditions.flatMap((x) => (x.code === null ? [] : [x.code]));
  const eligible = reasons.length === 0;

  const durationMonths = eligible ? benefitDurationMonths(N) : 0;
  const consumedContributionMonths = Math.min(N, durationMonths * CONTRIBUTION_MONTHS_PER_BENEFIT_MONTH);
  const reservedMonths = eligible ? reservedOnCompletion(N, durationMonths) : 0;
  const startDate = eligible ? benefitStartDate(c.filingDate, law) : null;

  return {
    law,
    eligible,
    conditions,
    reasons,
    windowMonths,
    windowFrom: window.from,
    windowTo: window.to,
    monthsInWindow,
    totalContributionMonths: N,
    lastContributionMonth,
    averagedMonths: averaged.map((r) => r.month),
    averageSalary: vnd(toDong(average)),
    capMonth,
    cap: vnd(toDong(cap)),
    capped,
    monthlyBenefit: vnd(monthlyBenefit),
    durationMonths,
    consumedContributionMonths,
    reservedMonths,
    filingDeadline: deadline,
    startDate,
    decisionDeadline: decisionTimeline(c.filingDate, law).deadline,
    hiMonthlyContribution: vnd(hi),
    benefitMonths: startDate ? benefitMonthPeriods(startDate, durationMonths) : [],
  };
}
