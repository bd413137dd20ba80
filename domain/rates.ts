/**
 * Effective-dated tables (rules §2 and §9): contribution rates, base salary (reference level) and
 * regional minimum wages. A month uses the row in force on the first day of that month.
 */
import type Decimal from 'decimal.js';
import { z } from 'zod';
import type { Month } from './calendar';
import { DomainError } from './errors';
import { Dec } from './money';

export type Region = 'I' | 'II' | 'III' | 'IV';
export const REGIONS: readonly Region[] = ['I', 'II', 'III', 'IV'];
export const regionSchema = z.enum(['I', 'II', 'III', 'IV'], { message: 'INVALID_REGION: one of I, II, III, IV' });

export type Fund = 'SI_RETIREMENT' | 'SI_SICKNESS' | 'SI_OAOD' | 'HI' | 'UI';
export const FUNDS: readonly Fund[] = ['SI_RETIREMENT', 'SI_SICKNESS', 'SI_OAOD', 'HI', 'UI'];
export type Side = 'employee' | 'employer';
export interface FundRate {
  employee: string;
  employer: string;
}
export interface RateRow {
  from: Month;
  source: string;
  rates: Record<Fund, FundRate>;
}

const r = (retE: string, retR: string, sick: string, oaod: string, hiE: string, hiR: string, uiE: string, uiR: string): Record<Fund, FundRate> => ({
  SI_RETIREMENT: { employee: retE, employer: retR },
  SI_SICKNESS: { employee: '0', employer: sick },
  SI_OAOD: { employee: '0', employer: oaod },
  HI: { employee: hiE, employer: hiR },
  UI: { employee: uiE, employer: uiR },
});

export const CONTRIBUTION_RATES: readonly RateRow[] = [
  { from: '2009-01', source: 'Law 71/2006 Art.91–92 (SI 5%/11%+3%+1%); HI 1%/2% (Decree 47-CP/1994, HI Law 2008); UI 1%/1%', rates: r('0.05', '0.11', '0.03', '0.01', '0.01', '0.02', '0.01', '0.01') },
  { from: '2010-01', source: 'Law 71/2006 (+1% each side every 2 years); HI 4.5% (Decree 62/2009)', rates: r('0.06', '0.12', '0.03', '0.01', '0.015', '0.03', '0.01', '0.01') },
  { from: '2012-01', source: 'Law 71/2006: SI 7%/13%', rates: r('0.07', '0.13', '0.03', '0.01', '0.015', '0.03', '0.01', '0.01') },
  { from: '2014-01', source: 'Law 71/2006: SI 8%/14%; kept by Law 58/2014 Art.85–86', rates: r('0.08', '0.14', '0.03', '0.01', '0.015', '0.03', '0.01', '0.01') },
  { from: '2017-06', source: 'Decree 44/2017: OA/OD 1% → 0.5%', rates: r('0.08', '0.14', '0.03', '0.005', '0.015', '0.03', '0.01', '0.01') },
  { from: '2021-07', source: 'Resolution 68/NQ-CP, Decision 23/2021/QĐ-TTg: OA/OD 0% 2021-07..2022-06', rates: r('0.08', '0.14', '0.03', '0', '0.015', '0.03', '0.01', '0.01') },
  { from: '2021-10', source: 'Resolution 116/NQ-CP: employer UI 0% 2021-10..2022-09 (OA/OD still 0%)', rates: r('0.08', '0.14', '0.03', '0', '0.015', '0.03', '0.01', '0') },
  { from: '2022-07', source: 'OA/OD back to 0.5% (Decree 58/2020); employer UI still 0% (Res.116)', rates: r('0.08', '0.14', '0.03', '0.005', '0.015', '0.03', '0.01', '0') },
  { from: '2022-10', source: 'Decree 58/2020 OA/OD 0.5%; UI 1%/1% (Law 38/2013 Art.57; from 2026 Law 74/2025 Art.33, Decree 374/2025 Art.4); SI Law 41/2024 Art.33–34 from 2025-07 (same figures)', rates: r('0.08', '0.14', '0.03', '0.005', '0.015', '0.03', '0.01', '0.01') },
];

