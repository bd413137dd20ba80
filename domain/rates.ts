/**
 * Effective-dated tables (rules §1, §2 and §9): contribution rates, base salary (= the SI
 * reference level) and regional minimum wages. Each table is sorted by `from`; a month uses the
 * last row whose `from` ≤ that month, i.e. the row in force on the first day of the month.
 * Bracketed labels are the rules file's confidence marks: [P] primary, [O] official secondary,
 * [S] secondary, C = confirmed in §9.
 */
import type Decimal from 'decimal.js';
import type { Month } from './calendar';
import { DomainError } from './errors';
import { Dec } from './money';
import { decree293, decree374, decree58, hiLaw, law41, law74, rule } from './law';

export type Region = 'I' | 'II' | 'III' | 'IV';
export const REGIONS: readonly Region[] = ['I', 'II', 'III', 'IV'];

/** SI retirement & survivorship (HT-TT), SI sickness & maternity (ÔĐ-TS), SI occupational accident & disease (TNLĐ-BNN), HI, UI. */
export type Fund = 'SI_RETIREMENT' | 'SI_SICKNESS' | 'SI_OAOD' | 'HI' | 'UI';
export const FUNDS: readonly Fund[] = ['SI_RETIREMENT', 'SI_SICKNESS', 'SI_OAOD', 'HI', 'UI'];
export type Side = 'employee' | 'employer';
export const SIDES: readonly Side[] = ['employee', 'employer'];

/** Decimal fractions as strings, e.g. '0.08'. */
export interface FundRate {
  employee: string;
  employer: string;
}
export interface RateRow {
  from: Month;
  source: string;
  rates: Record<Fund, FundRate>;
}

/** Build one row: SI retirement (employee, employer), sickness (employer), OA/OD (employer), HI (ee, er), UI (ee, er). */
const rates = (
  retEe: string,
  retEr: string,
  sick: string,
  oaod: string,
  hiEe: string,
  hiEr: string,
  uiEe: string,
  uiEr: string,
): Record<Fund, FundRate> => ({
  SI_RETIREMENT: { employee: retEe, employer: retEr },
  SI_SICKNESS: { employee: '0', employer: sick },
  SI_OAOD: { employee: '0', employer: oaod },
  HI: { employee: hiEe, employer: hiEr },
  UI: { employee: uiEe, employer: uiEr },
});

/** Private-sector employee with an employer-determined wage. */
export const CONTRIBUTION_RATES: readonly RateRow[] = [
  {
    // §9.C: Law 71/2006 Art.91–92: SI 5% / 15% (employer 11% retirement + 3% sickness + 1% OA/OD), C.
    // §9.C: HI 3% = 1% / 2% (Decree 47-CP/1994; still 3% until 2009-12-31 under the 2008 HI Law), C.
    // §9.C: UI 1% / 1% from 2009-01-01 (Law 71/2006), C.
    from: '2009-01',
    source: 'Law 71/2006/QH11 Art.91–92, 102; HI Decree 47-CP/1994 (3%)',
    rates: rates('0.05', '0.11', '0.03', '0.01', '0.01', '0.02', '0.01', '0.01'),
  },
  {
    // §9.C: SI +1 point each side every two years → 6% / 16%; HI 4.5% = 1.5% / 3% from 2010-01-01 (Decree 62/2009), C.
    from: '2010-01',
    source: 'Law 71/2006/QH11 Art.91–92 (6%/16%); Decree 62/2009/NĐ-CP (HI 4.5%)',
    rates: rates('0.06', '0.12', '0.03', '0.01', '0.015', '0.03', '0.01', '0.01'),
  },
  {
    // §9.C: 7% / 17% in 2012–2013, C.
    from: '2012-01',
    source: 'Law 71/2006/QH11 Art.91–92 (7%/17%)',
    rates: rates('0.07', '0.13', '0.03', '0.01', '0.015', '0.03', '0.01', '0.01'),
  },
  {
    // §9.C: 8% / 18% (14 + 3 + 1) from 2014; kept by Law 58/2014 Art.85–86 from 2016, C.
    from: '2014-01',
    source: 'Law 71/2006/QH11 Art.91–92 (8%/18%); Law 58/2014/QH13 Art.85–86',
    rates: rates('0.08', '0.14', '0.03', '0.01', '0.015', '0.03', '0.01', '0.01'),
  },
  {
    // §9.C: OA/OD 1% → 0.5% from 2017-06-01 (Decree 44/2017), C.
    from: '2017-06',
    source: 'Decree 44/2017/NĐ-CP (OA/OD 0.5%)',
    rates: rates('0.08', '0.14', '0.03', '0.005', '0.015', '0.03', '0.01', '0.01'),
  },
  {
    // §9.C: OA/OD 0% from 2021-07-01 to 2022-06-30 (Res. 68/NQ-CP; Decision 23/2021/QĐ-TTg), C.
    from: '2021-07',
    source: 'Resolution 68/NQ-CP; Decision 23/2021/QĐ-TTg (OA/OD 0%)',
    rates: rates('0.08', '0.14', '0.03', '0', '0.015', '0.03', '0.01', '0.01'),
  },
  {
    // §9.C: employer UI 0% from 2021-10-01 to 2022-09-30 (Res. 116/NQ-CP); OA/OD still 0%, C.
    from: '2021-10',
    source: 'Resolution 116/NQ-CP (employer UI 0%); Resolution 68/NQ-CP (OA/OD 0%)',
    rates: rates('0.08', '0.14', '0.03', '0', '0.015', '0.03', '0.01', '0'),
  },
  {
    // §9.C: OA/OD back to 0.5% (Decree 58/2020 Art.4) after Res. 68 ends; employer UI still 0% (Res. 116).
    from: '2022-07',
    source: 'Decree 58/2020/NĐ-CP Art.4 (OA/OD 0.5%); Resolution 116/NQ-CP (employer UI 0%)',
    rates: rates('0.08', '0.14', '0.03', '0.005', '0.015', '0.03', '0.01', '0'),
  },
  {
    // §1: SI 8% / 14% + 3% (Law 41/2024 Art.33(1)(a), 34(1) [P], same figures under Law 58/2014);
    // OA/OD 0.5% (Decree 58/2020 Art.4 [S]); HI 1.5% / 3% (HI Law Art.13, Decree 188/2025 [S]);
    // UI 1% / 1% (Law 38/2013 Art.57; from 2026-01 Law 74/2025 Art.33(1) + Decree 374/2025 Art.4 [O]).
    from: '2022-10',
    source:
      'Law 41/2024/QH15 Art.33–34 (Law 58/2014 before 2025-07); Decree 58/2020 Art.4; HI Law Art.13; Law 74/2025 Art.33 + Decree 374/2025 Art.4 (Law 38/2013 Art.57 before 2026)',
    rates: rates('0.08', '0.14', '0.03', '0.005', '0.015', '0.03', '0.01', '0.01'),
  },
];

