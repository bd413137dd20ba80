/**
 * The HI coverage check's two lookups, as named prepared statements: one round trip each, prepared
 * once per database handle. The card in force on the date wins; with several (two employers), the
 * higher benefit level, then the latest.
 */
import { and, eq, gt, gte, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { hiCards, participants } from '../schema';

export function prepareCoverageLookups(db: Db) {
  const date = sql.placeholder('date');
  const inForce = and(
    eq(hiCards.personalId, participants.personalId),
    lte(hiCards.validFrom, date),
    or(isNull(hiCards.validTo), gte(hiCards.validTo, date)),
  );
  const select = (cardFilter?: ReturnType<typeof eq>) =>
    db
      .select({
        personalId: participants.personalId,
        fullName: participants.fullName,
        dateOfBirth: participants.dateOfBirth,
        gender: participants.gender,
        cardCode: hiCards.cardCode,
        benefitLevel: hiCards.benefitLevel,
        initialFacilityCode: hiCards.initialFacilityCode,
        payerKind: hiCards.payerKind,
        payerTaxCode: hiCards.payerTaxCode,
        validFrom: hiCards.validFrom,
        validTo: hiCards.validTo,
        fiveYearsFrom: hiCards.fiveYearsFrom,
      })
      .from(participants)
      .leftJoin(hiCards, cardFilter ? and(inForce, cardFilter) : inForce);
  const order = [sql`${hiCards.benefitLevel} desc nulls last`, sql`${hiCards.validFrom} desc`];
  return {
    byPerson: select()
      .where(eq(participants.personalId, sql.placeholder('personalId')))
      .orderBy(...order)
      .limit(1)
      .prepare('coverage_by_person'),
    byCard: select(eq(hiCards.cardCode, sql.placeholder('card')))
      .where(
        eq(
          participants.personalId,
          sql`(select personal_id from hi_cards where card_code = ${sql.placeholder('card')} order by valid_from desc limit 1)`,
        ),
      )
      .orderBy(...order)
      .limit(1)
      .prepare('coverage_by_card'),
  };
}

export type CoverageLookups = ReturnType<typeof prepareCoverageLookups>;

/** The holder and the card in force on `date`, by card code or else by personal ID (one prepared statement). */
export async function lookUpCoverage(
  lookups: CoverageLookups,
  q: { card?: string | undefined; personalId?: string | undefined; date: string },
) {
  const [row] = q.card
    ? await lookups.byCard.execute({ card: q.card, date: q.date })
    : await lookups.byPerson.execute({ personalId: q.personalId, date: q.date });
  return row;
}

/**
 * When a person is not covered on `date`: the last day of their latest card that ended before it
 * and the first day of their earliest card that starts after it (only that card when `card` is
 * given). Read only on the not-covered path, so the covered answer stays one query.
 */
export async function coverageGapOf(
  db: Db,
  q: { personalId: string; card?: string | undefined; date: string },
): Promise<{ lastEnded: string | null; nextStarts: string | null }> {
  const [row] = await db
    .select({
      lastEnded: sql<string | null>`(max(case when ${lt(hiCards.validTo, q.date)} then ${hiCards.validTo} end))::text`,
      nextStarts: sql<
        string | null
      >`(min(case when ${gt(hiCards.validFrom, q.date)} then ${hiCards.validFrom} end))::text`,
    })
    .from(hiCards)
    .where(and(eq(hiCards.personalId, q.personalId), q.card ? eq(hiCards.cardCode, q.card) : undefined));
  return { lastEnded: row?.lastEnded ?? null, nextStarts: row?.nextStarts ?? null };
}
