/**
 * Employer payments. The bank reference is the idempotency key: the same payment posted twice is
 * recorded once and the second call gets that payment as the ledger now stands. Allocation is
 * derived (db/queries/ledger.ts, domain/reconciliation.ts replayLedger): the oldest open period
 * first, principal before the late charge accrued to the value date (rules §8.3, §8.4); what is left is a
 * credit that settles later periods on their deadlines. One transaction; the employer row is
 * locked so that two payments never allocate the same debt. This is the one function that books
 * money the agency's bank confirmed.
 */
import type { IsoDate, Month } from '../domain/calendar';
import { DomainError } from '../domain/errors';
import { Dec } from '../domain/money';
import { checkValueDate } from '../domain/ledger';
import type { Db, Executor } from '../db/client';
import { audit } from '../db/queries/audit';
import { duesByPeriod, employerSince, ledgerDifferences, rewriteLedger } from '../db/queries/ledger';
import { HI_RATE_ON_BENEFIT } from '../domain/unemployment';
import { lockEmployer } from '../db/queries/onboarding';
import {
  allEmployerPeriods,
  allocationsOfPayment,
  claimsWithPaymentProblems,
  findPayment,
  insertPayment,
  overAllocatedPayments,
  paymentByReference,
  payerTaxCodes,
  principalByPeriod,
} from '../db/queries/payments';

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
  const p = await findPayment(exec, paymentId);
  const allocations = await allocationsOfPayment(exec, paymentId);
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
    const emp = await lockEmployer(tx, input.taxCode);
    if (!emp) throw new DomainError('NOT_FOUND', `no employer with tax code ${input.taxCode}`);
    const seen = await paymentByReference(tx, input.bankReference);
    if (seen) {
      if (seen.employerTaxCode !== input.taxCode || seen.amount !== input.amount || seen.valueDate !== input.valueDate) {
        throw new DomainError('PAYMENT_REFERENCE_CONFLICT', 'this bank reference was already recorded for a different payment', 'bankReference');
      }
      return resultOf(tx, Number(seen.id), true);
    }
    if (emp.status !== 'active') throw new DomainError('WRONG_STATE', `employer ${input.taxCode} is ${emp.status}`);
    checkValueDate(input.valueDate, input.today, (await employerSince(tx, input.taxCode)) ?? input.valueDate);
    const paymentId = await insertPayment(tx, { bankReference: input.bankReference, employerTaxCode: input.taxCode, amount: input.amount, valueDate: input.valueDate, author: input.author });
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
  const over = await overAllocatedPayments(exec);
  for (const o of over) problems.push({ taxCode: o.employer_tax_code, period: null, problem: `payment ${o.id} allocates more than its amount` });
  const periods = await principalByPeriod(exec);
  const codes = [...new Set(periods.map((p) => p.employer_tax_code))];
  const until = periods.reduce((m, p) => (p.period > m ? p.period : m), '0000-01');
  const dues = codes.length ? await duesByPeriod(exec, codes, until) : new Map<string, Map<string, { total: string }>>();
  for (const r of periods) {
    const due = new Dec(dues.get(r.employer_tax_code)?.get(r.period)?.total ?? 0);
    if (new Dec(r.principal).gt(due)) problems.push({ taxCode: r.employer_tax_code, period: r.period, problem: `principal paid ${r.principal} exceeds due ${due.toFixed(0)}` });
  }
  // The allocations are the replay of each employer's account (dues, payments, credit, charges).
  for (const t of await payerTaxCodes(exec)) {
    for (const problem of await ledgerDifferences(exec, t)) problems.push({ taxCode: t, period: null, problem });
  }
  const reconciled = await allEmployerPeriods(exec);
  for (const r of reconciled) {
    if (!new Dec(r.due).eq(new Dec(r.paid).plus(r.outstanding)) && new Dec(r.paid).lte(r.due)) {
      problems.push({ taxCode: r.employerTaxCode, period: r.period, problem: 'due ≠ paid + outstanding' });
    }
  }
  // Unemployment benefit: every paid month carries the claim's monthly amount and 4.5 % of it as
  // the UI fund's HI contribution; a claim's count of months paid equals its paid rows.
  // Only claims that break a rule come back; counts are compared in SQL.
  const claims = await claimsWithPaymentProblems(exec, HI_RATE_ON_BENEFIT);
  for (const c of claims) {
    problems.push({ taxCode: null, period: null, problem: `claim ${c.id}: ${c.months_paid} months paid, ${c.paid_rows} payment rows, ${c.bad_amounts} differing from the monthly benefit or its 4.5 % HI contribution` });
  }
  return { employers: new Set(periods.map((p) => p.employer_tax_code)).size, periods: periods.length, problems };
}
