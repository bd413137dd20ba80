/**
 * One employee's contributions for one month: each fund × side is one line, base × rate rounded
 * half-up to the dong; totals are sums of rounded lines (rules §8).
 */
import type Decimal from 'decimal.js';
import type { Month } from './calendar';
import { DomainError } from './errors';
import { Dec, toDong } from './money';
import { baseSalaryFor, FUNDS, ratesFor, regionalMinimumWageFor, SI_CAP_MULTIPLIER, UI_CAP_MULTIPLIER, type Fund, type Region, type Side } from './rates';

export interface ContributionInput {
  month: Month;
  salary: Decimal.Value;
  region: Region;
  /** UI covers Vietnamese citizens only; false for foreign employees. Default true. */
  uiCovered?: boolean;
  /** ≥ 14 working days unpaid in the month: nothing is due (Law 41/2024 Art.33(5); Law 74/2025 Art.33(4)). */
  unpaidLeave?: boolean;
}
export interface ContributionLine {
  fund: Fund;
  side: Side;
  base: string;
  rate: string;
  amount: string;
}
export interface ContributionResult {
  month: Month;
  region: Region;
  bases: { si: string; hi: string; ui: string };
  floor: string;
  siCap: string;
  uiCap: string;
  flooredFrom?: string;
  capped: { si: boolean; ui: boolean };
  lines: ContributionLine[];
  employee: { byFund: Partial<Record<Fund, string>>; total: string };
  employer: { byFund: Partial<Record<Fund, string>>; total: string };
  total: string;
}

const clamp = (x: Decimal, lo: Decimal, hi: Decimal) => Dec.min(Dec.max(x, lo), hi);

export function computeContribution(input: ContributionInput): ContributionResult {
  let salary: Decimal;
  try {
    salary = new Dec(input.salary);
  } catch {
    throw new DomainError('INVALID_SALARY', 'salary must be a whole, positive number of VND', 'salary');
  }
  if (!salary.isInteger() || salary.lte(0)) throw new DomainError('INVALID_SALARY', 'salary must be a whole, positive number of VND', 'salary');
  const m = input.month;
  // Floor: Law 41 sets the reference level as the lowest base, but full-time monthly staff may not
  // be paid below the regional minimum wage (Labour Code; Decree 293/2025) — the higher applies.
  const reference = baseSalaryFor(m);
  const rmw = regionalMinimumWageFor(m, input.region);
  const floor = Dec.max(reference, rmw);
  const siCap = reference.times(SI_CAP_MULTIPLIER); // Law 41/2024 Art.31(1)(đ)
  const uiCap = rmw.times(UI_CAP_MULTIPLIER); // Law 74/2025 Art.34(2)
  const si = clamp(salary, floor, siCap);
  const ui = clamp(salary, floor, uiCap);
  const baseOf: Record<Fund, Decimal> = { SI_RETIREMENT: si, SI_SICKNESS: si, SI_OAOD: si, HI: si, UI: ui };
  const rates = ratesFor(m);
  const lines: ContributionLine[] = [];
  const totals = { employee: { byFund: {} as Partial<Record<Fund, string>>, total: new Dec(0) }, employer: { byFund: {} as Partial<Record<Fund, string>>, total: new Dec(0) } };
  if (!input.unpaidLeave) {
    for (const fund of FUNDS) {
      if (fund === 'UI' && input.uiCovered === false) continue;
      for (const side of ['employee', 'employer'] as const) {
        const rate = new Dec(rates[fund][side]);
        if (rate.isZero()) continue;
        const amount = toDong(baseOf[fund].times(rate));
        lines.push({ fund, side, base: baseOf[fund].toFixed(0), rate: rate.toString(), amount: amount.toFixed(0) });
        totals[side].byFund[fund] = amount.toFixed(0);
        totals[side].total = totals[side].total.plus(amount);
      }
    }
  }
  return {
    month: m,
    region: input.region,
    bases: { si: si.toFixed(0), hi: si.toFixed(0), ui: ui.toFixed(0) },
    floor: floor.toFixed(0),
    siCap: siCap.toFixed(0),
    uiCap: uiCap.toFixed(0),
    ...(salary.lt(floor) ? { flooredFrom: salary.toFixed(0) } : {}),
    capped: { si: salary.gt(siCap), ui: salary.gt(uiCap) },
    lines,
    employee: { byFund: totals.employee.byFund, total: totals.employee.total.toFixed(0) },
    employer: { byFund: totals.employer.byFund, total: totals.employer.total.toFixed(0) },
    total: totals.employee.total.plus(totals.employer.total).toFixed(0),
  };
}
