/**
 * Months ('YYYY-MM'), dates ('YYYY-MM-DD'), working days and public holidays, in Vietnam time
 * (Asia/Ho_Chi_Minh = UTC+7, no daylight saving). Pure: no clock is read here.
 */
import { z } from 'zod';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type Month = string;
export type IsoDate = string;

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'INVALID_MONTH: YYYY-MM');
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'INVALID_DATE: YYYY-MM-DD')
  .refine((d) => toUtcMs(d) !== null, 'INVALID_DATE: not a calendar date');

function toUtcMs(d: IsoDate): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) return null;
  const [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, da);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === da ? ms : null;
}

function utcMs(d: IsoDate): number {
  const ms = toUtcMs(d);
  if (ms === null) throw new Error(`not a date: ${d}`);
  return ms;
}

const iso = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);

function parseMonth(m: Month): [number, number] {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) throw new Error(`not a month: ${m}`);
  return [Number(m.slice(0, 4)), Number(m.slice(5, 7))];
}

export function addMonths(m: Month, n: number): Month {
  const [y, mo] = parseMonth(m);
  const idx = y * 12 + (mo - 1) + n;
  return `${String(Math.floor(idx / 12)).padStart(4, '0')}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

export function compareMonths(a: Month, b: Month): number {
  parseMonth(a);
  parseMonth(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export const monthOf = (d: IsoDate): Month => d.slice(0, 7);
export const firstDayOf = (m: Month): IsoDate => (parseMonth(m), `${m}-01`);
export function lastDayOf(m: Month): IsoDate {
  const [y, mo] = parseMonth(m);
  return iso(Date.UTC(y, mo, 0));
}

export const addDays = (d: IsoDate, n: number): IsoDate => iso(utcMs(d) + n * DAY_MS);

/** The calendar date in Vietnam at an instant. */
export const localDateOf = (epochMs: number): IsoDate => iso(epochMs + OFFSET_MS);

/** The instant 00:00 Vietnam time on a date. */
export const startOfLocalDay = (d: IsoDate): number => utcMs(d) - OFFSET_MS;

/**
 * Public holidays on which offices are closed (Labour Code 2019 Art.112), including the official
 * days off around Tết and compensatory days, 2024–2027.
 * PROVISIONAL: compiled from the Labour Code and the lunar calendar; each year's official notice
 * of the Ministry (Tết and day swaps) should be checked before relying on a specific date.
 */
export const PUBLIC_HOLIDAYS: readonly IsoDate[] = [
  // 2024
  '2024-01-01',
  '2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14', // Tết Giáp Thìn
  '2024-04-18', // Hùng Kings
  '2024-04-29', '2024-04-30', '2024-05-01', // 30/4, 1/5 (29/4 swapped)
  '2024-09-02', '2024-09-03',
  // 2025
  '2025-01-01',
  '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', // Tết Ất Tỵ
  '2025-04-07', // Hùng Kings
  '2025-04-30', '2025-05-01', '2025-05-02', // (2/5 swapped)
  '2025-09-01', '2025-09-02',
  // 2026
  '2026-01-01',
  '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', // Tết Bính Ngọ
  '2026-04-27', // Hùng Kings (10/3 lunar falls on Sunday 26/4: compensatory Monday)
  '2026-04-30', '2026-05-01',
  '2026-09-01', '2026-09-02',
  // 2027
  '2027-01-01',
  '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', // Tết Đinh Mùi (New Year 6/2)
  '2027-04-16', // Hùng Kings
  '2027-04-30', '2027-05-03', // 1/5 on Saturday: compensatory Monday
  '2027-09-02', '2027-09-03',
];
const HOLIDAYS = new Set(PUBLIC_HOLIDAYS);

export function isWorkingDay(d: IsoDate): boolean {
  const dow = new Date(utcMs(d)).getUTCDay();
  return dow !== 0 && dow !== 6 && !HOLIDAYS.has(d);
}

/** The n-th working day strictly after d (n = 0 returns d). */
export function addWorkingDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new Error(`working days must be a whole number ≥ 0: ${n}`);
  let cur = d;
  let left = n;
  while (left > 0) {
    cur = addDays(cur, 1);
    if (isWorkingDay(cur)) left--;
  }
  return cur;
}
export const nthWorkingDayAfter = addWorkingDays;

/** End (00:00 of the next day, Vietnam time) of the n-th working day after the date of `fromEpochMs`. */
export function workingDayDeadline(fromEpochMs: number, n: number): number {
  return startOfLocalDay(addDays(addWorkingDays(localDateOf(fromEpochMs), n), 1));
}
