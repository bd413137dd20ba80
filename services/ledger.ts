/**
 * The ledger verified: `ansinh ledger verify`, and the check every money-moving test ends with.
 * It re-derives each employer's allocations from the database (db/queries/ledger.ts) and checks the
 * balances a payment, a period and a paid benefit month must keep (rules §8.3, §8.4), and that a
 * contribution month is credited only when its employer's period is paid in full.
 */
import { Dec } from '../domain/money';
import { HI_RATE_ON_BENEFIT } from '../domain/unemployment';
import type { Executor } from '../db/client';
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
        problem: `principal paid ${r.principal} exceeds due ${due.toFixed(0)}`,
      });
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
  // A month is credited to a participant only once the employer's period is paid in full.
  for (const m of await creditedMonthsNotPaid(exec))
    problems.push({
      taxCode: m.employer_tax_code,
      period: m.period,
      problem:
        m.outstanding === null
          ? `${m.months} months credited, the period is not reconciled`
          : `${m.months} months credited, ${m.outstanding} principal still outstanding`,
    });
  // Unemployment benefit: every paid month carries the claim's monthly amount and 4.5 % of it as
  // the UI fund's HI contribution; a claim's count of months paid equals its paid rows.
  // Only claims that break a rule come back; counts are compared in SQL.
  const claims = await claimsWithPaymentProblems(exec, HI_RATE_ON_BENEFIT);
  for (const c of claims) {
    problems.push({
      taxCode: null,
      period: null,
      problem: `claim ${c.id}: ${c.months_paid} months paid, ${c.paid_rows} payment rows, ${c.bad_amounts} differing from the monthly benefit or its 4.5 % HI contribution`,
    });
  }
  return { employers: new Set(periods.map((p) => p.employer_tax_code)).size, periods: periods.length, problems };
}
