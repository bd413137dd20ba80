/**
 * Whether a person is covered by health insurance on a date, and why not (issue #12: the
 * facility's answer says why, not only "no"; issue #15: the same reasons on the JSON and the FHIR
 * endpoints, and whether the facility asking is the card's registered initial one). Pure: the
 * caller reads the card in force that day, the temporary lock or withdrawal of the person's card,
 * when their latest card before the date ended and why, and when their next one starts. Each
 * reason is its own rule with the provisions it applies (rules §6, §8.43).
 */
import { ansinh, citationsOf, citationText, decree188, hiLaw, rule, type Citation } from './law';
import type { IsoDate } from './calendar';

export type NotCoveredReason = 'not_yet_valid' | 'expired' | 'ended' | 'no_card' | 'suspended';
export const NOT_COVERED_REASONS: readonly NotCoveredReason[] = [
  'not_yet_valid',
  'expired',
  'ended',
  'no_card',
  'suspended',
];

/**
 * A card made unusable by the agency (HI Law Art.20; Decree 188/2025 Art.12): `locked` — the
 * electronic card's validity temporarily locked because someone used another person's card or
 * lent theirs (lifted once the fine is paid); `withdrawn` — taken back for fraud in its issue.
 */
export type CardLockKind = 'locked' | 'withdrawn';
export const CARD_LOCK_KINDS: readonly CardLockKind[] = ['locked', 'withdrawn'];
/** Why: the card used by someone else, lent to someone else (a lock), or fraud in its issue (a withdrawal). */
export type CardLockGround = 'used_by_another' | 'lent' | 'fraud';
export const CARD_LOCK_GROUNDS: readonly CardLockGround[] = ['used_by_another', 'lent', 'fraud'];

/** Which grounds each kind takes: a lock is for lending or using another's card, a withdrawal for fraud. */
export const cardLockGroundFits = rule(
  [hiLaw.article(20, 1, 'a'), hiLaw.article(20, 2), decree188.article(12)],
  function cardLockGroundFits(kind: CardLockKind, ground: CardLockGround): boolean {
    return kind === 'withdrawn' ? ground === 'fraud' : ground !== 'fraud';
  },
);

/** Only a temporary lock is lifted (once the fine is paid); a withdrawn card stays withdrawn, a new one is issued. */
export const cardLockLiftable = rule(decree188.article(12), function cardLockLiftable(kind: CardLockKind): boolean {
  return kind === 'locked';
});

/**
 * The provisions a card's lock, withdrawal or lifting rests on, which the participant's notice of
 * the decision cites (rules §6): a lock HI Law Art.20(2), a withdrawal Art.20(1)(a), both with
 * Decree 188/2025 Art.12, which also lifts a lock once the fine is paid and has the agency tell the
 * participant. Data, not a rule: `cardLockGroundFits` and `cardLockLiftable` decide.
 */
export const CARD_LOCK_BASIS: Readonly<Record<CardLockKind | 'lifted', readonly Citation[]>> = Object.freeze({
  locked: Object.freeze([hiLaw.article(20, 2), decree188.article(12)]),
  withdrawn: Object.freeze([hiLaw.article(20, 1, 'a'), decree188.article(12)]),
  lifted: Object.freeze([decree188.article(12)]),
});

/** What the caller read about one person on the date. */
export interface CoverageFacts {
  /** A card is in force that day by its dates (from its first to its last day). */
  cardInForce: boolean;
  /** The lock or withdrawal in effect that day (from `since`, until lifted), or null. */
  lock: { kind: CardLockKind; since: IsoDate } | null;
  /** The latest card that ended before the date: its last day and whether it ended because the person left the scheme. */
  lastEnded: { on: IsoDate; leftScheme: boolean } | null;
  /** The first day of the earliest card that starts after the date, or null. */
  nextStarts: IsoDate | null;
}

