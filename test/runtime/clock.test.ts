/**
 * The one clock: ANSINH_TODAY pins the application's date (Asia/Ho_Chi_Minh), the time of day
 * still runs, and workflows learn the shift in whole days.
 */
import { describe, expect, it } from 'vitest';
import { msUntilShiftedDay, shiftedToday, startOfLocalDay } from '../../domain/calendar';
import { createClock } from '../../runtime/clock';
import { loadConfig } from '../../runtime/config';

// 2026-12-01 09:30 in Vietnam is 02:30 UTC.
const real = Date.UTC(2026, 11, 1, 2, 30);

describe('the application clock', () => {
  it('unpinned, it is the source: today is the Vietnam date, the shift is 0', () => {
    const c = createClock({ source: () => real });
    expect(c().getTime()).toBe(real);
    expect(c.today()).toBe('2026-12-01');
    expect(c.offsetDays).toBe(0);
    // 23:30 UTC on 30 November is already 1 December in Vietnam.
    expect(createClock({ source: () => Date.UTC(2026, 10, 30, 23, 30) }).today()).toBe('2026-12-01');
  });

  it('ANSINH_TODAY pins the date, keeps the time of day running, and gives workflows the shift in days', () => {
    let now = real;
    const c = createClock({ pinnedDate: '2028-02-29', source: () => now });
    expect(c.today()).toBe('2028-02-29');
    expect(c().getTime()).toBe(startOfLocalDay('2028-02-29') + 9.5 * 3600_000);
    now += 60_000;
    expect(c().getTime()).toBe(startOfLocalDay('2028-02-29') + 9.5 * 3600_000 + 60_000);
    expect(c.offsetDays).toBe(455);
    // The date stays pinned past local midnight.
    now = Date.UTC(2026, 11, 1, 17, 30); // 00:30 on 2 December in Vietnam
    expect(c.today()).toBe('2028-02-29');
    expect(c.offsetDays).toBe(454);
  });

  it('a workflow that shifts Temporal’s time by offsetDays agrees with the clock, and its timers aim at the unshifted instant', () => {
    const c = createClock({ pinnedDate: '2027-01-01', source: () => real });
    expect(shiftedToday(real, c.offsetDays)).toBe(c.today());
    // Midnight starting 2027-01-02 as the application counts it is 1 day after the real now's day.
    expect(msUntilShiftedDay('2027-01-02', real, c.offsetDays)).toBe(startOfLocalDay('2026-12-02') - real);
  });

  it('configuration refuses an ANSINH_TODAY that is not a calendar date', () => {
    expect(() => loadConfig({ ANSINH_TODAY: '2027-02-29' })).toThrow(/ANSINH_TODAY/);
    expect(() => createClock({ pinnedDate: '2027-13-01' })).toThrow(/ANSINH_TODAY/);
    expect(loadConfig({ ANSINH_TODAY: '2028-02-29' }).clock.today()).toBe('2028-02-29');
  });
});
