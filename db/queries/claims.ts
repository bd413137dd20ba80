/**
 * Unemployment claims, their benefit months and the HI card the UI fund pays: every statement the
 * claim activities (activities/claims.ts) and the filing (services/claim-filing.ts) run, each
 * inside the caller's transaction.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { IsoDate } from '../../domain/calendar';
import { queryRows, type Executor, type Tx } from '../client';
import { lockKey } from './audit';
import { firstMonthOfPerson } from './partitions';
import { hiCards, OPEN_CLAIM_STATUSES, participants, uiClaimMonths, uiClaims } from '../schema';

export type ClaimRecord = typeof uiClaims.$inferSelect;
export type ClaimMonthRecord = typeof uiClaimMonths.$inferSelect;

/** The claim row, locked for the transaction; undefined when there is none. */
export async function lockClaimRow(tx: Tx, claimId: string): Promise<ClaimRecord | undefined> {
  const [c] = await tx.select().from(uiClaims).where(eq(uiClaims.id, claimId)).for('update');
  return c;
}

export async function findClaim(exec: Executor, claimId: string): Promise<ClaimRecord | undefined> {
  const [c] = await exec.select().from(uiClaims).where(eq(uiClaims.id, claimId));
  return c;
}

/** Sets columns of a claim; updated_at is now(). */
export async function updateClaim(tx: Tx, claimId: string, set: Partial<typeof uiClaims.$inferInsert>): Promise<void> {
  await tx
    .update(uiClaims)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(uiClaims.id, claimId));
}

/** Serialises filings for one person (a transaction-scoped advisory lock). */
export async function lockClaimsOf(tx: Tx, personalId: string): Promise<void> {
  await lockKey(tx, `claim:${personalId}`);
}

/** The person's open claim (intake, awaiting a decision, active or suspended), if any. */
export async function openClaimOf(tx: Tx, personalId: string): Promise<ClaimRecord | undefined> {
  const [open] = await tx
    .select()
    .from(uiClaims)
    .where(and(eq(uiClaims.personalId, personalId), inArray(uiClaims.status, [...OPEN_CLAIM_STATUSES])));
  return open;
}

/** The open claims of these people (the officer of each is its deciding officer). */
export async function openClaimsOf(tx: Tx, personalIds: string[]) {
  return tx
    .select({
      id: uiClaims.id,
      personalId: uiClaims.personalId,
      status: uiClaims.status,
      decidedBy: uiClaims.decidedBy,
    })
    .from(uiClaims)
    .where(and(inArray(uiClaims.personalId, personalIds), inArray(uiClaims.status, [...OPEN_CLAIM_STATUSES])));
}

export async function insertClaim(tx: Tx, values: typeof uiClaims.$inferInsert): Promise<string> {
  const [row] = await tx.insert(uiClaims).values(values).returning({ id: uiClaims.id });
  return row!.id;
}

/**
 * The months credited on the person's e-book up to a month (paid in full by the employer), with their
 * salary. Bounded below by the person's first employment, so only the partitions of their working
 * years are read (db/queries/partitions.ts).
 */
export async function creditedMonths(
  tx: Tx,
  personalId: string,
  upTo: string,
): Promise<{ month: string; salary: string }[]> {
  return queryRows<{ month: string; salary: string }>(
    tx,
    sql`select period as month, sum(salary)::text as salary from contribution_months
         where personal_id = ${personalId} and status = 'credited'
           and period >= ${firstMonthOfPerson(personalId)} and period <= ${upTo}
         group by period order by period`,
  );
}

export async function lockMonth(tx: Tx, claimId: string, index: number): Promise<ClaimMonthRecord | undefined> {
  const [m] = await tx
    .select()
    .from(uiClaimMonths)
    .where(and(eq(uiClaimMonths.claimId, claimId), eq(uiClaimMonths.idx, index)))
    .for('update');
  return m;
}

export async function setMonth(
  tx: Tx,
  claimId: string,
  index: number,
  set: Partial<typeof uiClaimMonths.$inferInsert>,
): Promise<void> {
  await tx
    .update(uiClaimMonths)
    .set(set)
    .where(and(eq(uiClaimMonths.claimId, claimId), eq(uiClaimMonths.idx, index)));
}

export async function monthRowsOf(exec: Executor, claimId: string): Promise<ClaimMonthRecord[]> {
  return exec.select().from(uiClaimMonths).where(eq(uiClaimMonths.claimId, claimId)).orderBy(uiClaimMonths.idx);
}

export async function insertMonths(tx: Tx, rows: (typeof uiClaimMonths.$inferInsert)[]): Promise<void> {
  await tx.insert(uiClaimMonths).values(rows);
}

/** Months not yet paid (scheduled or reported) are cancelled. */
export async function cancelOpenMonths(tx: Tx, claimId: string): Promise<void> {
  await tx
    .update(uiClaimMonths)
    .set({ status: 'cancelled' })
    // A reported month is owed (issue 14 part 4: the bank pays it after a termination too).
    .where(and(eq(uiClaimMonths.claimId, claimId), inArray(uiClaimMonths.status, ['scheduled'])));
}

export async function findParticipant(exec: Executor, personalId: string) {
  const [p] = await exec.select().from(participants).where(eq(participants.personalId, personalId));
  return p;
}

/** Issued once: the business key (person, payer, start date) makes a repeat a no-op. */
export async function insertHiCardOnce(tx: Tx, values: typeof hiCards.$inferInsert): Promise<void> {
  await tx.insert(hiCards).values(values).onConflictDoNothing();
}

/** The UI fund's HI card of a benefit period, locked. */
export async function lockUiHiCard(tx: Tx, personalId: string, validFrom: IsoDate) {
  const [card] = await tx
    .select()
    .from(hiCards)
    .where(and(eq(hiCards.personalId, personalId), eq(hiCards.payerKind, 'ui_fund'), eq(hiCards.validFrom, validFrom)))
    .for('update');
  return card;
}

/** The card ends early, on `validTo`, because the person leaves the scheme (the benefit was terminated; HI Law Art.16(4)(c)). */
export async function setHiCardValidTo(tx: Tx, cardId: number, validTo: IsoDate): Promise<void> {
  await tx.update(hiCards).set({ validTo, endReason: 'left_scheme' }).where(eq(hiCards.id, cardId));
}