export const BASE_SALARY: readonly { from: Month; amount: string; source: string }[] = [
  { from: '2009-05', amount: '650000', source: 'Decree 33/2009' },
  { from: '2010-05', amount: '730000', source: 'Decree 28/2010' },
  { from: '2011-05', amount: '830000', source: 'Decree 22/2011' },
  { from: '2012-05', amount: '1050000', source: 'Decree 31/2012' },
  { from: '2013-07', amount: '1150000', source: 'Decree 66/2013' },
  { from: '2016-05', amount: '1210000', source: 'Decree 47/2016' },
  { from: '2017-07', amount: '1300000', source: 'Decree 47/2017' },
  { from: '2018-07', amount: '1390000', source: 'Decree 72/2018' },
  { from: '2019-07', amount: '1490000', source: 'Decree 38/2019' },
  { from: '2023-07', amount: '1800000', source: 'Decree 24/2023' },
  { from: '2024-07', amount: '2340000', source: 'Decree 73/2024' },
  { from: '2026-07', amount: '2530000', source: 'Decree 161/2026/NĐ-CP' },
];

const w = (i: string, ii: string, iii: string, iv: string): Record<Region, string> => ({ I: i, II: ii, III: iii, IV: iv });
export const REGIONAL_MINIMUM_WAGE: readonly { from: Month; amounts: Record<Region, string>; source: string }[] = [
  { from: '2011-10', amounts: w('2000000', '1780000', '1550000', '1400000'), source: 'Decree 70/2011 (first single rate)' },
  { from: '2013-01', amounts: w('2350000', '2100000', '1800000', '1650000'), source: 'Decree 103/2012' },
  { from: '2014-01', amounts: w('2700000', '2400000', '2100000', '1900000'), source: 'Decree 182/2013' },
  { from: '2015-01', amounts: w('3100000', '2750000', '2400000', '2150000'), source: 'Decree 103/2014' },
  { from: '2016-01', amounts: w('3500000', '3100000', '2700000', '2400000'), source: 'Decree 122/2015' },
  { from: '2017-01', amounts: w('3750000', '3320000', '2900000', '2580000'), source: 'Decree 153/2016' },
  { from: '2018-01', amounts: w('3980000', '3530000', '3090000', '2760000'), source: 'Decree 141/2017' },
  { from: '2019-01', amounts: w('4180000', '3710000', '3250000', '2920000'), source: 'Decree 157/2018' },
  { from: '2020-01', amounts: w('4420000', '3920000', '3430000', '3070000'), source: 'Decree 90/2019' },
  { from: '2022-07', amounts: w('4680000', '4160000', '3640000', '3250000'), source: 'Decree 38/2022' },
  { from: '2024-07', amounts: w('4960000', '4410000', '3860000', '3450000'), source: 'Decree 74/2024' },
  { from: '2026-01', amounts: w('5310000', '4730000', '4140000', '3700000'), source: 'Decree 293/2025' },
];

export const SI_CAP_MULTIPLIER = 20; // Law 41/2024 Art.31(1)(đ)
export const UI_CAP_MULTIPLIER = 20; // Law 74/2025 Art.34(2)

function inForce<T extends { from: Month }>(table: readonly T[], m: Month, what: string): T {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) throw new DomainError('INVALID_MONTH', `not a month: ${m}`);
  let found: T | undefined;
  for (const row of table) if (row.from <= m) found = row;
  if (!found) throw new DomainError('RATE_NOT_AVAILABLE', `no ${what} is recorded for ${m} (tables start at ${table[0]!.from})`);
  return found;
}

export const ratesFor = (m: Month): Record<Fund, FundRate> => inForce(CONTRIBUTION_RATES, m, 'contribution rate').rates;
export const baseSalaryFor = (m: Month): Decimal => new Dec(inForce(BASE_SALARY, m, 'base salary').amount);
export const regionalMinimumWageFor = (m: Month, region: Region): Decimal =>
  new Dec(inForce(REGIONAL_MINIMUM_WAGE, m, 'regional minimum wage').amounts[region]);
