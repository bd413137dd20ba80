/**
 * Arrears: the due date of a period (Law 41/2024 Art.34(4)(a); Decision 595/QĐ-BHXH Art.7), late days
 * (Decree 274/2025; rules §8.2 day count), evasion from day 61 (Decree 274/2025; Law 41/2024 Art.39)
 * and the status of a period. Every expected figure is computed by hand in the comment beside it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../domain/calendar';
import {
  contributionDueDate,
  daysLate,
  daysOutstanding,
  EVASION_FROM_DAY,
  isEvasion,
  LATE_DAYS_END_POINT,
  periodStatus,
} from '../../domain/arrears';
import { lateChargeForPeriod } from '../../domain/late-charges';

const code = (c: string) => expect.objectContaining({ code: c });

describe('contributionDueDate — monthly method', () => {
  it('periods up to 2025-06 are due on the last day of the same month (Decision 595/QĐ-BHXH Art.7)', () => {
    expect(contributionDueDate('2025-06')).toBe('2025-06-30');
    expect(contributionDueDate('2025-05')).toBe('2025-05-31');
    expect(contributionDueDate('2024-02')).toBe('2024-02-29'); // leap year
    expect(contributionDueDate('2016-01')).toBe('2016-01-31');
  });

  it('periods from 2025-07 are due on the last day of the following month (Law 41/2024 Art.34(4)(a))', () => {
    expect(contributionDueDate('2025-07')).toBe('2025-08-31');
    expect(contributionDueDate('2025-08')).toBe('2025-09-30');
    expect(contributionDueDate('2025-12')).toBe('2026-01-31'); // across the year end
    expect(contributionDueDate('2026-01')).toBe('2026-02-28');
    expect(contributionDueDate('2028-01')).toBe('2028-02-29'); // leap year
  });

  it('so no period falls due in July 2025, the month Law 41/2024 took effect (Art.140)', () => {
    expect(contributionDueDate('2025-06').slice(0, 7)).toBe('2025-06');
    expect(contributionDueDate('2025-07').slice(0, 7)).toBe('2025-08');
  });

  it('refuses a malformed period', () => {
    expect(() => contributionDueDate('2025-13')).toThrowError(code('INVALID_MONTH'));
    expect(() => contributionDueDate('2025-7')).toThrowError(code('INVALID_MONTH'));
  });
});

describe('daysLate — counted from the day after the deadline to the day before payment (Decree 274/2025; rules §8, end-point UNCONFIRMED)', () => {
  const deadline = '2025-09-30'; // period 2025-08

  it('the policy is the tax-law convention: the count stops the day before the payment date', () => {
    expect(LATE_DAYS_END_POINT).toBe('day_before_payment');
  });

  it('paid on or before the deadline: 0 days', () => {
    expect(daysLate(deadline, '2025-09-30')).toBe(0);
    expect(daysLate(deadline, '2025-09-01')).toBe(0);
    expect(daysLate(deadline, '2024-01-01')).toBe(0);
  });

  it('paid the day after the deadline: still 0 days (from 1/10 to the day before 1/10 is empty)', () => {
    expect(daysLate(deadline, '2025-10-01')).toBe(0);
  });

  it('paid two days after the deadline: 1 day (1/10 only)', () => {
    expect(daysLate(deadline, '2025-10-02')).toBe(1);
  });

  it('counts calendar days across months and years: deadline 31/01/2026, paid 02/03/2026 → 1/2–1/3 = 29 days', () => {
    expect(daysLate('2026-01-31', '2026-03-02')).toBe(29);
    expect(daysLate('2025-12-31', '2026-01-02')).toBe(1);
  });

  it('refuses malformed dates', () => {
    expect(() => daysLate('2025-09-31', '2025-10-02')).toThrowError(code('INVALID_DATE'));
    expect(() => daysLate(deadline, '2025/10/02')).toThrowError(code('INVALID_DATE'));
  });
});

describe('daysOutstanding — an unpaid amount is counted up to and including the reconciliation date (rules §8)', () => {
  const deadline = '2025-09-30';

  it('0 on or before the deadline, 1 on the day after it', () => {
    expect(daysOutstanding(deadline, '2025-09-15')).toBe(0);
    expect(daysOutstanding(deadline, '2025-09-30')).toBe(0);
    expect(daysOutstanding(deadline, '2025-10-01')).toBe(1);
  });

  it('is one day more than daysLate for a payment made on the same date: paying stops the clock that day', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 4000 }), (k) => {
        const d = addDays(deadline, k);
        expect(daysLate(deadline, d)).toBe(Math.max(0, daysOutstanding(deadline, d) - 1));
      }),
    );
  });
});

describe('evasion from day 61 (Decree 274/2025; Law 41/2024 Art.39)', () => {
  it('day 60 is late, day 61 is evasion', () => {
    expect(EVASION_FROM_DAY).toBe(61);
    expect(isEvasion(0)).toBe(false);
    expect(isEvasion(60)).toBe(false);
    expect(isEvasion(61)).toBe(true);
    expect(isEvasion(365)).toBe(true);
  });

  it('an amount still unpaid: 60 days on 29/11/2025, 61 days (evasion) on 30/11/2025 for the 2025-08 period', () => {
    // deadline 30/09/2025; 1/10–29/11 = 31 + 29 = 60 days
    expect(daysOutstanding('2025-09-30', '2025-11-29')).toBe(60);
    expect(daysOutstanding('2025-09-30', '2025-11-30')).toBe(61);
    expect(
      lateChargeForPeriod({ period: '2025-08', principalDue: 1_000_000, payments: [], asOf: '2025-11-29' }).evasion,
    ).toBe(false);
    expect(
      lateChargeForPeriod({ period: '2025-08', principalDue: 1_000_000, payments: [], asOf: '2025-11-30' }).evasion,
    ).toBe(true);
  });

  it('an amount paid late: paid 30/11/2025 = 60 days (not evasion), paid 01/12/2025 = 61 days (evasion, even once paid)', () => {
    const paidOn30 = lateChargeForPeriod({
      period: '2025-08',
      principalDue: 2_000_000,
      payments: [{ paidOn: '2025-11-30', principal: 2_000_000 }],
      asOf: '2025-12-10',
    });
    // 2,000,000 × 0.0003 = 600/day × 60 = 36,000
    expect(paidOn30).toMatchObject({
      totalCharge: '36000',
      maxDaysLate: 60,
      evasion: false,
      outstandingPrincipal: '0',
    });
    const paidOn1 = lateChargeForPeriod({
      period: '2025-08',
      principalDue: 2_000_000,
      payments: [{ paidOn: '2025-12-01', principal: 2_000_000 }],
      asOf: '2025-12-10',
    });
    // 600/day × 61 = 36,600
    expect(paidOn1).toMatchObject({ totalCharge: '36600', maxDaysLate: 61, evasion: true, outstandingPrincipal: '0' });
  });

  it('refuses negative or fractional day counts', () => {
    expect(() => isEvasion(-1)).toThrowError(code('INVALID_ARGUMENT'));
    expect(() => isEvasion(1.5)).toThrowError(code('INVALID_ARGUMENT'));
  });
});

describe('periodStatus', () => {
  it('compares the principal allocated with the principal due', () => {
    expect(periodStatus('1000', '1000')).toBe('paid');
    expect(periodStatus(0, 0)).toBe('paid'); // nothing due, nothing owed
    expect(periodStatus(1000, 400)).toBe('partially_paid');
    expect(periodStatus(1000, 0)).toBe('unpaid');
    expect(periodStatus(1000, 1001)).toBe('overpaid');
    expect(periodStatus(0, 1)).toBe('overpaid');
    expect(() => periodStatus(-1, 0)).toThrowError(code('INVALID_AMOUNT'));
  });
});
