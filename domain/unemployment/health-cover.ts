/**
 * Health insurance of a person receiving unemployment benefit (rules §1, §8.9): the UI fund pays
 * 4.5% of the monthly benefit, the card carries the "TN" group (Decision 1351/QĐ-BHXH), and it
 * ends with the benefit.
 */
import type Decimal from 'decimal.js';
import { addDays, type IsoDate } from '../calendar';
import { ansinh, decision1351, hiLaw, rule } from '../law';
import { toDong } from '../money';

/** HI for a benefit recipient: 4.5% of the monthly benefit, paid by the UI fund (rules §1, §8; HI Law Art.13). */
export const HI_RATE_ON_BENEFIT = '0.045';

/** HI group code of people receiving unemployment benefit (Decision 1351/QĐ-BHXH: "TN"), level 4 → 80 %. */
export const UI_HI_GROUP = 'TN';
export const UI_HI_LEVEL_DIGIT = 4;
/** Where UI_HI_GROUP and UI_HI_LEVEL_DIGIT come from. */
export const UI_HI_GROUP_SOURCE = decision1351.whole();

/** The HI contribution the UI fund pays on a monthly benefit, rounded half-up to the dong (HI Law Art.13; rules §8.9, §8.1). */
export const hiContributionOnBenefit = rule(
  [hiLaw.article(13), ansinh.decision('8.9')],
  function hiContributionOnBenefit(monthlyBenefit: Decimal): Decimal {
    return toDong(monthlyBenefit.times(HI_RATE_ON_BENEFIT));
  },
);

/** The UI-paid HI card of a terminated benefit ends the day before the termination takes effect (rules §8.9). */
export const coverageLastDayOnTermination = rule(
  ansinh.decision('8.9'),
  function coverageLastDayOnTermination(effectiveDate: IsoDate): IsoDate {
    return addDays(effectiveDate, -1);
  },
);
