/**
 * Employer payments. The bank reference is the idempotency key: the same payment posted twice is
 * recorded once and the second call gets that payment as the ledger now stands. Allocation is
 * derived (db/queries/ledger.ts, domain/reconciliation.ts replayLedger): the oldest open period
 * first, principal before the late charge accrued to the value date (rules §8.3, §8.4); what is left is a
 * credit that settles later periods on their deadlines. One transaction; the employer row is
 * locked so that two payments never allocate the same debt. This is the one function that books
 * money the agency's bank confirmed.
 */
import { eq, sql } from 'drizzle-orm';
import type { IsoDate, Month } from '../domain/calendar';
import { DomainError } from '../domain/errors';
import { Dec } from '../domain/money';
import { checkValueDate } from '../domain/ledger';
import { queryRows, type Db, type Executor } from '../db/client';
import { audit } from '../db/queries/audit';
import { duesByPeriod, employerSince, ledgerDifferences, rewriteLedger } from '../db/queries/ledger';
import { HI_RATE_ON_BENEFIT } from '../domain/unemployment';
import { employerPeriods, employers, paymentAllocations, payments } from '../db/schema/index';

export interface PaymentInput {
  taxCode: string;
  bankReference: string;
  amount: string;
  valueDate: IsoDate;
  author: string;
  /** The caller's business date (its clock's date, Vietnam time): a value date after it is refused. */
  today: IsoDate;
}

export interface PaymentResult {
  paymentId: number;
  bankReference: string;
  amount: string;
  valueDate: IsoDate;
  /** What this payment settled so far: at its value date, then (fromCredit) on later deadlines. */
  allocations: { period: Month; principal: string; interest: string; settledOn: IsoDate; fromCredit: boolean }[];
  /** What of it is still held as the employer's credit. */
  credit: string;
  alreadyRecorded: boolean;
}

async function resultOf(exec: Executor, paymentId: number, alreadyRecorded: boolean): Promise<PaymentResult> {
  const [p] = await exec.select().from(payments).where(eq(payments.id, paymentId));
  const allocations = await exec.select().from(paymentAllocations).where(eq(paymentAllocations.paymentId, paymentId)).orderBy(paymentAllocations.period);
  const allocated = allocations.reduce((acc, a) => acc.plus(a.principal).plus(a.interest), new Dec(0));
  return {
    paymentId,
    bankReference: p!.bankReference,
    amount: p!.amount,
    valueDate: p!.valueDate,
    allocations: allocations.map((a) => ({ period: a.period, principal: a.principal, interest: a.interest, settledOn: a.settledOn, fromCredit: a.fromCredit })),
    credit: new Dec(p!.amount).minus(allocated).toFixed(0),
    alreadyRecorded,
  };
}

export async function recordPayment(db: Db, input: PaymentInput): Promise<PaymentResult> {
  return db.transaction(async (tx) => {
    const [emp] = await tx.select().from(employers).where(eq(employers.taxCode, input.taxCode)).for('update');
    if (!emp) throw new DomainError('NOT_FOUND', `no employer with tax code ${input.taxCode}`);
    const [seen] = await tx.select().from(payments).where(eq(payments.bankReference, input.bankReference));
    if (seen) {
      if (seen.employerTaxCode !== input.taxCode || seen.amount !== input.amount || seen.valueDate !== input.valueDate) {
        throw new DomainError('PAYMENT_REFERENCE_CONFLICT', 'this bank reference was already recorded for a different payment', 'bankReference');
      }
      return resultOf(tx, Number(seen.id), true);
    }
    if (emp.status !== 'active') throw new DomainError('WRONG_STATE', `employer ${input.taxCode} is ${emp.status}`);
    checkValueDate(input.valueDate, input.today, (await employerSince(tx, input.taxCode)) ?? input.valueDate);
    const [row] = await tx
      .insert(payments)
      .values({ bankReference: input.bankReference, employerTaxCode: input.taxCode, amount: input.amount, valueDate: input.valueDate, author: input.author })
      .returning({ id: payments.id });
    const paymentId = Number(row!.id);
    const ledger = await rewriteLedger(tx, input.taxCode, input.today, input.today);
    await audit(tx, {
      actor: input.author,
      action: 'employer.paid',
      subjectType: 'employer',
      subjectId: input.taxCode,
      details: { paymentId, periods: [...new Set(ledger.replay.settlements.filter((a) => a.paymentId === paymentId).map((a) => a.period))] },
    });
    return resultOf(tx, paymentId, false);
  });
}

