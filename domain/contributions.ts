/**
 * One employee's contributions for one month: one line per fund × side with a non-zero rate,
 * base × rate rounded half-up to the dong; totals are sums of rounded lines (rules §8).
 */
import type Decimal from 'decimal.js';
import type { Month } from './calendar';
import { DomainError } from './errors';
import { Dec, toDong } from './money';
import {
  baseSalaryFor,
  FUNDS,
  ratesFor,
  regionalMinimumWageFor,
  SI_CAP_MULTIPLIER,
  SIDES,
  UI_CAP_MULTIPLIER,
  type Fund,
  type Region,
  type Side,
} from './rates';
import { ansinh, hiLaw, law41, law74, rule } from './law';

export interface ContributionInput {
  month: Month;
  /** Monthly salary for SI purposes (Law 41/2024 Art.31(1)(b)): a positive whole number of VND. */
  salary: Decimal.Value;
  region: Region;
  /** UI covers Vietnamese citizens only (rules §1): false for foreign employees. Default true. */
  uiCovered?: boolean;
  /** Unpaid for ≥ 14 working days in the month: nothing is due (Law 41/2024 Art.33(5), Art.34(3); Law 74/2025 Art.33(4)). */
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
  /** Capped/floored bases, integer strings. */
  bases: { si: string; hi: string; ui: string };
  floor: string;
  siCap: string;
  uiCap: string;
  /** The original salary, when it was raised to the floor. */
  flooredFrom?: string;
  capped: { si: boolean; ui: boolean };
  lines: ContributionLine[];
  employee: { byFund: Partial<Record<Fund, string>>; total: string };
  employer: { byFund: Partial<Record<Fund, string>>; total: string };
  total: string;
}

/**
 * The lowest contribution base for month m in a region (project decision, rules §2).
 * Law 41/2024 Art.31(1)(đ) sets the floor at the reference level (= base salary, Art.141(13)),
 * but full-time monthly staff may not be paid below the regional minimum wage (Labour Code 2019;
 * Decree 293/2025), so the floor applied is the higher of the two — in practice the regional
 * minimum wage, which has exceeded the base salary in every month since 2011-10.
 */
export const contributionFloor = rule(
  [law41.article(31, 1, 'đ'), law41.article(141, 13), ansinh.decision('8.15')],
  function contributionFloor(m: Month, region: Region): Decimal {
    return Dec.max(baseSalaryFor(m), regionalMinimumWageFor(m, region));
  },
);

/** SI and HI cap: 20 × reference level (Law 41/2024 Art.31(1)(đ)). */
export const siCapFor = rule(law41.article(31, 1, 'đ'), function siCapFor(m: Month): Decimal {
  return baseSalaryFor(m).times(SI_CAP_MULTIPLIER);
});

/**
 * UI cap: 20 × regional minimum wage (Law 74/2025 Art.34(2) [O]). Applied to every month in the
 * table; Law 38/2013 (2015–2025) had the same cap for employer-set wages (rules §2). Whether
 * months before 2015 (Law 71/2006) were capped differently is UNCONFIRMED.
 */
export const uiCapFor = rule(law74.article(34, 2), function uiCapFor(m: Month, region: Region): Decimal {
  return regionalMinimumWageFor(m, region).times(UI_CAP_MULTIPLIER);
});

function parseSalary(x: Decimal.Value): Decimal {
  let salary: Decimal;
  try {
    salary = new Dec(x);
  } catch {
    throw new DomainError('INVALID_SALARY', 'salary must be a whole, positive number of VND', 'salary', {
      salary: String(x),
    });
  }
  if (!salary.isFinite() || !salary.isInteger() || salary.lte(0)) {
    throw new DomainError('INVALID_SALARY', 'salary must be a whole, positive number of VND', 'salary', {
      salary: String(x),
    });
  }
  return salary;
}

const clamp = (x: Decimal, lo: Decimal, hi: Decimal): Decimal => Dec.min(Dec.max(x, lo), hi);

export const computeContribution = rule(
  [
    law41.article(31, 1),
    law41.article(33),
    law41.article(34),
    law41.article(33, 5),
    law74.article(33),
    law74.article(34),
    hiLaw.article(13),
    ansinh.decision('8.1'),
  ],
  function computeContribution(input: ContributionInput): ContributionResult {
    const salary = parseSalary(input.salary);
    const m = input.month;
    const floor = contributionFloor(m, input.region);
    const siCap = siCapFor(m);
    const uiCap = uiCapFor(m, input.region);
    const si = clamp(salary, floor, siCap); // Law 41/2024 Art.31(1)
    const hi = si; // HI base = SI base, same cap (rules §2)
    const ui = clamp(salary, floor, uiCap); // Law 74/2025 Art.34
    const baseOf: Record<Fund, Decimal> = { SI_RETIREMENT: si, SI_SICKNESS: si, SI_OAOD: si, HI: hi, UI: ui };
    const table = ratesFor(m);

    const lines: ContributionLine[] = [];
    const sides = {
      employee: { byFund: {} as Partial<Record<Fund, string>>, total: new Dec(0) },
      employer: { byFund: {} as Partial<Record<Fund, string>>, total: new Dec(0) },
    };
    if (!input.unpaidLeave) {
      for (const fund of FUNDS) {
        if (fund === 'UI' && input.uiCovered === false) continue;
        for (const side of SIDES) {
          const rate = new Dec(table[fund][side]);
          if (rate.isZero()) continue;
          const amount = toDong(baseOf[fund].times(rate)); // rules §8: each line rounded half-up
          lines.push({ fund, side, base: baseOf[fund].toFixed(0), rate: table[fund][side], amount: amount.toFixed(0) });
          sides[side].byFund[fund] = amount.toFixed(0);
          sides[side].total = sides[side].total.plus(amount); // sums of rounded lines, never re-rounded
        }
      }
    }

    return {
      month: m,
      region: input.region,
      bases: { si: si.toFixed(0), hi: hi.toFixed(0), ui: ui.toFixed(0) },
      floor: floor.toFixed(0),
      siCap: siCap.toFixed(0),
      uiCap: uiCap.toFixed(0),
      ...(salary.lt(floor) ? { flooredFrom: salary.toFixed(0) } : {}),
      capped: { si: salary.gt(siCap), ui: salary.gt(uiCap) },
      lines,
      employee: { byFund: sides.employee.byFund, total: sides.employee.total.toFixed(0) },
      employer: { byFund: sides.employer.byFund, total: sides.employer.total.toFixed(0) },
      total: sides.employee.total.plus(sides.employer.total).toFixed(0),
    };
  },
);