/** Base salary (lương cơ sở; before 2013 lương tối thiểu chung) = the SI reference level (Law 41/2024 Art.141(13) [P]). */
export const BASE_SALARY: readonly { from: Month; amount: string; source: string }[] = [
  { from: '2009-05', amount: '650000', source: 'Decree 33/2009/NĐ-CP (§9.A, C)' },
  { from: '2010-05', amount: '730000', source: 'Decree 28/2010/NĐ-CP (§9.A, C)' },
  { from: '2011-05', amount: '830000', source: 'Decree 22/2011/NĐ-CP (§9.A, C)' },
  { from: '2012-05', amount: '1050000', source: 'Decree 31/2012/NĐ-CP (§9.A, C)' },
  { from: '2013-07', amount: '1150000', source: 'Decree 66/2013/NĐ-CP (§9.A, C)' },
  { from: '2016-05', amount: '1210000', source: 'Decree 47/2016/NĐ-CP, applied from 2016-05-01 (§9.A, C)' },
  { from: '2017-07', amount: '1300000', source: 'Decree 47/2017/NĐ-CP (§9.A, C)' },
  { from: '2018-07', amount: '1390000', source: 'Decree 72/2018/NĐ-CP (§9.A, C)' },
  { from: '2019-07', amount: '1490000', source: 'Decree 38/2019/NĐ-CP (§9.A, C); unchanged to 2023-06' },
  { from: '2023-07', amount: '1800000', source: 'Decree 24/2023/NĐ-CP (§9.A, C)' },
  { from: '2024-07', amount: '2340000', source: 'Decree 73/2024/NĐ-CP (§2, §9.A, C)' },
  { from: '2026-07', amount: '2530000', source: 'Decree 161/2026/NĐ-CP (§2 [O]; §9.A: one source)' },
];

const wage = (i: string, ii: string, iii: string, iv: string): Record<Region, string> => ({
  I: i,
  II: ii,
  III: iii,
  IV: iv,
});

/**
 * Regional minimum wage, VND/month. Starts at 2011-10, the first rate common to domestic and
 * foreign-invested firms (rules §9.B). Before that the domestic and FDI rates differed and some
 * domestic regions are unconfirmed, so earlier months throw RATE_NOT_AVAILABLE rather than guess.
 * The "+7% for trained workers" uplift (to 2022-06-30) is not applied: it depends on the worker.
 */
