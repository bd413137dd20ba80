/**
 * Employer payments. The bank reference is the idempotency key: the same payment posted twice is
 * recorded once and the second call gets that payment as the ledger now stands. Allocation is
 * derived (db/queries/ledger.ts, domain/ledger.ts replayLedger): the oldest open period
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
import { employerSince, rewriteLedger } from '../db/queries/ledger';
import { lockEmployer } from '../db/queries/employers';
import { allocationsOfPayment, findPayment, insertPayment, paymentByReference } from '../db/queries/payments';

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
    allocations: allocations.map((a) => ({
      period: a.period,
      principal: a.principal,
      interest: a.interest,
      settledOn: a.settledOn,
      fromCredit: a.fromCredit,
    })),
    credit: new Dec(p!.amount).minus(allocated).toFixed(0),
    alreadyRecorded,
  };
}

export async function recordPayment(db: Db, input: PaymentInput): Promise<PaymentResult> {
  return db.transaction(async (tx) => {
    const emp = await lockEmployer(tx, input.taxCode);
    if (!emp)
      throw new DomainError('NOT_FOUND', `no employer with tax code ${input.taxCode}`, undefined, undefined, {
        taxCode: input.taxCode,
      });
    const seen = await paymentByReference(tx, input.bankReference);
    if (seen) {
      if (
        seen.employerTaxCode !== input.taxCode ||
        seen.amount !== input.amount ||
        seen.valueDate !== input.valueDate
      ) {
        throw new DomainError(
          'PAYMENT_REFERENCE_CONFLICT',
          'this bank reference was already recorded for a different payment',
          'bankReference',
        );
      }
      return resultOf(tx, Number(seen.id), true);
    }
    if (emp.status !== 'active')
      throw new DomainError('WRONG_STATE', `employer ${input.taxCode} is ${emp.status}`, undefined, undefined, {
        taxCode: input.taxCode,
        status: emp.status,
      });
    checkValueDate(input.valueDate, input.today, (await employerSince(tx, input.taxCode)) ?? input.valueDate);
    const paymentId = await insertPayment(tx, {
      bankReference: input.bankReference,
      employerTaxCode: input.taxCode,
      amount: input.amount,
      valueDate: input.valueDate,
      author: input.author,
    });
    const ledger = await rewriteLedger(tx, input.taxCode, input.today, input.today);
    await audit(tx, {
      actor: input.author,
      action: 'employer.paid',
      subjectType: 'employer',
      subjectId: input.taxCode,
      details: {
        paymentId,
        periods: [...new Set(ledger.replay.settlements.filter((a) => a.paymentId === paymentId).map((a) => a.period))],
      },
    });
    return resultOf(tx, paymentId, false);
  });
}
