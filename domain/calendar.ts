/**
 * Months ('YYYY-MM'), dates ('YYYY-MM-DD'), working days and public holidays, in Vietnam time
 * (Asia/Ho_Chi_Minh = UTC+7, no daylight saving since 1975). Pure: no clock is read here; every
 * `Date` is built from an explicit number and read in UTC only.
 */
import { DomainError } from './errors';
import { ansinh, civilCode, labourCode, rule } from './law';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** Vietnam is UTC+7 all year round. */
export const UTC_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type Month = string;
export type IsoDate = string;

/** 'YYYY-MM' (domain/schemas-fields.ts monthSchema checks with it too). */
export const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** 'YYYY-MM-DD' as written; whether it is a calendar date is `isIsoDate`. */
export const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UTC midnight of a real calendar date, or null (rejects 2026-02-30, 2026-13-01, …). */
function toUtcMs(d: string): number | null {
  const m = DATE_RE.exec(d);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const da = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, da);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === da ? ms : null;
}

export const isMonth = (m: string): boolean => MONTH_RE.test(m);
export const isIsoDate = (d: string): boolean => toUtcMs(d) !== null;

function utcMs(d: IsoDate): number {
  const ms = toUtcMs(d);
  if (ms === null)
    throw new DomainError('INVALID_DATE', `not a calendar date (YYYY-MM-DD): ${d}`, 'date', undefined, {
      value: String(d),
    });
  return ms;
}

function parseMonth(m: Month): [number, number] {
  const r = MONTH_RE.exec(m);
  if (!r)
    throw new DomainError('INVALID_MONTH', `not a month (YYYY-MM): ${m}`, 'month', undefined, { value: String(m) });
  return [Number(r[1]), Number(r[2])];
}

function wholeNumber(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new DomainError('INVALID_ARGUMENT', `${what} must be a whole number: ${n}`);
}

function isoFromUtcMs(ms: number): IsoDate {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) throw new DomainError('INVALID_DATE', `date out of range (years 0000–9999): ${ms}`);
  return d.toISOString().slice(0, 10);
}

export function addMonths(m: Month, n: number): Month {
  const [y, mo] = parseMonth(m);
  wholeNumber(n, 'months');
  const idx = y * 12 + (mo - 1) + n;
  const year = Math.floor(idx / 12);
  if (year < 0 || year > 9999) throw new DomainError('INVALID_MONTH', `month out of range: ${m} + ${n}`, 'month');
  return `${String(year).padStart(4, '0')}-${String(idx - year * 12 + 1).padStart(2, '0')}`;
}

