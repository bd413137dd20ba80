/**
 * The HI coverage check's lookups, as named prepared statements: one round trip each, prepared
 * once per database handle. The card in force on the date wins; with several (two employers), the
 * higher benefit level, then the latest (then the later id). The same row says whether that card is locked or
 * withdrawn that day (hi_card_locks, migration 0027: one index probe), so a covered answer stays
 * one query; the not-covered answer reads the person's other cards once more (`cardsAround`).
 */
import { and, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../client';
import { hiCardLocks, hiCards, participants } from '../schema';

const CARD_COLUMNS = {
  cardId: hiCards.id,
  cardCode: hiCards.cardCode,
  benefitLevel: hiCards.benefitLevel,
  initialFacilityCode: hiCards.initialFacilityCode,
  payerKind: hiCards.payerKind,
  payerTaxCode: hiCards.payerTaxCode,
  validFrom: hiCards.validFrom,
  validTo: hiCards.validTo,
  fiveYearsFrom: hiCards.fiveYearsFrom,
};

export function prepareCoverageLookups(db: Db) {
  const date = sql.placeholder('date');
  const inForce = and(
    eq(hiCards.personalId, participants.personalId),
    lte(hiCards.validFrom, date),
    or(isNull(hiCards.validTo), gte(hiCards.validTo, date)),
  );
  // The lock of that card in effect on the date, as "kind effective_from" (null: none).
  const lock = sql<string | null>`(select ${hiCardLocks.kind} || ' ' || ${hiCardLocks.effectiveFrom}::text
      from ${hiCardLocks}
     where ${hiCardLocks.cardId} = ${hiCards.id} and ${hiCardLocks.effectiveFrom} <= ${date}
       and (${hiCardLocks.liftedOn} is null or ${hiCardLocks.liftedOn} > ${date})
     order by ${hiCardLocks.effectiveFrom} desc, ${hiCardLocks.id} desc limit 1)`;
  const select = (cardFilter?: ReturnType<typeof eq>) =>
    db
      .select({
        personalId: participants.personalId,
        siNumber: participants.siNumber,
        fullName: participants.fullName,
        dateOfBirth: participants.dateOfBirth,
        gender: participants.gender,
        ...CARD_COLUMNS,
        lock,
      })
      .from(participants)
      .leftJoin(hiCards, cardFilter ? and(inForce, cardFilter) : inForce);
  // Ties broken by the card's id, so the answer is one answer (the in-memory index of
  // services/coverage-store.ts breaks them the same way).
  const order = [sql`${hiCards.benefitLevel} desc nulls last`, sql`${hiCards.validFrom} desc`, sql`${hiCards.id} desc`];
  return {
    byPerson: select()
      .where(eq(participants.personalId, sql.placeholder('personalId')))
      .orderBy(...order)
      .limit(1)
      .prepare('coverage_by_person'),
    bySiNumber: select()
      .where(eq(participants.siNumber, sql.placeholder('siNumber')))
      .orderBy(...order)
      .limit(1)
      .prepare('coverage_by_si_number'),
    byCard: select(eq(hiCards.cardCode, sql.placeholder('card')))
      .where(
        eq(
          participants.personalId,
          sql`(select personal_id from hi_cards where card_code = ${sql.placeholder('card')} order by valid_from desc, personal_id desc limit 1)`,
        ),
      )
      .orderBy(...order)
      .limit(1)
      .prepare('coverage_by_card'),
  };
}

export type CoverageLookups = ReturnType<typeof prepareCoverageLookups>;

/** One of card, personalId or siNumber (the card wins, then the personal ID). */
export interface CoverageKey {
  card?: string | undefined;
  personalId?: string | undefined;
  siNumber?: string | undefined;
  date: string;
}

/** The holder and the card in force on `date` with its lock, by card code, personal ID or SI number (one prepared statement). */
export async function lookUpCoverage(lookups: CoverageLookups, q: CoverageKey) {
  const [row] = q.card
    ? await lookups.byCard.execute({ card: q.card, date: q.date })
    : q.personalId
      ? await lookups.byPerson.execute({ personalId: q.personalId, date: q.date })
      : await lookups.bySiNumber.execute({ siNumber: q.siNumber, date: q.date });
  return row;
}

export type CoverageRow = NonNullable<Awaited<ReturnType<typeof lookUpCoverage>>>;

/**
 * Every card of a person (only those with that code when `card` is given), with why each stopped
 * early: read only on the not-covered path, to tell which card ended last and why, or which starts
 * next. A person holds a few cards in a lifetime.
 */
export async function cardsAround(exec: Executor, q: { personalId: string; card?: string | undefined }) {
  return exec
    .select({ ...CARD_COLUMNS, endReason: hiCards.endReason })
    .from(hiCards)
    .where(and(eq(hiCards.personalId, q.personalId), q.card ? eq(hiCards.cardCode, q.card) : undefined))
    .orderBy(asc(hiCards.validFrom), asc(hiCards.id));
}

export type CardAround = Awaited<ReturnType<typeof cardsAround>>[number];
