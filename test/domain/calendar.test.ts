/** Months, dates, Vietnam time (UTC+7) and working days (rules §8: Mon–Fri minus the holiday table). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addWorkingDays,
  compareMonths,
  dayOfWeek,
  firstDayOf,
  isWorkingDay,
  lastDayOf,
  localDateOf,
  MAKEUP_WORKING_DAYS,
  monthOf,
  monthsBetween,
  nthWorkingDayAfter,
  PUBLIC_HOLIDAYS,
  startOfLocalDay,
  TIME_ZONE,
  workingDayDeadline,
} from '../../domain/calendar';
import { isoDateSchema, monthSchema } from '../../domain/schemas-fields';

const H = 3_600_000;

describe('months and dates', () => {
  it('adds months across year ends in both directions', () => {
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-07', 0)).toBe('2026-07');
    expect(addMonths('2009-01', 12 * 17 + 6)).toBe('2026-07');
    expect(addMonths('2026-03', -27)).toBe('2023-12');
  });

  it('compares months and counts the months between them', () => {
    expect(compareMonths('2025-12', '2026-01')).toBeLessThan(0);
    expect(compareMonths('2026-01', '2026-01')).toBe(0);
    expect(compareMonths('2026-10', '2026-09')).toBeGreaterThan(0);
    expect(monthsBetween('2025-07', '2026-07')).toBe(12);
  });

  it('knows month lengths, including leap Februaries', () => {
    expect(firstDayOf('2026-02')).toBe('2026-02-01');
    expect(lastDayOf('2026-02')).toBe('2026-02-28');
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2100-02')).toBe('2100-02-28');
    expect(lastDayOf('2000-02')).toBe('2000-02-29');
    expect(lastDayOf('2026-04')).toBe('2026-04-30');
    expect(lastDayOf('2026-12')).toBe('2026-12-31');
    expect(monthOf('2026-07-15')).toBe('2026-07');
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(dayOfWeek('2026-07-01')).toBe(3); // a Wednesday
  });

  it('validates months and real calendar dates with zod', () => {
    expect(monthSchema.safeParse('2026-07').success).toBe(true);
    for (const m of ['2026-13', '2026-00', '2026-7', '26-07', '2026/07'])
      expect(monthSchema.safeParse(m).success).toBe(false);
    expect(isoDateSchema.safeParse('2024-02-29').success).toBe(true);
    for (const d of ['2026-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-1-01', '2026-01-01T00:00'])
      expect(isoDateSchema.safeParse(d).success).toBe(false);
  });

  it('throws a DomainError with a code on malformed input rather than computing nonsense', () => {
    expect(() => addMonths('2026-13', 1)).toThrowError(
      expect.objectContaining({ name: 'DomainError', code: 'INVALID_MONTH' }),
    );
    expect(() => addDays('2026-02-30', 1)).toThrowError(expect.objectContaining({ code: 'INVALID_DATE' }));
    expect(() => monthOf('2026-02-30')).toThrowError(expect.objectContaining({ code: 'INVALID_DATE' }));
    expect(() => addMonths('2026-01', 1.5)).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('addMonths and monthsBetween are inverse (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -600, max: 600 }),
        (y, mo, n) => {
          const m = `${y}-${String(mo).padStart(2, '0')}`;
          const m2 = addMonths(m, n);
          expect(monthSchema.safeParse(m2).success).toBe(true);
          expect(monthsBetween(m, m2)).toBe(n);
          expect(addMonths(m2, -n)).toBe(m);
          expect(Math.sign(compareMonths(m, m2)) + Math.sign(n)).toBe(0);
        },
      ),
    );
  });
});

describe('Vietnam time: Asia/Ho_Chi_Minh is UTC+7 all year', () => {
  it('names the zone', () => {
    expect(TIME_ZONE).toBe('Asia/Ho_Chi_Minh');
  });

  it('puts 17:00 UTC at midnight of the next Vietnam day', () => {
    expect(localDateOf(Date.UTC(2026, 6, 1, 16, 59, 59, 999))).toBe('2026-07-01');
    expect(localDateOf(Date.UTC(2026, 6, 1, 17, 0, 0, 0))).toBe('2026-07-02');
    expect(startOfLocalDay('2026-07-02')).toBe(Date.UTC(2026, 6, 1, 17));
  });

  it('agrees with the platform time-zone database for any instant 2000–2100 (property)', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(localDateOf(ms)).toBe(fmt.format(ms));
      }),
    );
  });

  it('startOfLocalDay is the first instant of localDateOf (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const d = localDateOf(ms);
        const start = startOfLocalDay(d);
        expect(start).toBeLessThanOrEqual(ms);
        expect(ms - start).toBeLessThan(24 * H);
        expect(localDateOf(start)).toBe(d);
        expect(localDateOf(start - 1)).toBe(addDays(d, -1));
      }),
    );
  });
});

describe('public holidays 2024–2027 (Labour Code 2019 Art.111–112 and each year’s official plan)', () => {
  it('lists only weekdays, sorted, without duplicates, within 2024–2027', () => {
    expect([...PUBLIC_HOLIDAYS].sort()).toEqual([...PUBLIC_HOLIDAYS]);
    expect(new Set(PUBLIC_HOLIDAYS).size).toBe(PUBLIC_HOLIDAYS.length);
    for (const d of PUBLIC_HOLIDAYS) {
      expect(isoDateSchema.safeParse(d).success).toBe(true);
      expect([0, 6]).not.toContain(dayOfWeek(d));
      expect(d >= '2024-01-01' && d <= '2027-12-31').toBe(true);
    }
  });

  it('closes Tết 2026 from Mon 16 to Fri 20 February (Ministry of Home Affairs plan: 14–22/2/2026)', () => {
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'])
      expect(isWorkingDay(d)).toBe(false);
    expect(isWorkingDay('2026-02-13')).toBe(true);
    expect(isWorkingDay('2026-02-23')).toBe(true);
  });

  it('closes Tết 2025 from 27 to 31 January (PM approval, 26/11/2024) and Tết 2024 on 8–9 and 12–14 February', () => {
    for (const d of ['2025-01-27', '2025-01-31', '2024-02-08', '2024-02-09', '2024-02-12', '2024-02-14'])
      expect(isWorkingDay(d)).toBe(false);
    expect(isWorkingDay('2025-02-03')).toBe(true);
    expect(isWorkingDay('2024-02-15')).toBe(true);
  });

  it('gives a compensatory Monday 27/4/2026 for Hùng Kings Day on Sunday 26/4 (Labour Code Art.111(3))', () => {
    expect(isWorkingDay('2026-04-27')).toBe(false);
    expect(isWorkingDay('2026-04-28')).toBe(true);
  });

  it('swaps working days officially: 2/1/2026 off and Saturday 10/1/2026 worked; 31/8/2026 off and Saturday 22/8 worked', () => {
    expect(isWorkingDay('2026-01-02')).toBe(false);
    expect(isWorkingDay('2026-01-10')).toBe(true);
    expect(isWorkingDay('2026-08-31')).toBe(false);
    expect(isWorkingDay('2026-08-22')).toBe(true);
    expect(isWorkingDay('2026-09-01')).toBe(false);
    expect(isWorkingDay('2026-09-02')).toBe(false);
    expect(isWorkingDay('2026-09-03')).toBe(true);
    for (const d of MAKEUP_WORKING_DAYS) expect(dayOfWeek(d)).toBe(6);
  });

  it('keeps National Day 2025 on Mon 1 and Tue 2 September (Ministry of Home Affairs notice)', () => {
    expect(isWorkingDay('2025-09-01')).toBe(false);
    expect(isWorkingDay('2025-09-02')).toBe(false);
    expect(isWorkingDay('2025-09-03')).toBe(true);
  });

  it('treats weekends as non-working and ordinary weekdays as working', () => {
    expect(isWorkingDay('2026-07-04')).toBe(false); // Saturday
    expect(isWorkingDay('2026-07-05')).toBe(false); // Sunday
    expect(isWorkingDay('2026-07-06')).toBe(true); // Monday
  });

  it('closes on the 11 statutory days of Art.112 each year (moved off weekends), plus that year’s official swaps', () => {
    // Off weekdays per year = 11 statutory days (Art.112) + swapped days; 2024 has 1 swap, 2025 1, 2026 2, 2027 0.
    const perYear = (y: string) => PUBLIC_HOLIDAYS.filter((d) => d.startsWith(y)).length;
    expect(perYear('2024')).toBe(11 + 1);
    expect(perYear('2025')).toBe(11 + 1);
    expect(perYear('2026')).toBe(11 + 2);
    expect(perYear('2027')).toBe(11);
  });
});

describe('working-day arithmetic', () => {
  it('counts strictly after the start date, skipping weekends', () => {
    expect(addWorkingDays('2026-07-01', 0)).toBe('2026-07-01');
    expect(addWorkingDays('2026-07-01', 1)).toBe('2026-07-02');
    expect(addWorkingDays('2026-07-03', 1)).toBe('2026-07-06'); // Fri → Mon
    expect(addWorkingDays('2026-07-04', 1)).toBe('2026-07-06'); // from a Saturday
    expect(addWorkingDays('2026-07-01', 5)).toBe('2026-07-08');
    expect(nthWorkingDayAfter('2026-07-01', 5)).toBe('2026-07-08');
  });

  it('jumps the Tết 2026 closure: 5 working days after Thu 12/2/2026 is Thu 26/2 (Law 41/2024 Art.28(4) book-issue window)', () => {
    // working days: Fri 13, Mon 23, Tue 24, Wed 25, Thu 26
    expect(addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
  });

  it('jumps 30/4–1/5 2026 and the 27/4 compensatory day', () => {
    // from Fri 24/4/2026: Tue 28, Wed 29, Mon 4/5
    expect(addWorkingDays('2026-04-24', 3)).toBe('2026-05-04');
  });

  it('rejects a negative or fractional count', () => {
    expect(() => addWorkingDays('2026-07-01', -1)).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => addWorkingDays('2026-07-01', 1.5)).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('ends a deadline at 00:00 Vietnam time after the n-th working day', () => {
    // Submitted Wed 1/7/2026 at 23:30 Vietnam time (16:30 UTC): 5 working days → end of Wed 8/7
    const from = Date.UTC(2026, 6, 1, 16, 30);
    expect(workingDayDeadline(from, 5)).toBe(Date.UTC(2026, 6, 8, 17)); // 00:00 of 9/7 in Vietnam
    // Submitted Wed 1/7 at 00:30 Vietnam time (= 30/6 17:30 UTC) still counts from 1/7
    expect(workingDayDeadline(Date.UTC(2026, 5, 30, 17, 30), 5)).toBe(Date.UTC(2026, 6, 8, 17));
    // n = 0: end of the same Vietnam day
    expect(workingDayDeadline(from, 0)).toBe(Date.UTC(2026, 6, 1, 17));
  });

  it('the n-th working day after d is a working day, later than d, with exactly n working days in (d, result] (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 * 366 }), fc.integer({ min: 1, max: 40 }), (offset, n) => {
        const d = addDays('2024-01-01', offset);
        const r = addWorkingDays(d, n);
        expect(r > d).toBe(true);
        expect(isWorkingDay(r)).toBe(true);
        let count = 0;
        for (let c = addDays(d, 1); c <= r; c = addDays(c, 1)) if (isWorkingDay(c)) count++;
        expect(count).toBe(n);
        expect(addWorkingDays(addWorkingDays(d, 1), n - 1)).toBe(r);
      }),
    );
  });

  it('a deadline is always after the start and at a Vietnam midnight (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 10, 1) }),
        fc.integer({ min: 0, max: 30 }),
        (ms, n) => {
          const dl = workingDayDeadline(ms, n);
          expect(dl).toBeGreaterThan(ms);
          expect(startOfLocalDay(localDateOf(dl))).toBe(dl);
        },
      ),
    );
  });
});