export const REGIONAL_MINIMUM_WAGE: readonly { from: Month; amounts: Record<Region, string>; source: string }[] = [
  {
    from: '2011-10',
    amounts: wage('2000000', '1780000', '1550000', '1400000'),
    source: 'Decree 70/2011/NĐ-CP (§9.B, C)',
  },
  {
    from: '2013-01',
    amounts: wage('2350000', '2100000', '1800000', '1650000'),
    source: 'Decree 103/2012/NĐ-CP (§9.B, C)',
  },
  {
    from: '2014-01',
    amounts: wage('2700000', '2400000', '2100000', '1900000'),
    source: 'Decree 182/2013/NĐ-CP (§9.B, C)',
  },
  {
    from: '2015-01',
    amounts: wage('3100000', '2750000', '2400000', '2150000'),
    source: 'Decree 103/2014/NĐ-CP (§9.B, C)',
  },
  {
    from: '2016-01',
    amounts: wage('3500000', '3100000', '2700000', '2400000'),
    source: 'Decree 122/2015/NĐ-CP (§9.B, C)',
  },
  {
    from: '2017-01',
    amounts: wage('3750000', '3320000', '2900000', '2580000'),
    source: 'Decree 153/2016/NĐ-CP (§9.B, C)',
  },
  {
    from: '2018-01',
    amounts: wage('3980000', '3530000', '3090000', '2760000'),
    source: 'Decree 141/2017/NĐ-CP (§9.B, C)',
  },
  {
    from: '2019-01',
    amounts: wage('4180000', '3710000', '3250000', '2920000'),
    source: 'Decree 157/2018/NĐ-CP (§9.B, C)',
  },
  {
    from: '2020-01',
    amounts: wage('4420000', '3920000', '3430000', '3070000'),
    source: 'Decree 90/2019/NĐ-CP (§9.B, C); unchanged to 2022-06',
  },
  {
    from: '2022-07',
    amounts: wage('4680000', '4160000', '3640000', '3250000'),
    source: 'Decree 38/2022/NĐ-CP (§2, §9.B, C)',
  },
  {
    from: '2024-07',
    amounts: wage('4960000', '4410000', '3860000', '3450000'),
    source: 'Decree 74/2024/NĐ-CP (§2, §9.B, C)',
  },
  {
    from: '2026-01',
    amounts: wage('5310000', '4730000', '4140000', '3700000'),
    source: 'Decree 293/2025/NĐ-CP, signed 10/11/2025 (§2 [O], §9.B, C)',
  },
];

/** SI (and HI) cap = 20 × reference level at the time of contribution (Law 41/2024 Art.31(1)(đ) [P]). */
export const SI_CAP_MULTIPLIER = 20;
/** UI cap = 20 × regional minimum wage at the time of contribution (Law 74/2025 Art.34(2) [O]). */
export const UI_CAP_MULTIPLIER = 20;

/** The row of an effective-dated table in force on the first day of month m. */
export function rowInForce<T extends { from: Month }>(table: readonly T[], m: Month, what: string): T {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m))
    throw new DomainError('INVALID_MONTH', `not a month (YYYY-MM): ${m}`, 'month', undefined, { value: m });
  let found: T | undefined;
  for (const row of table) {
    if (row.from <= m) found = row;
    else break;
  }
  if (!found) {
    throw new DomainError(
      'RATE_NOT_AVAILABLE',
      `no ${what} is recorded for ${m}; the table starts at ${table[0]?.from ?? '(empty)'}`,
      'month',
      { month: m, table: what },
      { month: m, from: table[0]?.from ?? '—' },
    );
  }
  return found;
}

export const ratesFor = rule(
  [
    law41.article(33),
    law41.article(34),
    decree58.article(4),
    hiLaw.article(13),
    law74.article(33, 1),
    decree374.article(4),
  ],
  function ratesFor(m: Month): Record<Fund, FundRate> {
    return rowInForce(CONTRIBUTION_RATES, m, 'contribution rate').rates;
  },
);

export const baseSalaryFor = rule(law41.article(141, 13), function baseSalaryFor(m: Month): Decimal {
  return new Dec(rowInForce(BASE_SALARY, m, 'base salary').amount);
});

export const regionalMinimumWageFor = rule(
  decree293.whole(),
  function regionalMinimumWageFor(m: Month, r: Region): Decimal {
    const row = rowInForce(REGIONAL_MINIMUM_WAGE, m, 'regional minimum wage');
    const amount = row.amounts[r];
    if (amount === undefined)
      throw new DomainError('INVALID_REGION', `not a region: ${String(r)}`, 'region', undefined, {
        value: String(r),
      });
    return new Dec(amount);
  },
);
