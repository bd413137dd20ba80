/**
 * Onboarding dossiers and the employer rows they register: the statements of the onboarding
 * activities (activities/onboarding.ts), inside the caller's transaction.
 */
import { and, asc, between, eq, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../client';
import { employers, onboardingRequestEmployees, onboardingRequests } from '../schema';

export async function findRequest(tx: Tx, requestId: string) {
  const [req] = await tx.select().from(onboardingRequests).where(eq(onboardingRequests.id, requestId));
  return req;
}

/** Sets columns of a dossier; updated_at is now(). */
export async function updateRequest(
  tx: Tx,
  requestId: string,
  set: Partial<typeof onboardingRequests.$inferInsert>,
): Promise<void> {
  await tx
    .update(onboardingRequests)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(onboardingRequests.id, requestId));
}

/** The dossier's employee lines fromLine..toLine, in line order (data as stored). */
export async function requestLines(tx: Tx, requestId: string, fromLine: number, toLine: number) {
  return tx
    .select()
    .from(onboardingRequestEmployees)
    .where(
      and(
        eq(onboardingRequestEmployees.requestId, requestId),
        between(onboardingRequestEmployees.line, fromLine, toLine),
      ),
    )
    .orderBy(asc(onboardingRequestEmployees.line));
}

export async function insertEmployer(tx: Tx, values: typeof employers.$inferInsert): Promise<void> {
  await tx.insert(employers).values(values);
}

/** Sets columns of an employer; updated_at is now(). */
export async function updateEmployer(
  tx: Tx,
  taxCode: string,
  set: Partial<typeof employers.$inferInsert>,
): Promise<void> {
  await tx
    .update(employers)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(employers.taxCode, taxCode));
}

/** The next unit-code serial. */
export async function nextUnitSerial(tx: Tx): Promise<number> {
  const [seq] = await queryRows<{ n: number }>(tx, sql`select nextval('unit_code_seq')::int as n`);
  return Number(seq!.n);
}
