/**
 * Benefit payments into bank accounts (issue 14 part 4, migration 0018): participants' accounts,
 * the payment runs' files, and each month's credit transfers — every statement of
 * services/bank-accounts.ts, services/payment-files.ts and services/bank-returns.ts, inside the
 * caller's transaction.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { IsoDate } from '../../domain/calendar';
import { queryRows, type Executor, type Tx } from '../client';
import {
  bankAccounts,
  dataUpdateRequests,
  paymentFiles,
  paymentInstructions,
  participants,
  uiClaimMonths,
} from '../schema';

export type BankAccountRecord = typeof bankAccounts.$inferSelect;
export type PaymentFileRecord = typeof paymentFiles.$inferSelect;
export type PaymentInstructionRecord = typeof paymentInstructions.$inferSelect;

export async function participantName(exec: Executor, personalId: string): Promise<string | undefined> {
  const [p] = await exec
    .select({ fullName: participants.fullName })
    .from(participants)
    .where(eq(participants.personalId, personalId));
  return p?.fullName;
}

/** The person's accounts, locked (proposals and verifications of one person are serialised). */
export async function lockAccountsOf(tx: Tx, personalId: string): Promise<BankAccountRecord[]> {
  return tx
    .select()
    .from(bankAccounts)
    .where(eq(bankAccounts.personalId, personalId))
    .orderBy(asc(bankAccounts.id))
    .for('update');
}

export async function accountsOf(exec: Executor, personalId: string): Promise<BankAccountRecord[]> {
  return exec.select().from(bankAccounts).where(eq(bankAccounts.personalId, personalId)).orderBy(desc(bankAccounts.id));
}

export async function insertAccount(tx: Tx, row: typeof bankAccounts.$inferInsert): Promise<BankAccountRecord> {
  const [r] = await tx.insert(bankAccounts).values(row).returning();
  return r!;
}

export async function setAccount(tx: Tx, id: number, set: Partial<typeof bankAccounts.$inferInsert>): Promise<void> {
  await tx
    .update(bankAccounts)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(bankAccounts.id, id));
}

/** The accounts still in clear (written before migration 0024), locked, to be sealed. */
export async function lockClearAccounts(tx: Tx): Promise<{ id: number; personalId: string; accountNumber: string }[]> {
  const rows = await tx
    .select({ id: bankAccounts.id, personalId: bankAccounts.personalId, accountNumber: bankAccounts.accountNumber })
    .from(bankAccounts)
    .where(isNotNull(bankAccounts.accountNumber))
    .orderBy(asc(bankAccounts.id))
    .for('update');
  return rows.map((r) => ({ ...r, accountNumber: r.accountNumber! }));
}

/** The `bank_account` data-update requests whose values still hold the number in clear, locked. */
export async function lockClearAccountRequests(
  tx: Tx,
): Promise<{ id: number; personalId: string; requested: Record<string, string> }[]> {
  const rows = await tx
    .select({
      id: dataUpdateRequests.id,
      personalId: dataUpdateRequests.personalId,
      requested: dataUpdateRequests.requested,
    })
    .from(dataUpdateRequests)
    .where(and(eq(dataUpdateRequests.kind, 'bank_account'), sql`${dataUpdateRequests.requested} ? 'accountNumber'`))
    .orderBy(asc(dataUpdateRequests.id))
    .for('update');
  return rows.map((r) => ({ ...r, requested: r.requested as Record<string, string> }));
}

export async function setRequested(tx: Tx, id: number, requested: Record<string, string>): Promise<void> {
  await tx.update(dataUpdateRequests).set({ requested }).where(eq(dataUpdateRequests.id, id));
}

/** The open claims of a person (their ids), for the tasks an account's verification ends. */
export async function claimIdsOf(exec: Executor, personalId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(exec, sql`select id from ui_claims where personal_id = ${personalId}`);
  return rows.map((r) => r.id);
}

// ——— Payment runs ———

