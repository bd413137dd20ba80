/**
 * Why a person is not covered on a date (issue #12: the facility's answer says why, not only "no"):
 * the card they hold is not valid yet, it has expired, or they hold none. Pure: the caller reads
 * when their latest card before the date ended and when their next one starts. A card is valid
 * from its first to its last day (HI Law Art.16); outside them there is no coverage.
 */

export type NotCoveredReason = 'not_yet_valid' | 'expired' | 'no_card';
export const NOT_COVERED_REASONS: readonly NotCoveredReason[] = ['not_yet_valid', 'expired', 'no_card'];

export interface CoverageGap {
  /** The last day of the latest card that ended before the date, or null. */
  lastEnded: string | null;
  /** The first day of the earliest card that starts after the date, or null. */
  nextStarts: string | null;
}

/**
 * A card that ended comes first (the person was covered and is not any more: the facility asks
 * for the renewal), then one that starts later; without either the person holds no card.
 * `since` is the day the card ended or the day it starts.
 */
export function whyNotCovered(gap: CoverageGap): { reason: NotCoveredReason; since: string | null } {
  if (gap.lastEnded !== null) return { reason: 'expired', since: gap.lastEnded };
  if (gap.nextStarts !== null) return { reason: 'not_yet_valid', since: gap.nextStarts };
  return { reason: 'no_card', since: null };
}
