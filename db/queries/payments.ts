/**
 * Payments booked from the bank and what they settled: the statements of services/payments.ts
 * (recordPayment, and verifyLedger's checks), each inside the caller's transaction.
 */
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../client';
import { employerPeriods, paymentAllocations, payments } from '../schema/index';
import { firstMonthOfAll } from './partitions';

export async function findPayment(exec: Executor, paymentId: number) {
  const [p] = await exec.select().from(payments).where(eq(payments.id, paymentId));
  return p;
}

/** A payment's allocations, by period. */
export async function allocationsOfPayment(exec: Executor, paymentId: number) {
  return exec
    .select()
    .from(paymentAllocations)
    .where(eq(paymentAllocations.paymentId, paymentId))
    .orderBy(paymentAllocations.period);
}

export async function paymentByReference(tx: Tx, bankReference: string) {
  const [seen] = await tx.select().from(payments).where(eq(payments.bankReference, bankReference));
  return seen;
}

export async function insertPayment(tx: Tx, values: typeof payments.$inferInsert): Promise<number> {
  const [row] = await tx.insert(payments).values(values).returning({ id: payments.id });
  return Number(row!.id);
}

/** Payments whose allocations add up to more than their amount. */
export async function overAllocatedPayments(exec: Executor) {
  return queryRows<{ employer_tax_code: string; id: string }>(
    exec,
    sql`select p.employer_tax_code, p.id::text from payments p
          left join payment_allocations a on a.payment_id = p.id
         group by p.id having coalesce(sum(a.principal + a.interest), 0) > p.amount`,
  );
}

/** Principal allocated per employer and period. */
export async function principalByPeriod(exec: Executor) {
  return queryRows<{ employer_tax_code: string; period: string; principal: string }>(
    exec,
    sql`select p.employer_tax_code, a.period, sum(a.principal)::text as principal
          from payment_allocations a join payments p on p.id = a.payment_id
         group by p.employer_tax_code, a.period order by 1, 2`,
  );
}

/** Every employer that has paid. */
export async function payerTaxCodes(exec: Executor): Promise<string[]> {
  return (
    await queryRows<{ t: string }>(exec, sql`select distinct employer_tax_code as t from payments order by 1`)
  ).map((r) => r.t);
}

export async function allEmployerPeriods(exec: Executor) {
  return exec.select().from(employerPeriods);
}

/**
 * Claims that break a rule of benefit payment: a count of months paid other than its paid rows, or
 * a paid month whose amount is not the monthly benefit or whose HI contribution is not `hiRate` of it.
 */
export async function claimsWithPaymentProblems(exec: Executor, hiRate: string) {
  return queryRows<{ id: string; months_paid: number; paid_rows: number; bad_amounts: number }>(
    exec,
    sql`select * from (
          select c.id, c.months_paid, count(m.*) filter (where m.status = 'paid')::int as paid_rows,
                 count(m.*) filter (where m.status = 'paid' and (m.amount <> c.monthly_benefit or m.hi_contribution <> round(m.amount * ${hiRate}::numeric)))::int as bad_amounts
            from ui_claims c left join ui_claim_months m on m.claim_id = c.id group by c.id) t
         where paid_rows <> months_paid or bad_amounts > 0`,
  );
}

/**
 * Contribution months shown as credited whose employer's period is not paid in full (no reconciled
 * period, or principal outstanding): a month may be credited only once its period is paid (rules §8.3).
 * A check of every month: it reads every partition that can hold one, from the earliest employment.
 */
export async function creditedMonthsNotPaid(exec: Executor) {
  return queryRows<{ employer_tax_code: string; period: string; months: number; outstanding: string | null }>(
    exec,
    sql`select m.employer_tax_code, m.period, count(*)::int as months, p.outstanding::text as outstanding
          from contribution_months m
          left join employer_periods p on p.employer_tax_code = m.employer_tax_code and p.period = m.period
         where m.status = 'credited' and m.period >= ${firstMonthOfAll()} and (p.period is null or p.outstanding > 0)
         group by m.employer_tax_code, m.period, p.outstanding
         order by m.employer_tax_code, m.period`,
  );
}
