/**
 * Participants, their employments, salary history, unpaid-leave months and the HI cards their
 * employers pay: the statements of a hire (onboarding or a declaration), of the other
 * declarations, and the lookups a claim needs. Each runs inside the caller's transaction.
 */
import { and, desc, eq, gte, inArray, isNull, lte, min, or, sql } from 'drizzle-orm';
import type { IsoDate, Month } from '../../domain/calendar';
import { queryRows, type Executor, type Tx } from '../client';
import { employments, hiCards, participants, salaryHistory, unpaidLeaveMonths } from '../schema';

export type ParticipantRecord = typeof participants.$inferSelect;

export async function participantExists(exec: Executor, personalId: string): Promise<boolean> {
  const [person] = await exec
    .select({ id: participants.personalId })
    .from(participants)
    .where(eq(participants.personalId, personalId));
  return person !== undefined;
}

export async function participantsByIds(tx: Tx, personalIds: string[]): Promise<ParticipantRecord[]> {
  return tx.select().from(participants).where(inArray(participants.personalId, personalIds));
}

/** Name, date of birth and gender of the people with these personal IDs (the identity a dossier must match). */
export async function identitiesOf(tx: Tx, personalIds: string[]) {
  return tx
    .select({
      personalId: participants.personalId,
      fullName: participants.fullName,
      dateOfBirth: participants.dateOfBirth,
      gender: participants.gender,
    })
    .from(participants)
    .where(inArray(participants.personalId, personalIds));
}

/** `count` new social insurance serial numbers. */
export async function nextSiSerials(tx: Tx, count: number): Promise<{ n: number }[]> {
  return queryRows<{ n: number }>(tx, sql`select nextval('si_number_seq')::int as n from generate_series(1, ${count})`);
}

export async function insertParticipants(tx: Tx, rows: (typeof participants.$inferInsert)[]): Promise<void> {
  await tx.insert(participants).values(rows);
}

/** Inserts the employments not there yet; returns those it inserted. */
export async function insertEmployments(tx: Tx, rows: (typeof employments.$inferInsert)[]) {
  return tx
    .insert(employments)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: employments.id, personalId: employments.personalId, startMonth: employments.startMonth });
}

/** The employments of these people with this employer. */
export async function employmentsAt(tx: Tx, taxCode: string, personalIds: string[]) {
  return tx
    .select({ id: employments.id, personalId: employments.personalId, startMonth: employments.startMonth })
    .from(employments)
    .where(and(eq(employments.employerTaxCode, taxCode), inArray(employments.personalId, personalIds)));
}

/** Everyone employed (now or before) by the employer. */
export async function personalIdsEmployedBy(tx: Tx, taxCode: string): Promise<string[]> {
  const people = await tx
    .select({ id: employments.personalId })
    .from(employments)
    .where(eq(employments.employerTaxCode, taxCode));
  return people.map((p) => p.id);
}

/** The first month the person was employed, by anyone; null when never. */
export async function firstEmploymentMonth(tx: Tx, personalId: string): Promise<Month | null> {
  const [first] = await tx
    .select({ month: min(employments.startMonth) })
    .from(employments)
    .where(eq(employments.personalId, personalId));
  return first?.month ?? null;
}

/** The person's employment with the employer in force in the month (the latest started). */
export async function employmentInForce(tx: Tx, taxCode: string, personalId: string, month: Month) {
  const [job] = await tx
    .select()
    .from(employments)
    .where(
      and(
        eq(employments.employerTaxCode, taxCode),
        eq(employments.personalId, personalId),
        lte(employments.startMonth, month),
        or(isNull(employments.endMonth), gte(employments.endMonth, month)),
      ),
    )
    .orderBy(desc(employments.startMonth))
    .limit(1);
  return job;
}

/**
 * `employmentInForce` for many (person, month) pairs of one employer in one query: each pair's
 * answer, by the pair's `personalId|month`, absent when none is in force.
 */
export async function employmentsInForce(
  tx: Tx,
  taxCode: string,
  pairs: { personalId: string; month: Month }[],
): Promise<Map<string, { id: number; startMonth: Month }>> {
  const unique = [
    ...new Map(pairs.map((x) => [`${x.personalId}|${x.month}`, { p: x.personalId, m: x.month }])).values(),
  ];
  if (!unique.length) return new Map();
  const rows = await queryRows<{ p: string; m: string; id: string | number; start_month: string }>(
    tx,
    sql`select q.p, q.m, e.id, e.start_month
          from json_to_recordset(${JSON.stringify(unique)}::json) as q(p text, m text)
          cross join lateral (
            select id, start_month from employments
             where employer_tax_code = ${taxCode} and personal_id = q.p and start_month <= q.m
               and (end_month is null or end_month >= q.m)
             order by start_month desc limit 1) e`,
  );
  return new Map(rows.map((r) => [`${r.p}|${r.m}`, { id: Number(r.id), startMonth: r.start_month as Month }]));
}

