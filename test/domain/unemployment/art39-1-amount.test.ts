/**
 * The monthly benefit and its cap (Law 74/2025 Art.39(1); Decree 374/2025 Art.15(1); Law 38/2013 Art.50(1)).
 */
import { describe, expect, it } from 'vitest';
import { REGIONAL_MINIMUM_WAGE } from '../../../domain/rates';
import { paid, lastMonths, evaluate } from './fixtures';

describe('amount', () => {
  it('averages the last 6 months in which UI was actually paid, skipping a gap (Law 74/2025 Art.39(1); Decree 374/2025 Art.15(1))', () => {
    // Paid 2025-01..2025-10 at 8,000,000, nothing for 2025-11 and 2025-12, 2026-01..2026-04 at 12,000,000; ended 2026-05-10.
    const r = evaluate({
      terminationDate: '2026-05-10',
      filingDate: '2026-05-12',
      region: 'II',
      contributions: [...paid('2025-01', '2025-10', 8_000_000), ...paid('2026-01', '2026-04', 12_000_000)],
    });
    expect(r.averagedMonths).toEqual(['2026-04', '2026-03', '2026-02', '2026-01', '2025-10', '2025-09']);
    // (4 × 12,000,000 + 2 × 8,000,000) / 6 = 64,000,000 / 6 = 10,666,666.67 → 10,666,667
    expect(r.averageSalary).toBe('10666667');
    // 60% × 64,000,000 / 6 = 6,400,000 (exact); cap 5 × 4,730,000 (region II, 2026-04) = 23,650,000
    expect(r.monthlyBenefit).toBe('6400000');
    expect(r.cap).toBe('23650000');
    expect(r.hiMonthlyContribution).toBe('288000'); // 4.5% × 6,400,000
    expect([r.totalContributionMonths, r.monthsInWindow, r.eligible, r.durationMonths]).toEqual([14, 14, true, 3]);
  });

  it('caps the benefit at 5 × the 2026 region I minimum wage, 5,310,000 → 26,550,000 (Law 74/2025 Art.39(1); Decree 293/2025)', () => {
    const region2026 = REGIONAL_MINIMUM_WAGE.find((row) => row.from === '2026-01')!;
    expect(region2026.amounts.I).toBe('5310000');
    const r = evaluate({ contributions: lastMonths('2026-03', 12, 50_000_000) });
    // 60% × 50,000,000 = 30,000,000 > 26,550,000
    expect([r.averageSalary, r.cap, r.monthlyBenefit, r.capped]).toEqual(['50000000', '26550000', '26550000', true]);
    expect(r.hiMonthlyContribution).toBe('1194750'); // 4.5% × 26,550,000
  });

  it('takes the cap from the last contribution month under Law 74/2025 Art.39(1) and from the termination month under Law 38/2013 Art.50(1)', () => {
    // Law 74: ended 2026-01-20, last paid 2025-12 → 5 × 4,960,000 (Decree 74/2024) = 24,800,000, not 26,550,000.
    const law74 = evaluate({
      terminationDate: '2026-01-20',
      filingDate: '2026-01-22',
      contributions: lastMonths('2025-12', 24, 50_000_000),
    });
    expect([law74.law, law74.capMonth, law74.cap, law74.monthlyBenefit]).toEqual([
      'LAW_74_2025',
      '2025-12',
      '24800000',
      '24800000',
    ]);
    // Law 38: ended 2024-07-05, last paid 2024-06 (4,680,000) → the termination month's 4,960,000 × 5 = 24,800,000.
    const law38 = evaluate({
      terminationDate: '2024-07-05',
      filingDate: '2024-07-08',
      contributions: lastMonths('2024-06', 24, 50_000_000),
    });
    expect([law38.law, law38.capMonth, law38.cap, law38.monthlyBenefit]).toEqual([
      'LAW_38_2013',
      '2024-07',
      '24800000',
      '24800000',
    ]);
  });

  it('rounds the average and the benefit half-up once each, from the unrounded average (rules §8)', () => {
    // Sum = 4 × 10,000,001 + 2 × 10,000,000 = 60,000,004; average 10,000,000.67 → 10,000,001.
    // Benefit = 60% × 60,000,004 / 6 = 6,000,000.4 → 6,000,000 (60% of the ROUNDED average would give 6,000,001).
    const contributions = [
      ...paid('2025-04', '2025-09', 10_000_000),
      ...paid('2025-10', '2026-01', 10_000_001),
      ...paid('2026-02', '2026-03', 10_000_000),
    ];
    const r = evaluate({ contributions });
    expect(r.averagedMonths).toEqual(['2026-03', '2026-02', '2026-01', '2025-12', '2025-11', '2025-10']);
    expect([r.averageSalary, r.monthlyBenefit, r.hiMonthlyContribution]).toEqual(['10000001', '6000000', '270000']);
  });

  it('rounds the 4.5% HI contribution on the benefit half-up to the dong (rules §8)', () => {
    // Sum = 5 × 10,000,000 + 10,001,000 = 60,001,000 → benefit 6,000,100; 4.5% = 270,004.5 → 270,005.
    const r = evaluate({ contributions: [...paid('2025-04', '2026-02'), { month: '2026-03', salary: '10001000' }] });
    expect([r.averageSalary, r.monthlyBenefit, r.hiMonthlyContribution]).toEqual(['10000167', '6000100', '270005']);
  });
});
