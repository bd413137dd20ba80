/**
 * The ledger verified: `ansinh ledger verify`, and the check every money-moving test ends with.
 * It re-derives each employer's allocations from the database (db/queries/ledger.ts) and checks the
 * balances a payment, a period and a paid benefit month must keep (rules §8.3, §8.4), and that a
 * contribution month is credited only when its employer's period is paid in full.
 */
import { Dec } from '../domain/money';
import { HI_RATE_ON_BENEFIT } from '../domain/unemployment';
import type { Executor } from '../db/client';
import { bankPaymentProblems } from '../db/queries/bank-payments';
import { duesByPeriod, ledgerDifferences } from '../db/queries/ledger';
import {
  allEmployerPeriods,
  claimsWithPaymentProblems,
  creditedMonthsNotPaid,
  overAllocatedPayments,
  payerTaxCodes,
  principalByPeriod,
} from '../db/queries/payments';

export interface LedgerProblem {
  taxCode: string | null;
  period: string | null;
  /** What is wrong, as a stable code; `params` its figures (the CLI writes it from the catalog). */
  code: string;
  params: Record<string, string | number>;
  /** The same in English (the JSON answers' diagnostic text). */
  problem: string;
}

/**
 * The ledger balances: for every payment, amount = allocations + credit with credit ≥ 0; for every
 * employer and period, principal allocated ≤ due (the sum of the lines), so due = paid + outstanding
 * with outstanding ≥ 0; and every allocation is to a period the employer owed in.
 */
export async function verifyLedger(
  exec: Executor,
): Promise<{ employers: number; periods: number; problems: LedgerProblem[] }> {
  const problems: LedgerProblem[] = [];
  const over = await overAllocatedPayments(exec);
  for (const o of over)
    problems.push({
      taxCode: o.employer_tax_code,
      period: null,
      code: 'LEDGER_OVER_ALLOCATED',
      params: { payment: String(o.id) },
      problem: `payment ${o.id} allocates more than its amount`,
    });
  const periods = await principalByPeriod(exec);
  const codes = [...new Set(periods.map((p) => p.employer_tax_code))];
  const until = periods.reduce((m, p) => (p.period > m ? p.period : m), '0000-01');
  const dues = codes.length
    ? await duesByPeriod(exec, codes, until)
    : new Map<string, Map<string, { total: string }>>();
  for (const r of periods) {
    const due = new Dec(dues.get(r.employer_tax_code)?.get(r.period)?.total ?? 0);
    if (new Dec(r.principal).gt(due))
      problems.push({
        taxCode: r.employer_tax_code,
        period: r.period,
        code: 'LEDGER_PRINCIPAL_EXCEEDS_DUE',
        params: { paid: String(r.principal), due: due.toFixed(0) },
        problem: `principal paid ${r.principal} exceeds due ${due.toFixed(0)}`,
      });
  }
  // The allocations are the replay of each employer's account (dues, payments, credit, charges).
  for (const t of await payerTaxCodes(exec)) {
    for (const d of await ledgerDifferences(exec, t)) {
      if (d.code === 'LEDGER_ALLOCATION_MISSING')
        problems.push({
          taxCode: t,
          period: null,
          code: 'LEDGER_ALLOCATION_MISSING',
          params: { allocation: d.allocation },
          problem: d.problem,
        });
      else
        problems.push({
          taxCode: t,
          period: null,
          code: 'LEDGER_ALLOCATION_UNEXPECTED',
          params: { allocation: d.allocation },
          problem: d.problem,
        });
    }
  }
  const reconciled = await allEmployerPeriods(exec);
  for (const r of reconciled) {
    if (!new Dec(r.due).eq(new Dec(r.paid).plus(r.outstanding)) && new Dec(r.paid).lte(r.due)) {
      problems.push({
        taxCode: r.employerTaxCode,
        period: r.period,
        code: 'LEDGER_DUE_MISMATCH',
        params: {},
        problem: 'due ≠ paid + outstanding',
      });
    }
  }
  // A month is credited to a participant only once the employer's period is paid in full: as the
  // stored period says (its state as of its reconciliation), or by the principal allocated to it
  // since (later payments credit the month before the period is reconciled again).
  const notPaid = await creditedMonthsNotPaid(exec);
  if (notPaid.length) {
    const allocated = new Map(periods.map((p) => [`${p.employer_tax_code}|${p.period}`, p.principal]));
    const latest = notPaid.reduce((m, p) => (p.period > m ? p.period : m), '0000-01');
    const owed = await duesByPeriod(exec, [...new Set(notPaid.map((m) => m.employer_tax_code))], latest);
    for (const m of notPaid) {
      const due = new Dec(owed.get(m.employer_tax_code)?.get(m.period)?.total ?? 0);
      const paid = new Dec(allocated.get(`${m.employer_tax_code}|${m.period}`) ?? 0);
      if (paid.gte(due)) continue;
      problems.push({
        taxCode: m.employer_tax_code,
        period: m.period,
        code: m.outstanding === null ? 'LEDGER_CREDITED_UNPAID_UNRECONCILED' : 'LEDGER_CREDITED_UNPAID',
        params: { months: Number(m.months), outstanding: due.minus(paid).toFixed(0) },
        problem: `${m.months} months credited, the period is not paid in full (${due.minus(paid).toFixed(0)} principal outstanding${m.outstanding === null ? ', not reconciled' : ''})`,
      });
    }
  }
  // Unemployment benefit: every paid month carries the claim's monthly amount and 4.5 % of it as
  // the UI fund's HI contribution; a claim's count of months paid equals its paid rows.
  // Only claims that break a rule come back; counts are compared in SQL.
  const claims = await claimsWithPaymentProblems(exec, HI_RATE_ON_BENEFIT);
  for (const c of claims) {
    problems.push({
      taxCode: null,
      period: null,
      code: 'LEDGER_CLAIM_PAYMENTS',
      params: {
        claim: String(c.id),
        monthsPaid: Number(c.months_paid),
        rows: Number(c.paid_rows),
        bad: Number(c.bad_amounts),
      },
      problem: `claim ${c.id}: ${c.months_paid} months paid, ${c.paid_rows} payment rows, ${c.bad_amounts} differing from the monthly benefit or its 4.5 % HI contribution`,
    });
  }
  // Benefits paid by the bank (issue 14 part 4, rules §8.36): per claim, instructed = executed +
  // returned + outstanding; every executed transfer is its month paid with the same amount and key,
  // every instructed month has one open transfer, and a returned month's transfer was rejected.
  for (const b of await bankPaymentProblems(exec)) {
    problems.push({
      taxCode: null,
      period: null,
      code: 'LEDGER_BANK_TRANSFERS',
      params: {
        claim: String(b.claim_id),
        instructed: String(b.instructed),
        executed: String(b.executed),
        returned: String(b.returned),
        outstanding: String(b.outstanding),
      },
      problem: `claim ${b.claim_id}: instructed ${b.instructed} ≠ executed ${b.executed} + returned ${b.returned} + outstanding ${b.outstanding}, or ${b.bad_paid} paid, ${b.bad_instructed} instructed, ${b.bad_returned} returned months disagree with their transfers`,
    });
  }
  return { employers: new Set(periods.map((p) => p.employer_tax_code)).size, periods: periods.length, problems };
}
