/**
 * Where each part of a claim's evaluation comes from, as the rule functions carry it (domain/law.ts):
 * the officer's claim page shows every condition with its article and the amount with its own.
 * Only the provisions of the claim's law are listed (a claim under Law 74/2025 does not cite Law
 * 38/2013), with the Ansinh decisions and other instruments the rule also names. Pure data.
 */
import { citationText, type Citation, type Cited } from '../law';
import { averageSalary, benefitCap, monthlyBenefitAmount } from './amount';
import type { UiLaw } from './applicable-law';
import { benefitDurationMonths } from './duration';
import {
  contractEndedLawfully,
  enoughContributionMonths,
  filedInTime,
  noActiveClaim,
  noNewCoveredJob,
  notExcludedByPension,
  type UiConditionName,
} from './eligibility';

/** The rule function that decides each condition. */
export const CONDITION_RULES: Readonly<Record<UiConditionName, Cited>> = {
  lawful_termination: contractEndedLawfully,
  not_eligible_for_pension: notExcludedByPension,
  not_receiving_pension: notExcludedByPension,
  contribution_months: enoughContributionMonths,
  filed_in_time: filedInTime,
  no_new_covered_job: noNewCoveredJob,
  no_active_claim: noActiveClaim,
};

/** The employment law each claim law is, by its short name in citations. */
const EMPLOYMENT_LAW: Readonly<Record<UiLaw, string>> = { LAW_74_2025: 'Law 74/2025', LAW_38_2013: 'Law 38/2013' };

/** The citations of `rule` that apply to a claim under `law`: the other employment law's are left out. */
export function citationsUnder(law: UiLaw, rule: Cited): Citation[] {
  const other = Object.entries(EMPLOYMENT_LAW)
    .filter(([l]) => l !== law)
    .map(([, name]) => name);
  return rule.citations.filter((c) => !other.includes(c.law));
}

/** A condition's provisions under the claim's law, as text ("Law 74/2025 Art.38(1)(b)"). */
export function conditionCitations(law: UiLaw, condition: UiConditionName): string[] {
  return citationsUnder(law, CONDITION_RULES[condition]).map(citationText);
}

/** The provisions of the amount (average, cap, 60 %) and of the duration, under the claim's law. */
export function amountCitations(law: UiLaw): {
  average: string[];
  cap: string[];
  benefit: string[];
  duration: string[];
} {
  const cite = (r: Cited) => citationsUnder(law, r).map(citationText);
  return {
    average: cite(averageSalary),
    cap: cite(benefitCap),
    benefit: cite(monthlyBenefitAmount),
    duration: cite(benefitDurationMonths),
  };
}
