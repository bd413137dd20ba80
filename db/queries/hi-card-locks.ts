/**
 * Card locks and withdrawals (issue 15, migration 0027): the cards a person holds in force on a
 * day, the rows of one decision (its reference), written and lifted inside the caller's
 * transaction.
 */
import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { hiCardLocks, hiCards, participants } from '../schema';

/** Locks the participant's row for the decision (two officers deciding at once wait for each other); false: unknown. */
export async function lockParticipantForCard(tx: Tx, personalId: string): Promise<boolean> {
  const [p] = await tx
    .select({ id: participants.personalId })
    .from(participants)
    .where(eq(participants.personalId, personalId))
    .for('update');
  return p !== undefined;
}

/** The person's cards in force on a day (one per payer) and the lock open on each, if any. */
export async function cardsInForceOn(tx: Tx, personalId: string, day: string) {
  return tx
    .select({
      id: hiCards.id,
      cardCode: hiCards.cardCode,
      openLock: sql<string | null>`(select ${hiCardLocks.reference} from ${hiCardLocks}
          where ${hiCardLocks.cardId} = ${hiCards.id} and ${hiCardLocks.liftedOn} is null limit 1)`,
    })
    .from(hiCards)
    .where(
      and(
        eq(hiCards.personalId, personalId),
        lte(hiCards.validFrom, day),
        or(isNull(hiCards.validTo), gte(hiCards.validTo, day)),
      ),
    )
    .orderBy(hiCards.id);
}

/** The rows of one decision about a person (one per card), locked. */
export async function locksOfDecision(tx: Tx, personalId: string, reference: string) {
  return tx
    .select({
      id: hiCardLocks.id,
      cardCode: hiCards.cardCode,
      kind: hiCardLocks.kind,
      ground: hiCardLocks.ground,
      effectiveFrom: hiCardLocks.effectiveFrom,
      liftedOn: hiCardLocks.liftedOn,
    })
    .from(hiCardLocks)
    .innerJoin(hiCards, eq(hiCards.id, hiCardLocks.cardId))
    .where(and(eq(hiCardLocks.personalId, personalId), eq(hiCardLocks.reference, reference)))
    .orderBy(hiCardLocks.id)
    .for('update', { of: hiCardLocks });
}

export async function insertHiCardLocks(tx: Tx, rows: (typeof hiCardLocks.$inferInsert)[]): Promise<void> {
  await tx.insert(hiCardLocks).values(rows);
}

export async function liftHiCardLocks(
  tx: Tx,
  q: { personalId: string; reference: string; liftedOn: string; liftedBy: string; liftedAt: Date },
): Promise<void> {
  await tx
    .update(hiCardLocks)
    .set({ liftedOn: q.liftedOn, liftedBy: q.liftedBy, liftedAt: q.liftedAt })
    .where(
      and(
        eq(hiCardLocks.personalId, q.personalId),
        eq(hiCardLocks.reference, q.reference),
        isNull(hiCardLocks.liftedOn),
      ),
    );
}
