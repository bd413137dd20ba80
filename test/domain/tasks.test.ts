/**
 * The work queue's day counts (domain/calendar.ts workingDaysIn, workingDaysLeft) and deadlines
 * (domain/tasks.ts), against the day-by-day definition of a working day (rules §8.12).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addWorkingDays, isWorkingDay, workingDaysIn, workingDaysLeft } from '../../domain/calendar';
import { bankSuspenseDue, isOverdue, onboardingApprovalDue } from '../../domain/tasks';

const day = fc.integer({ min: 0, max: 5 * 366 }).map((n) => addDays('2023-12-01', n));
const naive = (from: string, to: string) => {
  let n = 0;
  for (let d = from; d < to; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
};

describe('working days in the queue', () => {
  it('workingDaysIn counts what isWorkingDay says, day by day (holidays and make-up Saturdays included)', () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        expect(workingDaysIn(a, b)).toBe(naive(a, b));
      }),
      { numRuns: 400 },
    );
    // Tết 2026 (16–20 Feb) and the make-up Saturday 2026-01-10.
    expect(workingDaysIn('2026-02-16', '2026-02-23')).toBe(0);
    expect(workingDaysIn('2026-01-10', '2026-01-11')).toBe(1);
  });

  it('workingDaysLeft: 0 on the due date, n on the day n working days before it, negative once it is behind', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 40 }), (today, n) => {
        const due = addWorkingDays(today, n);
        expect(workingDaysLeft(today, due)).toBe(n);
        expect(workingDaysLeft(addDays(due, 1), due)).toBeLessThan(0);
        expect(isOverdue(addDays(due, 1), due)).toBe(true);
        expect(isOverdue(due, due)).toBe(false);
      }),
      { numRuns: 300 },
    );
    // Due Friday 2026-12-04: on Monday one working day (Friday) is behind.
    expect(workingDaysLeft('2026-12-07', '2026-12-04')).toBe(-1);
    expect(workingDaysLeft('2026-12-05', '2026-12-04')).toBe(-1);
  });

  it('a suspense line is due 5 working days after its import; an onboarding on the 5th working day after registration, rejected automatically 30 days after', () => {
    expect(bankSuspenseDue('2026-11-30')).toBe('2026-12-07');
    expect(onboardingApprovalDue('2026-11-30', 30)).toEqual({ due: '2026-12-07', autoRejectOn: '2026-12-30' });
  });
});