/** Negative, zero or positive, as for Array.sort. */
export function compareMonths(a: Month, b: Month): number {
  parseMonth(a);
  parseMonth(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole months from a to b (b − a). */
export function monthsBetween(a: Month, b: Month): number {
  const [ya, ma] = parseMonth(a);
  const [yb, mb] = parseMonth(b);
  return (yb - ya) * 12 + (mb - ma);
}

export function monthOf(d: IsoDate): Month {
  utcMs(d);
  return d.slice(0, 7);
}

export function firstDayOf(m: Month): IsoDate {
  parseMonth(m);
  return `${m}-01`;
}

export function lastDayOf(m: Month): IsoDate {
  const [y, mo] = parseMonth(m);
  return isoFromUtcMs(Date.UTC(y, mo, 0)); // day 0 of the next month
}

export function addDays(d: IsoDate, n: number): IsoDate {
  wholeNumber(n, 'days');
  return isoFromUtcMs(utcMs(d) + n * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: IsoDate): number {
  return new Date(utcMs(d)).getUTCDay();
}

/** The calendar date in Vietnam at an instant. */
export function localDateOf(epochMs: number): IsoDate {
  if (!Number.isFinite(epochMs)) throw new DomainError('INVALID_ARGUMENT', `not an instant: ${epochMs}`);
  return isoFromUtcMs(epochMs + UTC_OFFSET_MS);
}

/** b − a in calendar days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((utcMs(b) - utcMs(a)) / DAY_MS);
}

/**
 * Today for workflow code: the instant it is given (a workflow passes Temporal's deterministic,
 * replayed time; nothing here reads a clock) shifted by the application clock's `offsetDays` (runtime/clock.ts: non-zero only when ANSINH_TODAY pins
 * the date), so a workflow and the API agree on the date.
 */
export function shiftedToday(epochMs: number, offsetDays = 0): IsoDate {
  return addDays(localDateOf(epochMs), offsetDays);
}

/** Milliseconds from `epochMs` until 00:00 Vietnam time of the shifted date `d` (at least 1: a timer of 0 never fires). */
export function msUntilShiftedDay(d: IsoDate, epochMs: number, offsetDays = 0): number {
  return Math.max(1, startOfLocalDay(addDays(d, -offsetDays)) - epochMs);
}

/** The instant of 00:00 Vietnam time on a date. */
export function startOfLocalDay(d: IsoDate): number {
  return utcMs(d) - UTC_OFFSET_MS;
}

/**
 * Official days off for state agencies (the SI agency is one), 2024–2027: the holidays of
 * Labour Code 2019 Art.112 (New Year 1 day, Tết 5 days, Hùng Kings 10/3 lunar, 30/4, 1/5,
 * National Day 2/9 plus the day before or after), the compensatory weekdays of Art.111(3) when a
 * holiday falls on a weekend, and the days made holidays by an official swap (the Saturday worked
 * in exchange is in MAKEUP_WORKING_DAYS). Weekdays only: weekends are non-working anyway.
 * Lunar dates (Tết, 10/3) were checked with Ho Ngoc Duc's lunar-calendar algorithm for UTC+7,
 * which reproduces the announced Tết dates of 2024–2026.
 * Not included: Ngày Văn hóa Việt Nam (24/11) — Politburo policy and Government Resolution
 * 30/NQ-CP (02/2026) ask for Labour Code Art.112 to be amended; not yet law in the sources seen.
 * Outside 2024–2027 only weekends are non-working: extend the table each year.
 */
export const PUBLIC_HOLIDAYS: readonly IsoDate[] = [
  // 2024 — Tết 8–14/2 (PM-approved plan: vietnamnews.vn/society/1636141; en.vietnamplus.vn/…/270740.vnp);
  // 29/4 swapped for Sat 4/5 (en.sggp.org.vn/…-post109431.html); National Day 31/8–3/9
  // (vietnamnews.vn/society/1636141; en.sggp.org.vn/national-day-holiday-to-last-four-days-post111612.html).
  '2024-01-01', // New Year (Mon)
  '2024-02-08',
  '2024-02-09', // 29, 30 Chạp Quý Mão
  '2024-02-12',
  '2024-02-13',
  '2024-02-14', // mùng 3; compensatory for mùng 1–2 (Sat–Sun)
  '2024-04-18', // Hùng Kings, 10/3 Giáp Thìn (Thu)
  '2024-04-29', // swap (worked Sat 2024-05-04)
  '2024-04-30',
  '2024-05-01',
  '2024-09-02',
  '2024-09-03', // National Day (Mon) + day after
  // 2025 — Tết 27–31/1 (PM approval 26/11/2024: en.sggp.org.vn/prime-minister-approves-9-day-tet-break-for-2025-post114084.html);
  // 30/4–4/5 with 2/5 swapped for Sat 26/4 (MOLISA plan, en.sggp.org.vn/…-post114254.html);
  // National Day 30/8–2/9 with 1/9 (Ministry of Home Affairs: vietnamnews.vn/society/1722634).
  '2025-01-01', // New Year (Wed)
  '2025-01-27',
  '2025-01-28',
  '2025-01-29',
  '2025-01-30',
  '2025-01-31', // 28 Chạp Giáp Thìn – mùng 3 Ất Tỵ
  '2025-04-07', // Hùng Kings, 10/3 Ất Tỵ (Mon)
  '2025-04-30',
  '2025-05-01',
  '2025-05-02', // swap (worked Sat 2025-04-26)
  '2025-09-01',
  '2025-09-02',
  // 2026 — New Year 1–4/1 with 2/1 swapped for Sat 10/1 (Official Letter 12729/VPCP-KGVX, 25/12/2025, as
  // reported by the press [S]); Tết 14–22/2 with 16–20/2 off and National Day 29/8–2/9 with 31/8 swapped
  // for Sat 22/8 (Ministry of Home Affairs notice: vietnamnews.vn/politics-laws/1727514; PM approval:
  // en.sggp.org.vn/prime-minister-approves-9-day-tet-break-for-2026-post120979.html).
  '2026-01-01', // New Year (Thu)
  '2026-01-02', // swap (worked Sat 2026-01-10)
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20', // 29 Chạp Ất Tỵ – mùng 4 Bính Ngọ
  '2026-04-27', // compensatory: Hùng Kings 10/3 Bính Ngọ falls on Sun 2026-04-26 (Art.111(3))
  '2026-04-30',
  '2026-05-01', // Thu, Fri
  '2026-08-31', // swap (worked Sat 2026-08-22)
  '2026-09-01',
  '2026-09-02',
  // 2027 — UNCONFIRMED: no official plan found for Tết or National Day 2027. Computed from the Labour
  // Code and the lunar calendar (Tết Đinh Mùi = Sat 2027-02-06; 10/3 = Fri 2027-04-16). Tết assumed
  // as in 2024 (New Year also on a Saturday): 28–29 Chạp + mùng 1–3, with mùng 1–2 compensated.
  '2027-01-01', // New Year (Fri)
  '2027-02-04',
  '2027-02-05', // 28, 29 Chạp Bính Ngọ (29 Chạp is New Year's Eve: the month has 29 days)
  '2027-02-08',
  '2027-02-09',
  '2027-02-10', // mùng 3; compensatory for mùng 1–2 (Sat–Sun)
  '2027-04-16', // Hùng Kings (Fri)
  '2027-04-30', // Fri
  '2027-05-03', // compensatory: 1/5 falls on Saturday
  '2027-09-02',
  '2027-09-03', // National Day (Thu) + assumed day after (the Government picks before or after)
];

/** Saturdays worked in exchange for a swapped weekday off (see PUBLIC_HOLIDAYS): working days. */
export const MAKEUP_WORKING_DAYS: readonly IsoDate[] = [
  '2024-05-04', // for 2024-04-29
  '2025-04-26', // for 2025-05-02
  '2026-01-10', // for 2026-01-02
  '2026-08-22', // for 2026-08-31
];

const HOLIDAYS: ReadonlySet<string> = new Set(PUBLIC_HOLIDAYS);
const MAKEUP: ReadonlySet<string> = new Set(MAKEUP_WORKING_DAYS);

/**
 * Monday–Friday minus PUBLIC_HOLIDAYS (rules §8), plus the official make-up Saturdays: a swap
 * moves a working day, it does not remove one.
 */
export const isWorkingDay = rule(
  [labourCode.article(111, 3), labourCode.article(112), ansinh.decision('8.12')],
  function isWorkingDay(d: IsoDate): boolean {
    if (MAKEUP.has(d)) return true;
    const dow = dayOfWeek(d);
    return dow !== 0 && dow !== 6 && !HOLIDAYS.has(d);
  },
);

/** The n-th working day strictly after d (n ≥ 1); n = 0 returns d unchanged. */
export const addWorkingDays = rule(
  [civilCode.article(147, 1), ansinh.decision('8.12')],
  function addWorkingDays(d: IsoDate, n: number): IsoDate {
    utcMs(d);
    if (!Number.isSafeInteger(n) || n < 0)
      throw new DomainError('INVALID_ARGUMENT', `working days must be a whole number ≥ 0: ${n}`);
    let cur = d;
    let left = n;
    while (left > 0) {
      cur = addDays(cur, 1);
      if (isWorkingDay(cur)) left--;
    }
    return cur;
  },
);
export const nthWorkingDayAfter = addWorkingDays;

/**
 * The deadline "within n working days" of an instant: the END of the n-th working day after the
 * Vietnam date of `fromEpochMs`, i.e. 00:00 Vietnam time of the next calendar day, in epoch ms.
 */
export function workingDayDeadline(fromEpochMs: number, n: number): number {
  return startOfLocalDay(addDays(addWorkingDays(localDateOf(fromEpochMs), n), 1));
}

/** How many working days d there are with from ≤ d < to (0 when to ≤ from); O(holidays), not O(days). */
export function workingDaysIn(from: IsoDate, to: IsoDate): number {
  const span = daysBetween(from, to);
  if (span <= 0) return 0;
  // Weekdays: five in every whole week, then the days left over one by one.
  let n = Math.floor(span / 7) * 5;
  const start = dayOfWeek(from);
  for (let k = 0; k < span % 7; k++) {
    const dow = (start + k) % 7;
    if (dow !== 0 && dow !== 6) n++;
  }
  // PUBLIC_HOLIDAYS are weekdays, MAKEUP_WORKING_DAYS Saturdays.
  for (const h of PUBLIC_HOLIDAYS) if (h >= from && h < to) n--;
  for (const m of MAKEUP_WORKING_DAYS) if (m >= from && m < to) n++;
  return n;
}

/**
 * The working days left before a deadline: on `today`, the working days after today up to and
 * including `due` (0 on the due date itself). Past it, minus the working days from the due date
 * up to yesterday — at least 1, so an overdue wait is always negative.
 */
export function workingDaysLeft(today: IsoDate, due: IsoDate): number {
  if (due >= today) return workingDaysIn(addDays(today, 1), addDays(due, 1));
  return -Math.max(1, workingDaysIn(due, today));
}
