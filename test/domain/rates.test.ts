/** Effective-dated tables (rules §1, §2, §9): a month uses the row in force on its first day. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, compareMonths } from '../../domain/calendar';
import { DomainError } from '../../domain/errors';
import {
  BASE_SALARY,
  baseSalaryFor,
  CONTRIBUTION_RATES,
  FUNDS,
  ratesFor,
  REGIONAL_MINIMUM_WAGE,
  regionalMinimumWageFor,
  REGIONS,
  SI_CAP_MULTIPLIER,
  UI_CAP_MULTIPLIER,
  type Fund,
  type FundRate,
} from '../../domain/rates';
import { regionSchema } from '../../domain/schemas-fields';

const total = (r: Record<Fund, FundRate>, side: 'employee' | 'employer', funds: Fund[] = [...FUNDS]) =>
  funds.reduce((acc, f) => acc + Math.round(Number(r[f][side]) * 1000), 0) / 10; // in %, exact to 0.1
const SI: Fund[] = ['SI_RETIREMENT', 'SI_SICKNESS', 'SI_OAOD'];

describe('contribution rates by period (rules §9.C)', () => {
  it('2009: SI 5%/15% (Law 71/2006 Art.91–92), HI 1%/2% (3% before Decree 62/2009), UI 1%/1%', () => {
    const r = ratesFor('2009-07');
    expect(total(r, 'employee', SI)).toBe(5);
    expect(total(r, 'employer', SI)).toBe(15);
    expect(r.HI).toEqual({ employee: '0.01', employer: '0.02' });
    expect(r.UI).toEqual({ employee: '0.01', employer: '0.01' });
  });

  it('2009-12 still has HI at 3%; 2010-01 has HI at 4.5% = 1.5% + 3% (Decree 62/2009)', () => {
    expect(total(ratesFor('2009-12'), 'employee', ['HI']) + total(ratesFor('2009-12'), 'employer', ['HI'])).toBe(3);
    expect(ratesFor('2010-01').HI).toEqual({ employee: '0.015', employer: '0.03' });
  });

  it.each([
    ['2010-01', 6, 16],
    ['2011-12', 6, 16],
    ['2012-01', 7, 17],
    ['2013-12', 7, 17],
    ['2014-01', 8, 18],
    ['2017-05', 8, 18],
    ['2017-06', 8, 17.5],
  ])(
    'SI in %s is %d%% employee / %d%% employer (Law 71/2006 steps; Decree 44/2017 OA/OD 0.5%% from 2017-06)',
    (m, ee, er) => {
      expect(total(ratesFor(m), 'employee', SI)).toBe(ee);
      expect(total(ratesFor(m), 'employer', SI)).toBe(er);
    },
  );

  it('OA/OD is 0% from 2021-07 to 2022-06 (Resolution 68/NQ-CP) and 0.5% either side', () => {
    expect(ratesFor('2021-06').SI_OAOD.employer).toBe('0.005');
    expect(ratesFor('2021-07').SI_OAOD.employer).toBe('0');
    expect(ratesFor('2022-06').SI_OAOD.employer).toBe('0');
    expect(ratesFor('2022-07').SI_OAOD.employer).toBe('0.005');
  });

  it('employer UI is 0% from 2021-10 to 2022-09 (Resolution 116/NQ-CP); the employee still pays 1%', () => {
    expect(ratesFor('2021-09').UI).toEqual({ employee: '0.01', employer: '0.01' });
    expect(ratesFor('2021-10').UI).toEqual({ employee: '0.01', employer: '0' });
    expect(ratesFor('2022-09').UI).toEqual({ employee: '0.01', employer: '0' });
    expect(ratesFor('2022-10').UI).toEqual({ employee: '0.01', employer: '0.01' });
  });

  it('from 2022-10 to today: 10.5% employee and 21.5% employer (rules §1: Law 41/2024 Art.33–34, Decree 58/2020, Decree 374/2025)', () => {
    for (const m of ['2022-10', '2025-07', '2026-01', '2026-07', '2030-12']) {
      expect(total(ratesFor(m), 'employee')).toBe(10.5);
      expect(total(ratesFor(m), 'employer')).toBe(21.5);
    }
    const r = ratesFor('2026-07');
    expect(r.SI_RETIREMENT).toEqual({ employee: '0.08', employer: '0.14' });
    expect(r.SI_SICKNESS).toEqual({ employee: '0', employer: '0.03' });
  });

  it('has no rate before 2009-01 (RATE_NOT_AVAILABLE) and rejects a malformed month (INVALID_MONTH)', () => {
    expect(() => ratesFor('2008-12')).toThrow(DomainError);
    try {
      ratesFor('2008-12');
    } catch (e) {
      expect((e as DomainError).code).toBe('RATE_NOT_AVAILABLE');
    }
    expect(() => ratesFor('2026-13')).toThrowError(expect.objectContaining({ code: 'INVALID_MONTH' }));
  });
});

describe('base salary — the SI reference level (rules §2, §9.A)', () => {
  it.each([
    ['2009-05', '650000'], // Decree 33/2009
    ['2010-04', '650000'],
    ['2010-05', '730000'], // Decree 28/2010
    ['2011-05', '830000'], // Decree 22/2011
    ['2012-05', '1050000'], // Decree 31/2012
    ['2013-07', '1150000'], // Decree 66/2013
    ['2016-04', '1150000'],
    ['2016-05', '1210000'], // Decree 47/2016, applied from 05-01
    ['2017-07', '1300000'], // Decree 47/2017
    ['2018-07', '1390000'], // Decree 72/2018
    ['2019-07', '1490000'], // Decree 38/2019
    ['2023-06', '1490000'], // no change 2019-07 … 2023-06
    ['2023-07', '1800000'], // Decree 24/2023
    ['2024-07', '2340000'], // Decree 73/2024
    ['2026-06', '2340000'],
    ['2026-07', '2530000'], // Decree 161/2026
  ])('in %s is %s VND', (m, amount) => {
    expect(baseSalaryFor(m).toFixed(0)).toBe(amount);
  });

  it('gives SI caps of 46,800,000 (2024-07) and 50,600,000 (2026-07) at 20× (Law 41/2024 Art.31(1)(đ))', () => {
    expect(SI_CAP_MULTIPLIER).toBe(20);
    expect(baseSalaryFor('2024-07').times(SI_CAP_MULTIPLIER).toFixed(0)).toBe('46800000');
    expect(baseSalaryFor('2026-07').times(SI_CAP_MULTIPLIER).toFixed(0)).toBe('50600000');
  });

  it('is not recorded before 2009-05', () => {
    expect(() => baseSalaryFor('2009-04')).toThrowError(expect.objectContaining({ code: 'RATE_NOT_AVAILABLE' }));
  });
});

describe('regional minimum wage (rules §2, §9.B)', () => {
  it.each([
    ['2011-10', ['2000000', '1780000', '1550000', '1400000']], // Decree 70/2011, first single rate
    ['2012-12', ['2000000', '1780000', '1550000', '1400000']],
    ['2013-01', ['2350000', '2100000', '1800000', '1650000']], // Decree 103/2012
    ['2014-01', ['2700000', '2400000', '2100000', '1900000']], // Decree 182/2013
    ['2015-01', ['3100000', '2750000', '2400000', '2150000']], // Decree 103/2014
    ['2016-01', ['3500000', '3100000', '2700000', '2400000']], // Decree 122/2015
    ['2017-01', ['3750000', '3320000', '2900000', '2580000']], // Decree 153/2016
    ['2018-01', ['3980000', '3530000', '3090000', '2760000']], // Decree 141/2017
    ['2019-01', ['4180000', '3710000', '3250000', '2920000']], // Decree 157/2018
    ['2022-06', ['4420000', '3920000', '3430000', '3070000']], // Decree 90/2019, unchanged to 2022-06
    ['2022-07', ['4680000', '4160000', '3640000', '3250000']], // Decree 38/2022
    ['2024-07', ['4960000', '4410000', '3860000', '3450000']], // Decree 74/2024
    ['2025-12', ['4960000', '4410000', '3860000', '3450000']],
    ['2026-01', ['5310000', '4730000', '4140000', '3700000']], // Decree 293/2025
  ])('in %s is I/II/III/IV = %j', (m, amounts) => {
    expect(REGIONS.map((r) => regionalMinimumWageFor(m, r).toFixed(0))).toEqual(amounts);
  });

  it('gives the 2026 UI caps of rules §2 at 20× (Law 74/2025 Art.34(2)): 106.2M / 94.6M / 82.8M / 74.0M', () => {
    expect(UI_CAP_MULTIPLIER).toBe(20);
    expect(REGIONS.map((r) => regionalMinimumWageFor('2026-01', r).times(UI_CAP_MULTIPLIER).toFixed(0))).toEqual([
      '106200000',
      '94600000',
      '82800000',
      '74000000',
    ]);
    expect(REGIONS.map((r) => regionalMinimumWageFor('2024-07', r).times(UI_CAP_MULTIPLIER).toFixed(0))).toEqual([
      '99200000',
      '88200000',
      '77200000',
      '69000000',
    ]);
  });

  it('is not available before 2011-10, when domestic and FDI rates still differed', () => {
    expect(() => regionalMinimumWageFor('2011-09', 'I')).toThrowError(
      expect.objectContaining({ code: 'RATE_NOT_AVAILABLE' }),
    );
  });

  it('regionSchema accepts I–IV only', () => {
    expect(regionSchema.parse('III')).toBe('III');
    expect(regionSchema.safeParse('V').success).toBe(false);
    expect(regionSchema.safeParse('i').success).toBe(false);
  });
});

describe('table invariants', () => {
  const tables = { CONTRIBUTION_RATES, BASE_SALARY, REGIONAL_MINIMUM_WAGE };

  it.each(Object.entries(tables))('%s is strictly increasing by month and every row cites a source', (_name, table) => {
    for (let i = 1; i < table.length; i++) expect(compareMonths(table[i - 1]!.from, table[i]!.from)).toBe(-1);
    for (const row of table) expect(row.source.length).toBeGreaterThan(5);
  });

  it('every rate is a decimal fraction in [0, 0.2] and every amount a positive integer string', () => {
    for (const row of CONTRIBUTION_RATES)
      for (const f of FUNDS)
        for (const side of ['employee', 'employer'] as const) {
          expect(row.rates[f][side]).toMatch(/^0(\.\d+)?$/);
          expect(Number(row.rates[f][side])).toBeLessThanOrEqual(0.2);
        }
    for (const row of BASE_SALARY) expect(row.amount).toMatch(/^[1-9]\d*$/);
    for (const row of REGIONAL_MINIMUM_WAGE) for (const r of REGIONS) expect(row.amounts[r]).toMatch(/^[1-9]\d*$/);
  });

  it('region I ≥ II ≥ III ≥ IV in every row, and wages never fall over time', () => {
    for (const row of REGIONAL_MINIMUM_WAGE) {
      const a = REGIONS.map((r) => Number(row.amounts[r]));
      expect([...a].sort((x, y) => y - x)).toEqual(a);
    }
    for (let i = 1; i < BASE_SALARY.length; i++)
      expect(Number(BASE_SALARY[i]!.amount)).toBeGreaterThan(Number(BASE_SALARY[i - 1]!.amount));
  });

  it('a month uses the last row whose start is not after it (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 * 20 }), (k) => {
        const m = addMonths('2011-10', k);
        const row = [...REGIONAL_MINIMUM_WAGE].reverse().find((r) => r.from <= m)!;
        expect(regionalMinimumWageFor(m, 'II').toFixed(0)).toBe(row.amounts.II);
        const rateRow = [...CONTRIBUTION_RATES].reverse().find((r) => r.from <= m)!;
        expect(ratesFor(m)).toBe(rateRow.rates);
      }),
    );
  });
});