export async function endEmployment(tx: Tx, employmentId: number, endMonth: Month): Promise<void> {
  await tx.update(employments).set({ endMonth }).where(eq(employments.id, employmentId));
}

/** Salary rows not there yet (an employment's starting salary). */
export async function insertSalaries(tx: Tx, rows: (typeof salaryHistory.$inferInsert)[]): Promise<void> {
  await tx.insert(salaryHistory).values(rows).onConflictDoNothing();
}

/** A salary from a month on: a second change for the same month replaces the first. */
export async function upsertSalary(tx: Tx, employmentId: number, effectiveMonth: Month, amount: string): Promise<void> {
  await tx
    .insert(salaryHistory)
    .values({ employmentId, effectiveMonth, amount })
    .onConflictDoUpdate({
      target: [salaryHistory.employmentId, salaryHistory.effectiveMonth],
      set: { amount: sql`excluded.amount` },
    });
}

export async function insertUnpaidLeaveMonth(
  tx: Tx,
  employmentId: number,
  month: Month,
  declarationId: number,
): Promise<void> {
  await tx.insert(unpaidLeaveMonths).values({ employmentId, month, declarationId }).onConflictDoNothing();
}

/** Rows per INSERT of a large declaration batch (one JSON parameter a statement). */
const ROWS_PER_INSERT = 2000;

/**
 * `upsertSalary` for many rows, by multi-row INSERTs: a pair (employment, month) given twice is
 * written once where it first appears, with its last amount (as the row-by-row upserts would).
 */
export async function upsertSalaries(
  tx: Tx,
  rows: { employmentId: number; effectiveMonth: Month; amount: string }[],
): Promise<void> {
  const byPair = new Map<string, { employmentId: number; effectiveMonth: Month; amount: string }>();
  for (const r of rows) {
    const k = `${r.employmentId}|${r.effectiveMonth}`;
    const first = byPair.get(k);
    if (first) first.amount = r.amount;
    else byPair.set(k, { ...r });
  }
  const unique = [...byPair.values()];
  for (let i = 0; i < unique.length; i += ROWS_PER_INSERT) {
    const chunk = unique
      .slice(i, i + ROWS_PER_INSERT)
      .map((r) => ({ e: r.employmentId, m: r.effectiveMonth, a: r.amount }));
    await tx.execute(
      sql`insert into salary_history (employment_id, effective_month, amount)
          select x.e, x.m, x.a from rows from (json_to_recordset(${JSON.stringify(chunk)}::json) as (e bigint, m text, a numeric))
                 with ordinality as x(e, m, a, n)
           order by x.n
          on conflict (employment_id, effective_month) do update set amount = excluded.amount`,
    );
  }
}

/** `insertUnpaidLeaveMonth` for many rows: a month already recorded (or given twice) keeps its first declaration. */
export async function insertUnpaidLeaveMonths(
  tx: Tx,
  rows: { employmentId: number; month: Month; declarationId: number }[],
): Promise<void> {
  const byPair = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!byPair.has(`${r.employmentId}|${r.month}`)) byPair.set(`${r.employmentId}|${r.month}`, r);
  const unique = [...byPair.values()];
  for (let i = 0; i < unique.length; i += ROWS_PER_INSERT)
    await tx
      .insert(unpaidLeaveMonths)
      .values(unique.slice(i, i + ROWS_PER_INSERT))
      .onConflictDoNothing();
}

/** Inserts the HI cards not issued yet; returns the ids of those it inserted. */
export async function insertHiCards(tx: Tx, rows: (typeof hiCards.$inferInsert)[]) {
  return tx.insert(hiCards).values(rows).onConflictDoNothing().returning({ id: hiCards.id });
}

/**
 * The employer-paid HI card of an employment (from its first day) ends on a day: the person leaves
 * the scheme with the employment (HI Law Art.16(4)(c)), so the card is marked as ended early.
 */
export async function endEmployerHiCard(
  tx: Tx,
  personalId: string,
  taxCode: string,
  validFrom: IsoDate,
  validTo: IsoDate,
): Promise<void> {
  await tx
    .update(hiCards)
    .set({ validTo, endReason: 'left_scheme' })
    .where(
      and(
        eq(hiCards.personalId, personalId),
        eq(hiCards.payerKind, 'employer'),
        eq(hiCards.payerTaxCode, taxCode),
        eq(hiCards.validFrom, validFrom),
      ),
    );
}
