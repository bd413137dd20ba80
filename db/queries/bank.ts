/**
 * The collection account's statement lines and employers' payment announcements: the statements
 * of services/bank.ts, each inside the caller's transaction (or on the database for reads).
 */
import { and, asc, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../domain/calendar';
import { queryRows, type Executor, type Tx } from '../client';
import { bankLines, employers, paymentAllocations, paymentAnnouncements, payments } from '../schema';

export type BankLineRow = typeof bankLines.$inferSelect;

/** The announcement matched to a bank line, if any. */
export async function announcementOfLine(exec: Executor, lineId: number): Promise<number | null> {
  const [a] = await exec
    .select({ id: paymentAnnouncements.id })
    .from(paymentAnnouncements)
    .where(eq(paymentAnnouncements.bankLineId, lineId));
  return a ? Number(a.id) : null;
}

/** Pending announcements (locked) whose reference is one of the tokens, of any employer or of one. */
export async function pendingAnnouncementsWith(tx: Tx, tokens: string[], taxCode?: string) {
  const rows = await tx
    .select({ id: paymentAnnouncements.id, taxCode: paymentAnnouncements.employerTaxCode })
    .from(paymentAnnouncements)
    .where(
      and(
        eq(paymentAnnouncements.status, 'pending'),
        inArray(sql`upper(${paymentAnnouncements.reference})`, tokens),
        ...(taxCode ? [eq(paymentAnnouncements.employerTaxCode, taxCode)] : []),
      ),
    )
    .for('update');
  return rows.map((r) => ({ id: Number(r.id), taxCode: r.taxCode }));
}

/** A pending announcement becomes matched to a line. */
export async function markAnnouncementMatched(tx: Tx, announcementId: number, lineId: number): Promise<void> {
  await tx
    .update(paymentAnnouncements)
    .set({ status: 'matched', bankLineId: lineId, matchedAt: sql`now()` })
    .where(and(eq(paymentAnnouncements.id, announcementId), eq(paymentAnnouncements.status, 'pending')));
}

/** Stores a line unless its bank reference is stored already (then undefined: the caller reads the stored one). */
export async function insertBankLine(tx: Tx, values: typeof bankLines.$inferInsert): Promise<BankLineRow | undefined> {
  const [row] = await tx
    .insert(bankLines)
    .values(values)
    .onConflictDoNothing({ target: bankLines.bankReference })
    .returning();
  return row;
}

export async function bankLineByReference(tx: Tx, bankReference: string): Promise<BankLineRow | undefined> {
  const [seen] = await tx.select().from(bankLines).where(eq(bankLines.bankReference, bankReference));
  return seen;
}

/** Sets columns of a line; returns it as it now stands. */
export type BankLineUpdate = Partial<typeof bankLines.$inferInsert>;

export async function updateBankLine(tx: Tx, id: number, set: BankLineUpdate): Promise<BankLineRow | undefined> {
  const [done] = await tx.update(bankLines).set(set).where(eq(bankLines.id, id)).returning();
  return done;
}

/** An officer's assignment: the line is booked to the employer's payment, resolved now(). */
export async function resolveBankLine(
  tx: Tx,
  id: number,
  r: { employerTaxCode: string; paymentId: number; resolvedBy: string },
): Promise<BankLineRow | undefined> {
  const [done] = await tx
    .update(bankLines)
    .set({
      status: 'booked',
      employerTaxCode: r.employerTaxCode,
      paymentId: r.paymentId,
      resolvedBy: r.resolvedBy,
      resolvedAt: sql`now()`,
    })
    .where(eq(bankLines.id, id))
    .returning();
  return done;
}

/** The line, locked for the transaction. */
export async function lockBankLine(tx: Tx, id: number): Promise<BankLineRow | undefined> {
  const [row] = await tx.select().from(bankLines).where(eq(bankLines.id, id)).for('update');
  return row;
}

/** Which of these tax codes are registered employers. */
export async function registeredTaxCodes(tx: Tx, taxCodes: string[]): Promise<string[]> {
  return (await tx.select({ t: employers.taxCode }).from(employers).where(inArray(employers.taxCode, taxCodes))).map(
    (r) => r.t,
  );
}

/** The stored lines with these bank references (at most a page of them). */
export async function bankLinesByReferences(exec: Executor, bankReferences: string[]): Promise<BankLineRow[]> {
  return exec.select().from(bankLines).where(inArray(bankLines.bankReference, bankReferences));
}

/** The announcements matched to these lines: line id → announcement id. */
export async function announcementsOfLines(exec: Executor, lineIds: number[]): Promise<Map<number, number>> {
  const rows = await exec
    .select({ id: paymentAnnouncements.id, lineId: paymentAnnouncements.bankLineId })
    .from(paymentAnnouncements)
    .where(inArray(paymentAnnouncements.bankLineId, lineIds));
  return new Map(rows.map((a) => [Number(a.lineId), Number(a.id)]));
}

/** Suspense lines after an id, oldest first, at most `limit`. */
export async function suspenseLines(exec: Executor, after: number, limit: number): Promise<BankLineRow[]> {
  return exec
    .select()
    .from(bankLines)
    .where(and(eq(bankLines.status, 'suspense'), gt(bankLines.id, after)))
    .orderBy(asc(bankLines.id))
    .limit(limit);
}

export interface AnnouncementView {
  announcementId: number;
  reference: string;
  amount: string;
  expectedValueDate: IsoDate;
  status: 'pending' | 'matched';
  /** The bank line that matched it, and the payment booked from that line. */
  bankReference: string | null;
  paymentId: number | null;
  announcedAt: string;
}

/** Announcements with the bank line that matched each, by a condition, in the order given. */
async function announcementViews(exec: Executor, where: SQL, order: SQL[], limit = 1000): Promise<AnnouncementView[]> {
  const rows = await exec
    .select({ a: paymentAnnouncements, bankReference: bankLines.bankReference, paymentId: bankLines.paymentId })
    .from(paymentAnnouncements)
    .leftJoin(bankLines, eq(bankLines.id, paymentAnnouncements.bankLineId))
    .where(where)
    .orderBy(...order)
    .limit(limit);
  return rows.map((r) => ({
    announcementId: Number(r.a.id),
    reference: r.a.reference,
    amount: r.a.amount,
    expectedValueDate: r.a.expectedValueDate,
    status: r.a.status as 'pending' | 'matched',
    bankReference: r.bankReference ?? null,
    paymentId: r.paymentId === null || r.paymentId === undefined ? null : Number(r.paymentId),
    announcedAt: r.a.announcedAt.toISOString(),
  }));
}

export const announcementView = async (exec: Executor, id: number): Promise<AnnouncementView> =>
  (await announcementViews(exec, eq(paymentAnnouncements.id, id), []))[0]!;

/** An employer's announcements, pending first, then matched; newest first; at most `limit`. */
export async function announcementsOfEmployer(
  exec: Executor,
  taxCode: string,
  limit: number,
): Promise<AnnouncementView[]> {
  return announcementViews(
    exec,
    eq(paymentAnnouncements.employerTaxCode, taxCode),
    [desc(sql`${paymentAnnouncements.status} = 'pending'`), desc(paymentAnnouncements.id)],
    limit,
  );
}

/** Stores an announcement unless the employer announced this reference already (then undefined). */
export async function insertAnnouncement(
  tx: Tx,
  values: typeof paymentAnnouncements.$inferInsert,
): Promise<number | undefined> {
  const [row] = await tx
    .insert(paymentAnnouncements)
    .values(values)
    .onConflictDoNothing({ target: [paymentAnnouncements.employerTaxCode, paymentAnnouncements.reference] })
    .returning({ id: paymentAnnouncements.id });
  return row ? Number(row.id) : undefined;
}

export async function announcementByReference(tx: Tx, taxCode: string, reference: string) {
  const [seen] = await tx
    .select()
    .from(paymentAnnouncements)
    .where(and(eq(paymentAnnouncements.employerTaxCode, taxCode), eq(paymentAnnouncements.reference, reference)));
  return seen;
}

/** An employer's payments, newest first, each with what is allocated of it; at most `limit`. */
export async function paymentsWithAllocated(exec: Executor, taxCode: string, limit: number) {
  return queryRows<{ id: string; bank_reference: string; amount: string; value_date: string; allocated: string }>(
    exec,
    sql`select p.id::text, p.bank_reference, p.amount::text, p.value_date::text,
               coalesce((select sum(a.principal + a.interest) from ${paymentAllocations} a where a.payment_id = p.id), 0)::text as allocated
          from ${payments} p where p.employer_tax_code = ${taxCode} order by p.id desc limit ${limit}`,
  );
}
