/**
 * HI coverage on a date — the hot read path healthcare facilities call at every visit, and the ONE
 * lookup behind both of its front ends: the JSON `GET /v1/coverage` (`coverageAnswer`) and the FHIR
 * R4 `/fhir` resources (api/fhir-resources.ts). One prepared, indexed query when the person is
 * covered (db/queries/coverage.ts); the reasons and the initial-facility check are the rules of
 * domain/coverage.ts.
 */
import type { z } from 'zod';
import type { Db } from '../db/client';
import { cardsAround, lookUpCoverage, prepareCoverageLookups, type CoverageKey } from '../db/queries/coverage';
import {
  atInitialFacility,
  citationsOfReason,
  whyNotCovered,
  type CardLockKind,
  type CoverageFacts,
  type NotCovered,
} from '../domain/coverage';
import type { IsoDate } from '../domain/calendar';
import type { coverageSchema } from '../domain/schemas';
import type { CoverageIndex } from './coverage-index';
import type { CardColumns, StoredCoverageRow } from './coverage-store';

export type Coverage = z.infer<typeof coverageSchema>;

/** One of card, personalId or siNumber (the API's schemas refuse both or neither), and the facility asking, if any. */
export interface CoverageQuery {
  card?: string | undefined;
  personalId?: string | undefined;
  siNumber?: string | undefined;
  date: IsoDate;
  facilityCode?: string | null | undefined;
}

/** A card as the answers show it. */
export interface CardFacts {
  cardCode: string;
  benefitLevel: number;
  initialFacilityCode: string | null;
  payer: { kind: string; taxCode: string | null };
  validFrom: IsoDate;
  validTo: IsoDate | null;
  fiveYearsFrom: IsoDate | null;
}

/** What the lookup found about one person on one date. */
export interface CoverageFinding {
  date: IsoDate;
  holder: { personalId: string; siNumber: string; fullName: string; dateOfBirth: string; gender: string };
  /** The card in force on the date by its dates (locked or not), or null. */
  card: CardFacts | null;
  /** Its lock or withdrawal in effect that day, or null. */
  lock: { kind: CardLockKind; since: IsoDate } | null;
  /** The card the answer is about: the one in force, else the one that ended last, else the next one; null: none. */
  about: CardFacts | null;
  /** Why not covered (null: covered), with the provisions it applies. */
  notCovered: (NotCovered & { citations: string[] }) | null;
  /** The facility asking and whether it is the card's registered initial facility; null when none asks. */
  facility: { code: string; isInitialFacility: boolean } | null;
}

/** A card's facts from the card columns of a lookup row (nullable there: a left join) or of a card around the date. */
const cardOf = (r: CardColumns): CardFacts => ({
  cardCode: r.cardCode!,
  benefitLevel: Number(r.benefitLevel),
  initialFacilityCode: r.initialFacilityCode,
  payer: { kind: r.payerKind!, taxCode: r.payerTaxCode },
  validFrom: r.validFrom!,
  validTo: r.validTo,
  fiveYearsFrom: r.fiveYearsFrom,
});

/** "locked 2026-11-01" → the lock; null stays null. */
function lockOf(text: string | null): CoverageFinding['lock'] {
  if (text === null) return null;
  const [kind, since] = text.split(' ') as [CardLockKind, IsoDate];
  return { kind, since };
}

/** A card of the person with why it stopped early, as cardsAround (or the index) reads it. */
type CardRecord = CardColumns & { validFrom: string; endReason: string | null };

/**
 * Prepares the lookups once and returns the check: the holder, the card in force on the date and
 * its lock, why not covered, and the initial-facility answer; undefined when the card or the
 * person is unknown. Only the not-covered path reads the person's other cards. With `index`, its
 * store answers while it is trusted (`source()`), the database otherwise — the same answer.
 */
export function coverageChecker(
  db: Db,
  index?: CoverageIndex | null,
): (q: CoverageQuery) => Promise<CoverageFinding | undefined> {
  const lookups = prepareCoverageLookups(db);
  return async (q) => {
    const store = index?.source() ?? null;
    let row: StoredCoverageRow | undefined;
    if (store) {
      row = q.card
        ? store.byCard(q.card, q.date)
        : q.personalId
          ? store.byPersonalId(q.personalId, q.date)
          : store.bySiNumber(q.siNumber ?? '', q.date);
    } else {
      const key: CoverageKey = { card: q.card, personalId: q.personalId, siNumber: q.siNumber, date: q.date };
      row = await lookUpCoverage(lookups, key);
    }
    if (!row) return undefined;
    const card = row.cardCode === null ? null : cardOf(row);
    const lock = card ? lockOf(row.lock) : null;
    let about = card;
    const facts: CoverageFacts = { cardInForce: card !== null, lock, lastEnded: null, nextStarts: null };
    if (!card) {
      const cards: CardRecord[] = store
        ? store.cardsOf(row.personalId, q.card)
        : await cardsAround(db, { personalId: row.personalId, card: q.card });
      const ended = cards.filter((c) => c.validTo !== null && c.validTo < q.date);
      const last = ended.reduce<CardRecord | null>((a, c) => (a === null || c.validTo! > a.validTo! ? c : a), null);
      const next = cards.find((c) => c.validFrom > q.date) ?? null;
      facts.lastEnded = last ? { on: last.validTo!, leftScheme: last.endReason === 'left_scheme' } : null;
      facts.nextStarts = next?.validFrom ?? null;
      about = last ? cardOf(last) : next ? cardOf(next) : null;
    }
    const notCovered = whyNotCovered(facts);
    const facilityCode = q.facilityCode ?? null;
    const isInitial = atInitialFacility(about?.initialFacilityCode ?? null, facilityCode);
    return {
      date: q.date,
      holder: {
        personalId: row.personalId,
        siNumber: row.siNumber,
        fullName: row.fullName,
        dateOfBirth: row.dateOfBirth,
        gender: row.gender,
      },
      card,
      lock,
      about,
      notCovered: notCovered ? { ...notCovered, citations: citationsOfReason(notCovered.reason) } : null,
      facility:
        facilityCode === null || isInitial === null ? null : { code: facilityCode, isInitialFacility: isInitial },
    };
  };
}

/** The JSON answer of `GET /v1/coverage` (domain/schemas.ts coverageSchema): what it always said, and the reasons and facility since issue 15. */
export function coverageAnswer(f: CoverageFinding): Coverage {
  return {
    date: f.date,
    valid: f.notCovered === null,
    notCovered: f.notCovered,
    facility: f.facility,
    holder: {
      personalId: f.holder.personalId,
      fullName: f.holder.fullName,
      dateOfBirth: f.holder.dateOfBirth,
      gender: f.holder.gender,
    },
    card: f.card,
  };
}