export interface LedgerProblem {
  taxCode: string | null;
  period: string | null;
  problem: string;
}

/**
 * The ledger balances: for every payment, amount = allocations + credit with credit ≥ 0; for every
 * employer and period, principal allocated ≤ due (the sum of the lines), so due = paid + outstanding
 * with outstanding ≥ 0; and every allocation is to a period the employer owed in.
 */
export async function verifyLedger(exec: Executor): Promise<{ employers: number; periods: number; problems: LedgerProblem[] }> {
  const problems: LedgerProblem[] = [];
  const over = await queryRows<{ employer_tax_code: string; id: string }>(
    exec,
    sql`select p.employer_tax_code, p.id::text from payments p
          left join payment_allocations a on a.payment_id = p.id
         group by p.id having coalesce(sum(a.principal + a.interest), 0) > p.amount`,
  );
  for (const o of over) problems.push({ taxCode: o.employer_tax_code, period: null, problem: `payment ${o.id} allocates more than its amount` });
  const periods = await queryRows<{ employer_tax_code: string; period: string; principal: string }>(
    exec,
    sql`select p.employer_tax_code, a.period, sum(a.principal)::text as principal
          from payment_allocations a join payments p on p.id = a.payment_id
         group by p.employer_tax_code, a.period order by 1, 2`,
  );
  const codes = [...new Set(periods.map((p) => p.employer_tax_code))];
  const until = periods.reduce((m, p) => (p.period > m ? p.period : m), '0000-01');
  const dues = codes.length ? await duesByPeriod(exec, codes, until) : new Map<string, Map<string, { total: string }>>();
  for (const r of periods) {
    const due = new Dec(dues.get(r.employer_tax_code)?.get(r.period)?.total ?? 0);
    if (new Dec(r.principal).gt(due)) problems.push({ taxCode: r.employer_tax_code, period: r.period, problem: `principal paid ${r.principal} exceeds due ${due.toFixed(0)}` });
  }
  // The allocations are the replay of each employer's account (dues, payments, credit, charges).
  const payers = await queryRows<{ t: string }>(exec, sql`select distinct employer_tax_code as t from payments order by 1`);
  for (const { t } of payers) {
    for (const problem of await ledgerDifferences(exec, t)) problems.push({ taxCode: t, period: null, problem });
  }
  const reconciled = await exec.select().from(employerPeriods);
  for (const r of reconciled) {
    if (!new Dec(r.due).eq(new Dec(r.paid).plus(r.outstanding)) && new Dec(r.paid).lte(r.due)) {
      problems.push({ taxCode: r.employerTaxCode, period: r.period, problem: 'due ≠ paid + outstanding' });
    }
  }
  // Unemployment benefit: every paid month carries the claim's monthly amount and 4.5 % of it as
  // the UI fund's HI contribution; a claim's count of months paid equals its paid rows.
  // Only claims that break a rule come back; counts are compared in SQL.
  const claims = await queryRows<{ id: string; months_paid: number; paid_rows: number; bad_amounts: number }>(
    exec,
    sql`select * from (
          select c.id, c.months_paid, count(m.*) filter (where m.status = 'paid')::int as paid_rows,
                 count(m.*) filter (where m.status = 'paid' and (m.amount <> c.monthly_benefit or m.hi_contribution <> round(m.amount * ${HI_RATE_ON_BENEFIT}::numeric)))::int as bad_amounts
            from ui_claims c left join ui_claim_months m on m.claim_id = c.id group by c.id) t
         where paid_rows <> months_paid or bad_amounts > 0`,
  );
  for (const c of claims) {
    problems.push({ taxCode: null, period: null, problem: `claim ${c.id}: ${c.months_paid} months paid, ${c.paid_rows} payment rows, ${c.bad_amounts} differing from the monthly benefit or its 4.5 % HI contribution` });
  }
  return { employers: new Set(periods.map((p) => p.employer_tax_code)).size, periods: periods.length, problems };
}
