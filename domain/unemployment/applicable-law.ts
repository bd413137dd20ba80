/**
 * Which law governs a claim (rules §8.13): Law 74/2025 for a contract that ended on or after its
 * effective date, Law 38/2013 before, Law 71/2006 not implemented (rules §8.16).
 */
import { isIsoDate, type IsoDate, type Month } from '../calendar';
import { DomainError } from '../errors';
import { ansinh, law71, law74, rule } from '../law';

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

/** The law of a claim, by the date the contract ended (Law 74/2025 in force 2026-01-01; rules §8.13). */
export const lawFor = rule([law74.whole(), ansinh.decision('8.13')], function lawFor(terminationDate: IsoDate): UiLaw {
  if (!isIsoDate(terminationDate))
    throw new DomainError(
      'INVALID_DATE',
      `not a calendar date (YYYY-MM-DD): ${terminationDate}`,
      'terminationDate',
      undefined,
      { value: String(terminationDate) },
    );
  return terminationDate >= LAW_74_FROM ? 'LAW_74_2025' : 'LAW_38_2013';
});

/** The first month of UI contributions (Law 71/2006 Art.102): a month before it is refused. */
export const FIRST_UI_MONTH_SOURCE = law71.article(102);
