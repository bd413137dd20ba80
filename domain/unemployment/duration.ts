/** How many months the benefit is paid (Law 74/2025 Art.39(2); Law 38/2013 Art.50(2)). */
import { wholeCount } from '../checks';
import { law38, law74, rule } from '../law';
import { MIN_CONTRIBUTION_MONTHS } from './eligibility';

/** 12–36 contribution months give 3 months of benefit (Law 74/2025 Art.39(2); Law 38/2013 Art.50(2)). */
export const BASE_DURATION_MONTHS = 3;
/** …covering the first 36 contribution months; each further full 12 adds one month (same sources). */
export const BASE_DURATION_COVERS_MONTHS = 36;
export const CONTRIBUTION_MONTHS_PER_BENEFIT_MONTH = 12;
/** Maximum 12 months of benefit (Law 74/2025 Art.39(2); Law 38/2013 Art.50(2)). */
export const MAX_DURATION_MONTHS = 12;

/** min(12, 3 + floor(max(0, N − 36) / 12)) for N ≥ 12, else 0 (Law 74/2025 Art.39(2); Law 38/2013 Art.50(2)). */
export const benefitDurationMonths = rule(
  [law74.article(39, 2), law38.article(50, 2)],
  function benefitDurationMonths(totalContributionMonths: number): number {
    wholeCount(totalContributionMonths, 'contribution months');
    if (totalContributionMonths < MIN_CONTRIBUTION_MONTHS) return 0;
    const extra = Math.floor(
      Math.max(0, totalContributionMonths - BASE_DURATION_COVERS_MONTHS) / CONTRIBUTION_MONTHS_PER_BENEFIT_MONTH,
    );
    return Math.min(MAX_DURATION_MONTHS, BASE_DURATION_MONTHS + extra);
  },
);
