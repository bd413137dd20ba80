/**
 * How long the benefit is paid (Law 74/2025 Art.39(2); Law 38/2013 Art.50(2)).
 */
import { describe, expect, it } from 'vitest';
import { benefitDurationMonths } from '../../../domain/unemployment';
import { lastMonths, evaluate } from './fixtures';

describe('duration and reserved months', () => {
  it('gives 3 months for 12–36 contribution months, one more per further full 12, at most 12 (Law 74/2025 Art.39(2))', () => {
    const table: [number, number][] = [
      [12, 3],
      [36, 3],
      [47, 3],
      [48, 4],
      [59, 4],
      [60, 5],
      [144, 12],
      [200, 12],
    ];
    for (const [n, months] of table) {
      expect(benefitDurationMonths(n), `N = ${n}`).toBe(months);
      const r = evaluate({ contributions: lastMonths('2026-03', n) });
      expect([r.totalContributionMonths, r.durationMonths, r.benefitMonths.length], `N = ${n}`).toEqual([
        n,
        months,
        months,
      ]);
    }
    expect(benefitDurationMonths(11)).toBe(0);
  });
});
