/**
 * The evaluation of a claim (rules §3): it only combines the rules of the other files — the law
 * (applicable-law.ts), the conditions (eligibility.ts), the amount (amount.ts), the duration
 * (duration.ts), the reserved months (termination.ts) and the dates (dates.ts).
 */
import type Decimal from 'decimal.js';
import { monthOf, type IsoDate, type Month } from '../calendar';
import { law38, law74, rule } from '../law';
import { toDong } from '../money';
import { averageSalary, benefitCap, monthlyBenefitAmount } from './amount';
import { lawFor, type UiLaw } from './applicable-law';
import type { UiCase } from './case';
import { benefitMonthPeriods, benefitStartDate, decisionTimeline, type BenefitMonth } from './dates';
import { CONTRIBUTION_MONTHS_PER_BENEFIT_MONTH, benefitDurationMonths } from './duration';
import {
  contributionWindow,
  eligibilityConditions,
  filingDeadline,
  windowMonthsFor,
  type UiCondition,
  type UiReasonCode,
} from './eligibility';
import { hiContributionOnBenefit } from './health-cover';
import { reservedOnCompletion } from './termination';

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

const vnd = (x: Decimal): string => x.toFixed(0);

/** Evaluates a validated case (parse with `uiCaseSchema` first). */
export const evaluateUnemployment = rule(
  [law74.article('38–41'), law38.article('49–53')],
  function evaluateUnemployment(c: UiCase): UiEvaluation {
    const law = lawFor(c.terminationDate);
    const terminationMonth = monthOf(c.terminationDate);
    const paid = c.contributions
      .filter((r) => r.month <= terminationMonth)
      .sort((a, b) => (a.month < b.month ? 1 : a.month > b.month ? -1 : 0));
    const N = paid.length;
    const windowMonths = windowMonthsFor(law, c.contractMonths);
    const window = contributionWindow(terminationMonth, windowMonths);
    const monthsInWindow = paid.filter((r) => r.month >= window.from && r.month <= window.to).length;
    const lastContributionMonth = paid[0]?.month ?? null;

    // Amount: one average, one rounding of each figure (rules §8).
    const { averaged, average } = averageSalary(paid);
    const { capMonth, cap } = benefitCap(law, terminationMonth, lastContributionMonth, c.region);
    const { monthlyBenefit, capped } = monthlyBenefitAmount(average, cap);
    const hi = hiContributionOnBenefit(monthlyBenefit);

    // Conditions, each evaluated on its own.
    const deadline = filingDeadline(c.terminationDate);
    const conditions = eligibilityConditions({
      law,
      terminationReason: c.terminationReason,
      pensionEligible: c.pensionEligible,
      receivingPension: c.receivingPension,
      monthsInWindow,
      windowMonths,
      window,
      filingDate: c.filingDate,
      filingDeadline: deadline,
      newCoveredJob: c.newCoveredJob,
      activeClaim: c.activeClaim,
    });
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
  },
);
