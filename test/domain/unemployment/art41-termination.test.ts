/**
 * The end of the benefit and the reserved months (Law 74/2025 Art.41(4)–(5); Decree 374/2025 Art.8).
 */
import { describe, expect, it } from 'vitest';
import {
  BENEFIT_TERMINATION_GROUNDS,
  benefitDurationMonths,
  RESERVING_GROUNDS,
  reservedOnCompletion,
  reservedOnTermination,
  TERMINATION_GROUND_LETTERS,
} from '../../../domain/unemployment';
import { lastMonths, evaluate, domainError } from './fixtures';

describe('duration and reserved months', () => {
  it('reserves the contribution months left after the benefit only when 36 < N ≤ 144 (Law 74/2025 Art.41(5); Decree 374/2025 Art.8)', () => {
    // N → duration → N − duration × 12
    const table: [number, number][] = [
      [36, 0],
      [37, 1],
      [47, 11],
      [48, 0],
      [100, 4],
      [144, 0],
      [145, 0],
      [200, 0],
    ];
    for (const [n, reserved] of table) {
      expect(reservedOnCompletion(n, benefitDurationMonths(n)), `N = ${n}`).toBe(reserved);
      expect(evaluate({ contributions: lastMonths('2026-03', n) }).reservedMonths, `N = ${n}`).toBe(reserved);
    }
    // 12 months of benefit consume at most the months there are.
    expect(evaluate({ contributions: lastMonths('2026-03', 12) }).consumedContributionMonths).toBe(12);
    expect(evaluate({ contributions: lastMonths('2026-03', 37) }).consumedContributionMonths).toBe(36);
    expect(evaluate({ contributions: lastMonths('2026-03', 200) }).consumedContributionMonths).toBe(144);
  });

  it('on early termination reserves N − months paid × 12 for a new job but nothing after 3 missed notices or death (Law 74/2025 Art.41(4)–(5))', () => {
    expect(reservedOnTermination(60, 2, 'new_job')).toBe(36); // 60 − 2 × 12
    expect(reservedOnTermination(60, 2, 'missed_reports')).toBe(0);
    expect(reservedOnTermination(60, 2, 'death')).toBe(0);
    expect(reservedOnTermination(60, 6, 'study')).toBe(0); // 60 − 72 < 0
    expect(reservedOnTermination(30, 1, 'new_job')).toBe(0); // N ≤ 36
    expect(reservedOnTermination(150, 1, 'new_job')).toBe(0); // N > 144
    expect(reservedOnTermination(144, 1, 'own_request')).toBe(132);
    expect(domainError(() => reservedOnTermination(60, -1, 'new_job')).code).toBe('INVALID_ARGUMENT');
  });

  it('maps every termination ground to its letter of Art.41(4) and reserves on letters a, b, g, k, l, m, n (Law 74/2025 Art.41(5))', () => {
    expect(BENEFIT_TERMINATION_GROUNDS.map((g) => TERMINATION_GROUND_LETTERS[g].letter).join('')).toBe('abcdđeghiklmn');
    expect(
      RESERVING_GROUNDS.map((g) => TERMINATION_GROUND_LETTERS[g].letter)
        .sort()
        .join(''),
    ).toBe('abgklmn');
  });
});
