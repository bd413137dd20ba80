/**
 * The end of a running benefit (Law 74/2025 Art.41(4); Decree 374/2025 Art.19) and the
 * contribution months it leaves reserved (Law 74/2025 Art.41(5); Decree 374/2025 Art.8).
 */
import { addWorkingDays, type IsoDate } from '../calendar';
import { wholeCount } from '../checks';
import { ansinh, decree374, law74, rule } from '../law';
import { CONTRIBUTION_MONTHS_PER_BENEFIT_MONTH } from './duration';

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
export type BenefitTerminationGround = (typeof BENEFIT_TERMINATION_GROUNDS)[number];

/** One of the grounds above (the claim workflow checks a termination's ground with it; the API, with domain/schemas-fields.ts benefitTerminationGroundSchema). */
export function isBenefitTerminationGround(g: unknown): g is BenefitTerminationGround {
  return (BENEFIT_TERMINATION_GROUNDS as readonly unknown[]).includes(g);
}

/** Law 74/2025 Art.41(4), letter by letter (Vietnamese order: a b c d đ e g h i k l m n). */
export const TERMINATION_GROUND_LETTERS: Readonly<
  Record<BenefitTerminationGround, { letter: string; description: string }>
> = {
  new_job: { letter: 'a', description: 'found a job covered by compulsory social insurance' },
  service: { letter: 'b', description: 'entered military, police or standing-militia service' },
  pension: { letter: 'c', description: 'started receiving a monthly pension' },
  refused_jobs: {
    letter: 'd',
    description: 'twice refused, without good reason, a job the employment centre introduced',
  },
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
/** Where TERMINATION_GROUND_LETTERS come from. */
export const TERMINATION_GROUNDS_SOURCE = [law74.article(41, 4), decree374.article(19)] as const;

/** Grounds on which the unused contribution months are reserved: Law 74/2025 Art.41(5) — letters a, b, g, k, l, m, n of Art.41(4). */
export const RESERVING_GROUNDS: readonly BenefitTerminationGround[] = [
  'new_job',
  'service',
  'study',
  'rehabilitation',
  'missing',
  'detention',
  'own_request',
];

/** Three consecutive months without the job-search notice end the benefit: Law 74/2025 Art.41(4)(đ). */
export const MAX_CONSECUTIVE_MISSED_REPORTS = 3;

/** Whether this many consecutive months without the job-search notice end the benefit (Law 74/2025 Art.41(4)(đ)). */
export const missedReportsEndBenefit = rule(
  law74.article(41, 4, 'đ'),
  function missedReportsEndBenefit(consecutiveMissed: number): boolean {
    return consecutiveMissed >= MAX_CONSECUTIVE_MISSED_REPORTS;
  },
);

/**
 * A job covered by compulsory SI ends the benefit (Law 74/2025 Art.41(4)(a); Decree 374/2025
 * Art.19; rules §3), and the employee has 3 working days to notify it (Form 17). When an employer
 * declares that job, the claim's officer is given the same 3 working days from the declaration to
 * act on it — Ansinh decision (rules §8.32): the law sets the centre no deadline of its own.
 */
export const NEW_JOB_REVIEW_WORKING_DAYS = 3;

/** When the officer's "a new job was declared" task falls due (see NEW_JOB_REVIEW_WORKING_DAYS). */
export const newJobReviewDeadline = rule(
  [law74.article(41, 4, 'a'), ansinh.decision('8.32')],
  function newJobReviewDeadline(declaredOn: IsoDate): IsoDate {
    return addWorkingDays(declaredOn, NEW_JOB_REVIEW_WORKING_DAYS);
  },
);

// ---------------------------------------------------------------------------------------------
// Reserved contribution months (Law 74/2025 Art.41(5); Decree 374/2025 Art.8)
// ---------------------------------------------------------------------------------------------

/**
 * Leftover contribution months are reserved only when the total is over 36 and at most 144
 * (Law 74/2025 Art.41(5); Decree 374/2025 Art.8, carried over from Circular 15/2023). Ansinh
 * applies the same bounds to Law 38 claims (Ansinh decision, rules §8).
 */
export const RESERVE_ABOVE_MONTHS = 36;
export const RESERVE_UP_TO_MONTHS = 144;

function reservable(totalContributionMonths: number): boolean {
  return totalContributionMonths > RESERVE_ABOVE_MONTHS && totalContributionMonths <= RESERVE_UP_TO_MONTHS;
}

/**
 * Months reserved when the whole benefit has been received: N − duration × 12 when 36 < N ≤ 144,
 * else 0 (Law 74/2025 Art.41(5); Decree 374/2025 Art.8).
 */
export const reservedOnCompletion = rule(
  [law74.article(41, 5), decree374.article(8), ansinh.decision('8.20')],
  function reservedOnCompletion(totalContributionMonths: number, durationMonths: number): number {
    wholeCount(totalContributionMonths, 'contribution months');
    wholeCount(durationMonths, 'benefit months');
    if (!reservable(totalContributionMonths)) return 0;
    return Math.max(0, totalContributionMonths - durationMonths * CONTRIBUTION_MONTHS_PER_BENEFIT_MONTH);
  },
);

/**
 * Months reserved when the benefit ends early: only on RESERVING_GROUNDS and only when
 * 36 < N ≤ 144: N − monthsPaid × 12, never below 0 (Law 74/2025 Art.41(5); Decree 374/2025 Art.8).
 */
export const reservedOnTermination = rule(
  [law74.article(41, 5), law74.article(41, 4), decree374.article(8)],
  function reservedOnTermination(
    totalContributionMonths: number,
    monthsPaid: number,
    ground: BenefitTerminationGround,
  ): number {
    wholeCount(totalContributionMonths, 'contribution months');
    wholeCount(monthsPaid, 'benefit months paid');
    if (!RESERVING_GROUNDS.includes(ground)) return 0;
    if (!reservable(totalContributionMonths)) return 0;
    return Math.max(0, totalContributionMonths - monthsPaid * CONTRIBUTION_MONTHS_PER_BENEFIT_MONTH);
  },
);