export async function lockRun(tx: Tx, runId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`payrun:${runId}`}, 0))`);
}

export async function findPaymentFile(exec: Executor, by: { runId: string } | { id: number }) {
  const [f] = await exec
    .select()
    .from(paymentFiles)
    .where('runId' in by ? eq(paymentFiles.runId, by.runId) : eq(paymentFiles.id, by.id));
  return f;
}

export async function insertPaymentFile(tx: Tx, row: typeof paymentFiles.$inferInsert): Promise<PaymentFileRecord> {
  const [r] = await tx.insert(paymentFiles).values(row).returning();
  return r!;
}

/** The stored payment files still in clear (made before migration 0024), locked, to be sealed. */
export async function lockClearPaymentFiles(tx: Tx): Promise<{ id: number; xml: string }[]> {
  const rows = await tx
    .select({ id: paymentFiles.id, xml: paymentFiles.xml })
    .from(paymentFiles)
    .where(isNotNull(paymentFiles.xml))
    .orderBy(asc(paymentFiles.id))
    .for('update');
  return rows.map((r) => ({ id: r.id, xml: r.xml! }));
}

export async function setPaymentFileSealed(tx: Tx, id: number, xmlSealed: string): Promise<void> {
  await tx.update(paymentFiles).set({ xml: null, xmlSealed }).where(eq(paymentFiles.id, id));
}

/** A benefit month the UI fund owes: reported (its report recorded) or returned by the bank, with its payee if verified. */
export interface PayableMonth {
  claim_id: string;
  idx: number;
  personal_id: string;
  amount: string;
  payment_deadline: IsoDate;
  status: 'reported' | 'returned';
  attempts: number;
  account_id: number | null;
  bank_code: string | null;
  /** In clear only for an account from before migration 0024 not yet sealed; else null and `account_sealed` set. */
  account_number: string | null;
  account_sealed: string | null;
  holder_name: string | null;
}

/**
 * Every month owed and not in a file (status reported or returned) of a claim that was approved,
 * locked (skip none: a run waits for a claim step in flight), with the verified account of its
 * participant (null when there is none) and the attempts made so far. Claim, then month order.
 */
export async function lockPayableMonths(tx: Tx): Promise<PayableMonth[]> {
  return queryRows<PayableMonth>(
    tx,
    sql`select m.claim_id, m.idx, c.personal_id, c.monthly_benefit::text as amount,
               to_char(m.payment_deadline, 'YYYY-MM-DD') as payment_deadline, m.status,
               (select count(*)::int from payment_instructions i where i.claim_id = m.claim_id and i.idx = m.idx) as attempts,
               a.id::int as account_id, a.bank_code, a.account_number, a.account_sealed, a.holder_name
          from ui_claim_months m
          join ui_claims c on c.id = m.claim_id
          left join bank_accounts a on a.personal_id = c.personal_id and a.status = 'verified'
         where m.status in ('reported','returned') and c.decision = 'approved'
         order by m.claim_id, m.idx
         for update of m`,
  );
}

export async function insertInstructions(tx: Tx, rows: (typeof paymentInstructions.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(paymentInstructions).values(rows);
}

export async function setMonthsInstructed(tx: Tx, months: { claimId: string; idx: number; amount: string }[]) {
  for (const m of months)
    await tx
      .update(uiClaimMonths)
      .set({ status: 'instructed', amount: m.amount })
      .where(and(eq(uiClaimMonths.claimId, m.claimId), eq(uiClaimMonths.idx, m.idx)));
}

export async function instructionsOfFile(exec: Executor, fileId: number) {
  return exec
    .select()
    .from(paymentInstructions)
    .where(eq(paymentInstructions.paymentFileId, fileId))
    .orderBy(asc(paymentInstructions.id));
}

// ——— Bank returns ———

/** The instructions with these end-to-end ids, locked, with the claim's participant. */
export async function lockInstructions(tx: Tx, endToEndIds: string[]) {
  if (!endToEndIds.length) return [];
  return queryRows<{
    id: number;
    claim_id: string;
    idx: number;
    attempt: number;
    end_to_end_id: string;
    bank_account_id: number;
    amount: string;
    status: 'instructed' | 'executed' | 'rejected' | 'reversed';
    reason_code: string | null;
    personal_id: string;
    monthly_benefit: string;
    months_paid: number;
  }>(
    tx,
    sql`select i.id::int as id, i.claim_id, i.idx, i.attempt, i.end_to_end_id, i.bank_account_id::int as bank_account_id,
               i.amount::text as amount, i.status, i.reason_code, c.personal_id,
               c.monthly_benefit::text as monthly_benefit, c.months_paid
          from payment_instructions i join ui_claims c on c.id = i.claim_id
         where i.end_to_end_id in ${sql`(${sql.join(
           endToEndIds.map((e) => sql`${e}`),
           sql`, `,
         )})`}
         order by i.id
         for update of i, c`,
  );
}

export async function settleInstruction(
  tx: Tx,
  id: number,
  set: { status: 'executed' | 'rejected'; bankDate: IsoDate; reasonCode?: string; settledBy: string },
): Promise<void> {
  await tx
    .update(paymentInstructions)
    .set({ status: set.status, bankDate: set.bankDate, reasonCode: set.reasonCode ?? null, settledBy: set.settledBy })
    .where(eq(paymentInstructions.id, id));
}

/** An executed transfer whose money came back (rules §8.36): its execution date kept, the reversal's date and reason added. */
export async function reverseInstruction(
  tx: Tx,
  id: number,
  set: { reversedOn: IsoDate; reasonCode: string; settledBy: string },
): Promise<void> {
  await tx
    .update(paymentInstructions)
    .set({ status: 'reversed', reversedOn: set.reversedOn, reasonCode: set.reasonCode, settledBy: set.settledBy })
    .where(and(eq(paymentInstructions.id, id), eq(paymentInstructions.status, 'executed')));
}

export async function setMonthStatus(
  tx: Tx,
  claimId: string,
  idx: number,
  set: Partial<typeof uiClaimMonths.$inferInsert>,
): Promise<void> {
  await tx
    .update(uiClaimMonths)
    .set(set)
    .where(and(eq(uiClaimMonths.claimId, claimId), eq(uiClaimMonths.idx, idx)));
}

export async function closeAccount(tx: Tx, id: number, reason: string, on: IsoDate): Promise<void> {
  await tx
    .update(bankAccounts)
    .set({ status: 'closed', closedReason: reason, closedOn: on, updatedAt: sql`now()` })
    .where(and(eq(bankAccounts.id, id), inArray(bankAccounts.status, ['pending', 'verified', 'superseded'])));
}

/** A claim's months as the bank has left them (the claim workflow's settlement, activities/claims.ts). */
export async function monthPaymentsOf(exec: Executor, claimId: string) {
  return queryRows<{ idx: number; status: string; paid_on: IsoDate | null; payment_deadline: IsoDate }>(
    exec,
    sql`select idx, status, to_char(paid_on, 'YYYY-MM-DD') as paid_on, to_char(payment_deadline, 'YYYY-MM-DD') as payment_deadline
          from ui_claim_months where claim_id = ${claimId} order by idx`,
  );
}

// ——— The ledger (services/ledger.ts) ———

/**
 * Benefit amounts by the bank's hand, per claim, where they do not balance (rules §8.36):
 * instructed = executed + returned + outstanding (returned: rejected, or executed and then
 * reversed — the money came back), with every executed instruction a paid month of
 * the same amount and key, every paid month of a bank-paid claim one executed instruction, every
 * instructed month one open instruction and every returned month's last instruction rejected.
 */
export async function bankPaymentProblems(exec: Executor) {
  return queryRows<{
    claim_id: string;
    instructed: string;
    executed: string;
    returned: string;
    outstanding: string;
    bad_paid: number;
    bad_instructed: number;
    bad_returned: number;
  }>(
    exec,
    sql`with i as (
          select claim_id,
                 sum(amount) as instructed,
                 coalesce(sum(amount) filter (where status = 'executed'), 0) as executed,
                 coalesce(sum(amount) filter (where status in ('rejected','reversed')), 0) as returned,
                 coalesce(sum(amount) filter (where status = 'instructed'), 0) as outstanding
            from payment_instructions group by claim_id),
        m as (
          select m.claim_id,
                 count(*) filter (where m.status = 'paid' and not exists (
                   select 1 from payment_instructions x where x.claim_id = m.claim_id and x.idx = m.idx
                      and x.status = 'executed' and x.end_to_end_id = m.payment_key and x.amount = m.amount)
                   and exists (select 1 from payment_instructions y where y.claim_id = m.claim_id and y.idx = m.idx))::int as bad_paid,
                 count(*) filter (where m.status = 'instructed' and (select count(*) from payment_instructions x
                   where x.claim_id = m.claim_id and x.idx = m.idx and x.status = 'instructed') <> 1)::int as bad_instructed,
                 count(*) filter (where m.status = 'returned' and not exists (select 1 from payment_instructions x
                   where x.claim_id = m.claim_id and x.idx = m.idx and x.status in ('rejected','reversed'))
                   or m.status not in ('paid','instructed') and exists (select 1 from payment_instructions x
                   where x.claim_id = m.claim_id and x.idx = m.idx and x.status in ('instructed','executed')))::int as bad_returned
            from ui_claim_months m
           where exists (select 1 from payment_instructions z where z.claim_id = m.claim_id)
              or m.status in ('instructed','returned')
           group by m.claim_id)
        select coalesce(i.claim_id, m.claim_id) as claim_id,
               coalesce(i.instructed, 0)::text as instructed, coalesce(i.executed, 0)::text as executed,
               coalesce(i.returned, 0)::text as returned, coalesce(i.outstanding, 0)::text as outstanding,
               coalesce(m.bad_paid, 0) as bad_paid, coalesce(m.bad_instructed, 0) as bad_instructed,
               coalesce(m.bad_returned, 0) as bad_returned
          from i full join m on m.claim_id = i.claim_id
         where coalesce(i.instructed, 0) <> coalesce(i.executed, 0) + coalesce(i.returned, 0) + coalesce(i.outstanding, 0)
            or coalesce(m.bad_paid, 0) > 0 or coalesce(m.bad_instructed, 0) > 0 or coalesce(m.bad_returned, 0) > 0`,
  );
}

/** The totals ledger verify reports. */
export async function bankPaymentTotals(exec: Executor) {
  const [r] = await queryRows<{ instructed: string; executed: string; returned: string; outstanding: string }>(
    exec,
    sql`select coalesce(sum(amount), 0)::text as instructed,
               coalesce(sum(amount) filter (where status = 'executed'), 0)::text as executed,
               coalesce(sum(amount) filter (where status in ('rejected','reversed')), 0)::text as returned,
               coalesce(sum(amount) filter (where status = 'instructed'), 0)::text as outstanding
          from payment_instructions`,
  );
  return r!;
}
