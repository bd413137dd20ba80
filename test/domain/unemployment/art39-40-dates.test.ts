/**
 * The dates of a claim: start (Law 74/2025 Art.39(3); Law 38/2013 Art.50(3)), benefit months
 * (Decree 374/2025 Art.15(2)), the monthly notice (Law 74/2025 Art.40; Decree 374/2025 Art.21) and
 * the payment deadline of a benefit month (Decree 374/2025; procedure 1.014748).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isWorkingDay } from '../../../domain/calendar';
import { REGIONS } from '../../../domain/rates';
import {
  benefitMonthPeriods,
  benefitPaymentDeadline,
  benefitStartDate,
  decisionTimeline,
  evaluateUnemployment,
  reportDeadline,
} from '../../../domain/unemployment';
import { uiCaseSchema } from '../../../domain/unemployment/case';
import { BASE, lastMonths, evaluate, domainError } from './fixtures';

describe('dates', () => {
  it('starts the benefit on the 11th working day after filing, across the Tết 2026 holiday (Law 74/2025 Art.39(3))', () => {
    // Filed Tue 2026-02-10: 11, 12, 13 Feb (1–3); Tết 16–20 Feb and two weekends; 23–27 Feb (4–8); 2, 3, 4 Mar (9–11).
    expect(benefitStartDate('2026-02-10', 'LAW_74_2025')).toBe('2026-03-04');
    // 15 working days: 5, 6, 9, 10 Mar (12–15); reminder 5 before (10th), escalation 2 before (13th).
    expect(decisionTimeline('2026-02-10', 'LAW_74_2025')).toEqual({
      reminderAt: '2026-03-03',
      escalateAt: '2026-03-06',
      deadline: '2026-03-10',
    });
    const r = evaluate({
      terminationDate: '2026-02-06',
      filingDate: '2026-02-10',
      contributions: lastMonths('2026-02', 12),
    });
    expect([r.startDate, r.decisionDeadline]).toEqual(['2026-03-04', '2026-03-10']);
    expect(r.benefitMonths[0]).toEqual({ index: 1, from: '2026-03-04', to: '2026-04-03' });
  });

  it('starts a Law 38/2013 benefit on the 16th calendar day after filing, weekends and holidays included (Law 38/2013 Art.50(3))', () => {
    // Filed Wed 2025-12-10 → Fri 2025-12-26.
    expect(benefitStartDate('2025-12-10', 'LAW_38_2013')).toBe('2025-12-26');
    // 20 working days: Dec 11–31 give 15; 1–2 Jan 2026 are holidays; 5–9 Jan give 16–20.
    expect(decisionTimeline('2025-12-10', 'LAW_38_2013').deadline).toBe('2026-01-09');
  });

  it('runs each benefit month to the day before the same date next month, or to the month end when there is no such date (Decree 374/2025 Art.15(2))', () => {
    expect(benefitMonthPeriods('2026-01-31', 4)).toEqual([
      { index: 1, from: '2026-01-31', to: '2026-02-28' },
      { index: 2, from: '2026-03-01', to: '2026-03-30' },
      { index: 3, from: '2026-03-31', to: '2026-04-30' },
      { index: 4, from: '2026-05-01', to: '2026-05-30' },
    ]);
    expect(benefitMonthPeriods('2026-03-15', 2)).toEqual([
      { index: 1, from: '2026-03-15', to: '2026-04-14' },
      { index: 2, from: '2026-04-15', to: '2026-05-14' },
    ]);
    expect(benefitMonthPeriods('2027-12-30', 3)).toEqual([
      { index: 1, from: '2027-12-30', to: '2028-01-29' },
      { index: 2, from: '2028-01-30', to: '2028-02-29' },
      { index: 3, from: '2028-03-01', to: '2028-03-29' },
    ]);
    expect(benefitMonthPeriods('2026-03-15', 0)).toEqual([]);
  });

  it('sets the monthly notice deadline to the 3rd working day, counting the first day of the month only when it is a working day (Decree 374/2025 Art.21)', () => {
    // Month 2 starting Sat 2026-07-04: Mon 6 (1), Tue 7 (2), Wed 8 (3).
    expect(reportDeadline('2026-07-04', undefined, 2)).toBe('2026-07-08');
    // Month 3 starting Thu 2026-07-02: Thu 2 (1), Fri 3 (2), Mon 6 (3).
    expect(reportDeadline('2026-07-02', undefined, 3)).toBe('2026-07-06');
    // Month 1: 3 working days after the decision of Thu 2026-07-09: Fri 10, Mon 13, Tue 14.
    expect(reportDeadline('2026-07-02', '2026-07-09', 1)).toBe('2026-07-14');
    expect(domainError(() => reportDeadline('2026-07-02', undefined, 1)).code).toBe('INVALID_ARGUMENT');
  });

  it('sets the payment deadline 5 working days after the decision-collection deadline (month 1) or the notice deadline (later months), across weekends (Decree 374/2025; procedure 1.014748)', () => {
    // Decision Thu 2026-07-09 → collect by Tue 14 → pay by 15, 16, 17, 20, 21 → Tue 2026-07-21.
    expect(benefitPaymentDeadline(1, '2026-07-09', '2026-07-14')).toBe('2026-07-21');
    // Notice deadline Mon 2026-07-06 → 7, 8, 9, 10, 13 → Mon 2026-07-13.
    expect(benefitPaymentDeadline(2, '2026-07-09', '2026-07-06')).toBe('2026-07-13');
    // Law 38 (Decree 28/2015 Art.18(2)): 5 working days after the decision (10, 13, 14, 15, 16);
    // later months 5 working days from the 7th day (month from Thu 2026-07-02 → Wed 8 → 9, 10, 13, 14, 15).
    expect(benefitPaymentDeadline(1, '2026-07-09', '2026-07-14', 'LAW_38_2013')).toBe('2026-07-16');
    expect(benefitPaymentDeadline(2, '2026-07-09', '2026-07-06', 'LAW_38_2013', '2026-07-02')).toBe('2026-07-15');
  });

  it('property: an eligible claim pays at most the cap for 3 to 12 contiguous benefit months starting on a working day (Law 74/2025 Art.39)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REGIONS),
        fc.integer({ min: 12, max: 200 }),
        fc.integer({ min: 1, max: 300_000_000 }),
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 89 }),
        (region, n, salary, dayOfYear, filedAfter) => {
          const terminationDate = addDays('2026-01-01', dayOfYear);
          const to = terminationDate.slice(0, 7);
          const r = evaluateUnemployment(
            uiCaseSchema.parse({
              ...BASE,
              region,
              terminationDate,
              filingDate: addDays(terminationDate, filedAfter),
              contributions: lastMonths(to, n, salary),
            }),
          );
          expect(r.eligible).toBe(true);
          expect(BigInt(r.monthlyBenefit) <= BigInt(r.cap)).toBe(true);
          expect(r.durationMonths).toBeGreaterThanOrEqual(3);
          expect(r.durationMonths).toBeLessThanOrEqual(12);
          expect(r.benefitMonths).toHaveLength(r.durationMonths);
          expect(isWorkingDay(r.startDate!)).toBe(true);
          r.benefitMonths.forEach((m, i) => {
            if (i > 0) expect(m.from).toBe(addDays(r.benefitMonths[i - 1]!.to, 1));
            expect(m.from <= m.to).toBe(true);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