export interface NotCovered {
  reason: NotCoveredReason;
  /** The day the card ended, starts, or was locked (null: no card). */
  since: IsoDate | null;
  /** For `suspended`: locked or withdrawn. */
  lockKind?: CardLockKind;
}

/** A card in force whose validity is locked or withdrawn does not give the benefit from the day of the lock. */
export const cardSuspended = rule(
  [hiLaw.article(20, 1, 'a'), hiLaw.article(20, 2), decree188.article(12)],
  function cardSuspended(f: CoverageFacts): NotCovered | null {
    return f.cardInForce && f.lock ? { reason: 'suspended', since: f.lock.since, lockKind: f.lock.kind } : null;
  },
);

/**
 * A card is not valid once the person no longer takes part in HI (HI Law Art.16(4)(c); such a card
 * is withdrawn, Art.20(1)(b)): their employment ended or their unemployment benefit was terminated
 * before the card's printed end. The day is the card's last day.
 */
export const coverageEnded = rule(
  [hiLaw.article(16, 4, 'c'), hiLaw.article(20, 1, 'b'), ansinh.decision('8.43')],
  function coverageEnded(f: CoverageFacts): NotCovered | null {
    return !f.cardInForce && f.lastEnded?.leftScheme ? { reason: 'ended', since: f.lastEnded.on } : null;
  },
);

/** A card is not valid after its last day (HI Law Art.16(4)(a)). */
export const cardExpired = rule(hiLaw.article(16, 4, 'a'), function cardExpired(f: CoverageFacts): NotCovered | null {
  return !f.cardInForce && f.lastEnded && !f.lastEnded.leftScheme ? { reason: 'expired', since: f.lastEnded.on } : null;
});

/** A card gives the benefit from the day it becomes valid (HI Law Art.16(3)), not before. */
export const cardNotYetValid = rule(
  hiLaw.article(16, 3),
  function cardNotYetValid(f: CoverageFacts): NotCovered | null {
    return !f.cardInForce && f.nextStarts !== null ? { reason: 'not_yet_valid', since: f.nextStarts } : null;
  },
);

/** The card is what gives the benefit (HI Law Art.16(1)): without one the person is not covered. */
export const noCard = rule(hiLaw.article(16, 1), function noCard(f: CoverageFacts): NotCovered | null {
  return !f.cardInForce && f.lastEnded === null && f.nextStarts === null ? { reason: 'no_card', since: null } : null;
});

/**
 * Why a person is not covered on the date, or null when they are. A lock comes first (the card is
 * in force but may not be used); then a card that ended (the person was covered and is not any
 * more: the facility asks for the renewal or the new card), then one that starts later; without
 * either the person holds no card (rules §8.43).
 */
export function whyNotCovered(f: CoverageFacts): NotCovered | null {
  if (f.cardInForce) return cardSuspended(f);
  return coverageEnded(f) ?? cardExpired(f) ?? cardNotYetValid(f) ?? noCard(f);
}

/** The rule that gives each reason, for the provisions an answer cites. */
const RULE_OF: Record<NotCoveredReason, unknown> = {
  suspended: cardSuspended,
  ended: coverageEnded,
  expired: cardExpired,
  not_yet_valid: cardNotYetValid,
  no_card: noCard,
};

/** The provisions a reason applies, as text ("HI Law Art.16(4)(a)"). */
export function citationsOfReason(reason: NotCoveredReason): string[] {
  return citationsOf(RULE_OF[reason]).map(citationText);
}

/**
 * Whether the facility asking is the card's registered initial facility (HI Law Art.26: the
 * participant registers for primary care at one facility, printed on the card; Decree 188/2025
 * Art.10(d)). Null when no facility asks; false when the card registers none or another.
 */
export const atInitialFacility = rule(
  [hiLaw.article(26), decree188.article(10)],
  function atInitialFacility(initialFacilityCode: string | null, facilityCode: string | null): boolean | null {
    if (facilityCode === null) return null;
    return initialFacilityCode !== null && initialFacilityCode === facilityCode;
  },
);
