/**
 * Reconciliation of employer payments against the contributions due per period (monthly method):
 * payment deadlines, late days, the 0.03%/day late charge, evasion, and how a payment is spread
 * over open periods. Pure: dates are 'YYYY-MM-DD' strings compared through `domain/calendar.ts`,
 * money is decimal.js in whole VND, rounded only with `toDong` (rules §8).
 *
 * Sources: Law 41/2024/QH15 Art.34(4), Art.38–41 [P]; Decree 274/2025/NĐ-CP [O]; Decision
 * 595/QĐ-BHXH Art.7 [S]; project decisions in rules §8 (day count, rounding, allocation).
 */
import type Decimal from 'decimal.js';
import { addDays, addMonths, compareMonths, isIsoDate, lastDayOf, startOfLocalDay, type IsoDate, type Month } from './calendar';
import { DomainError } from './errors';
import { Dec, toDong } from './money';

// ---------------------------------------------------------------------------------------------
// Payment deadline
// ---------------------------------------------------------------------------------------------

/**
 * The first contribution period under Law 41/2024 (in force 2025-07-01, Art.140). Periods from
 * here on are due by the last day of the FOLLOWING month (Art.34(4)(a) [P]; rules §4, §9.D);
 * earlier periods were due by the last day of the SAME month (Decision 959/QĐ-BHXH Art.7 from
 * 2015-12-01, then Decision 595/QĐ-BHXH (2017) Art.7 as amended by Decision 505/QĐ-BHXH 2020;
 * rules §9.D). The same-month rule is also applied before 2015-12, where rules §9.D marks it
 * UNCONFIRMED. A consequence of the switch: no period falls due in July 2025 (2025-06 is due
 * 2025-06-30, 2025-07 is due 2025-08-31).
 */
export const FOLLOWING_MONTH_DEADLINE_FROM: Month = '2025-07';

/** The last day to pay the contributions of `period` (monthly method) without being late. */
export function paymentDeadline(period: Month): IsoDate {
  return compareMonths(period, FOLLOWING_MONTH_DEADLINE_FROM) < 0 ? lastDayOf(period) : lastDayOf(addMonths(period, 1));
}

// ---------------------------------------------------------------------------------------------
// Late days, late charge, evasion
// ---------------------------------------------------------------------------------------------

/** 0.03% per day of the amount paid late or evaded (Law 41/2024 Art.40–41 [P]; rules §4). */
export const LATE_CHARGE_DAILY_RATE = '0.0003';

/**
 * Late becomes evasion on day 61 after the deadline (Decree 274/2025 [O]; Law 41/2024 Art.39:
 * "still unpaid 60 days after the deadline"). Law 41 Art.39 also requires that VSS has sent a
 * reminder; this engine does not model the reminder, so the flag means "evasion if reminded".
 */
export const EVASION_FROM_DAY = 61;

/**
 * Where the late-day count of a PAID amount stops (project decision, rules §8). The count starts
 * the day after the deadline (Decree 274/2025 [O]); whether it stops on the day before payment
 * or on the payment day is UNCONFIRMED. Ansinh follows the tax-law convention: up to and
 * including the day BEFORE the payment date. So paid on the deadline or the day after → 0 days;
 * paid two days after the deadline → 1 day. Change it here and every count follows.
 */
export const LATE_DAYS_END_POINT: 'day_before_payment' | 'payment_day' = 'day_before_payment';

const DAY_MS = 24 * 60 * 60 * 1000;

function checkDate(d: IsoDate, field: string): void {
  if (typeof d !== 'string' || !isIsoDate(d)) throw new DomainError('INVALID_DATE', `not a calendar date (YYYY-MM-DD): ${String(d)}`, field);
}

/** b − a in calendar days (Vietnam has no daylight saving, so local midnights are 24 h apart). */
function daysFromTo(a: IsoDate, b: IsoDate): number {
  return Math.round((startOfLocalDay(b) - startOfLocalDay(a)) / DAY_MS);
}

/**
 * Days late of an amount paid on `paidOn` (rules §8): from the day after the deadline up to the
 * end-point of LATE_DAYS_END_POINT (by default the day before the payment date); 0 when paid on or
 * before the deadline.
 */
export function daysLate(deadline: IsoDate, paidOn: IsoDate): number {
  checkDate(deadline, 'deadline');
  checkDate(paidOn, 'paidOn');
  const through = LATE_DAYS_END_POINT === 'day_before_payment' ? addDays(paidOn, -1) : paidOn;
  return Math.max(0, daysFromTo(deadline, through));
}

/**
 * Days late of an amount still unpaid on the reconciliation date `asOf` (rules §8): from the day
 * after the deadline up to and including `asOf`; 0 when `asOf` is on or before the deadline.
 */
export function daysOutstanding(deadline: IsoDate, asOf: IsoDate): number {
  checkDate(deadline, 'deadline');
  checkDate(asOf, 'asOf');
  return Math.max(0, daysFromTo(deadline, asOf));
}

function checkDays(days: number): void {
  if (!Number.isSafeInteger(days) || days < 0) throw new DomainError('INVALID_ARGUMENT', `days must be a whole number ≥ 0: ${days}`, 'days');
}

/** A whole, non-negative VND amount as a Decimal, or a DomainError naming the field. */
function wholeDong(x: Decimal.Value, field: string): Decimal {
  let d: Decimal;
  try {
    d = new Dec(x);
  } catch {
    throw new DomainError('INVALID_AMOUNT', `${field} must be a whole, non-negative number of VND`, field, { value: String(x) });
  }
  if (!d.isFinite() || !d.isInteger() || d.isNegative()) {
    throw new DomainError('INVALID_AMOUNT', `${field} must be a whole, non-negative number of VND`, field, { value: String(x) });
  }
  return d.plus(0); // normalises -0
}

/**
 * The late charge on one tranche: amount × 0.03% × days, rounded half-up to the dong (Law 41/2024
 * Art.40–41 [P]; rules §8: rounded per employer, per period, per tranche).
 */
export function lateCharge(amount: Decimal.Value, days: number): Decimal {
  const a = wholeDong(amount, 'amount');
  checkDays(days);
  return toDong(a.times(LATE_CHARGE_DAILY_RATE).times(days));
}

/** Evasion from day 61 (EVASION_FROM_DAY; Decree 274/2025 [O]). */
export function isEvasion(days: number): boolean {
  checkDays(days);
  return days >= EVASION_FROM_DAY;
}

// ---------------------------------------------------------------------------------------------
// Allocation of a payment over open periods
// ---------------------------------------------------------------------------------------------

export interface OpenPeriod {
  period: Month;
  /** Contributions still due for the period, whole VND. */
  principalDue: string;
  /** Late charge still due for the period, whole VND. */
  interestDue: string;
}
export interface Allocation {
  period: Month;
  principal: string;
  interest: string;
}
export interface AllocationResult {
  /** Oldest period first; periods that receive nothing are left out. */
  allocations: Allocation[];
  /** What is left once every due amount is settled: an overpayment credit. */
  unallocated: string;
}

/**
 * Spreads a payment over open periods (project decision, rules §8): the oldest period first and,
 * within a period, principal first, then interest; only then the next period. Never allocates
 * more than is due; the rest is returned as `unallocated`, so
 * sum(principal + interest) + unallocated = amount exactly. Input order does not matter; a period
 * listed twice is refused.
 */
export function allocatePayment(amount: Decimal.Value, open: OpenPeriod[]): AllocationResult {
  let left = wholeDong(amount, 'amount');
  const seen = new Set<Month>();
  const parsed = open.map((o) => {
    compareMonths(o.period, o.period); // validates the month
    if (seen.has(o.period)) throw new DomainError('DUPLICATE_PERIOD', `period listed twice: ${o.period}`, 'period');
    seen.add(o.period);
    return { period: o.period, principalDue: wholeDong(o.principalDue, 'principalDue'), interestDue: wholeDong(o.interestDue, 'interestDue') };
  });
  parsed.sort((a, b) => compareMonths(a.period, b.period));

  const allocations: Allocation[] = [];
  for (const p of parsed) {
    if (left.isZero()) break;
    const principal = Dec.min(left, p.principalDue);
    left = left.minus(principal);
    const interest = Dec.min(left, p.interestDue);
    left = left.minus(interest);
    if (principal.isZero() && interest.isZero()) continue;
    allocations.push({ period: p.period, principal: principal.toFixed(0), interest: interest.toFixed(0) });
  }
  return { allocations, unallocated: left.toFixed(0) };
}

// ---------------------------------------------------------------------------------------------
// Late charge of one period across partial payments
// ---------------------------------------------------------------------------------------------

export interface Tranche {
  amount: string;
  /** The day after the deadline: the first day that can count as late. */
  from: IsoDate;
  /** The payment date, or null if the amount is still unpaid on the reconciliation date. */
  to: IsoDate | null;
}
export interface TrancheCharge extends Tranche {
  days: number;
  charge: string;
}
export interface PeriodLateChargeInput {
  period: Month;
  principalDue: Decimal.Value;
  /** The principal each payment allocated to this period (see allocatePayment). */
  payments: { paidOn: IsoDate; principal: Decimal.Value }[];
  /** The reconciliation date. */
  asOf: IsoDate;
}
export interface PeriodLateCharge {
  deadline: IsoDate;
  /** Paid tranches in payment-date order, then the unpaid rest; zero amounts are left out. */
  tranches: TrancheCharge[];
  /** Sum of the rounded tranche charges (rules §8: round each, then sum). */
  totalCharge: string;
  maxDaysLate: number;
  evasion: boolean;
  outstandingPrincipal: string;
}

/**
 * The late charge of one period (Law 41/2024 Art.40–41 [P]; rules §8). Each payment's principal is
 * a tranche late from the day after the deadline to its end-point (daysLate: 0 when on time); the
 * part still unpaid is a tranche counted up to and including `asOf` (daysOutstanding). Each
 * tranche's charge is rounded to the dong, then the charges are summed.
 *
 * Evasion (Law 41/2024 Art.39; Decree 274/2025: from day 61) is flagged when the unpaid rest is
 * > 0 and has been outstanding ≥ 61 days, OR any paid tranche was ≥ 61 days late — i.e. when
 * `maxDaysLate` ≥ EVASION_FROM_DAY over the non-zero tranches. A payment after day 60 does not undo
 * the evasion that already happened. (The VSS reminder Art.39 requires is not modelled.)
 *
 * Payments dated after `asOf`, or paying more principal than is due, are refused.
 */
export function lateChargeForPeriod(input: PeriodLateChargeInput): PeriodLateCharge {
  const deadline = paymentDeadline(input.period);
  checkDate(input.asOf, 'asOf');
  const due = wholeDong(input.principalDue, 'principalDue');
  const from = addDays(deadline, 1);

  const payments = input.payments.map((p, i) => {
    checkDate(p.paidOn, `payments[${i}].paidOn`);
    if (p.paidOn > input.asOf) {
      throw new DomainError('PAYMENT_AFTER_AS_OF', `payment dated ${p.paidOn} is after the reconciliation date ${input.asOf}`, `payments[${i}].paidOn`);
    }
    return { paidOn: p.paidOn, principal: wholeDong(p.principal, `payments[${i}].principal`) };
  });
  payments.sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0)); // stable: same-day order kept

  const tranches: TrancheCharge[] = [];
  let paid = new Dec(0);
  for (const p of payments) {
    paid = paid.plus(p.principal);
    if (p.principal.isZero()) continue;
    const days = daysLate(deadline, p.paidOn);
    tranches.push({ amount: p.principal.toFixed(0), from, to: p.paidOn, days, charge: lateCharge(p.principal, days).toFixed(0) });
  }
  if (paid.gt(due)) {
    throw new DomainError('OVERALLOCATED', `payments allocate ${paid.toFixed(0)} of principal to ${input.period}, more than the ${due.toFixed(0)} due`, 'payments');
  }
  const outstanding = due.minus(paid);
  if (!outstanding.isZero()) {
    const days = daysOutstanding(deadline, input.asOf);
    tranches.push({ amount: outstanding.toFixed(0), from, to: null, days, charge: lateCharge(outstanding, days).toFixed(0) });
  }

  const total = tranches.reduce<Decimal>((acc, t) => acc.plus(t.charge), new Dec(0));
  const maxDaysLate = tranches.reduce((m, t) => Math.max(m, t.days), 0);
  return {
    deadline,
    tranches,
    totalCharge: total.toFixed(0),
    maxDaysLate,
    evasion: isEvasion(maxDaysLate),
    outstandingPrincipal: outstanding.toFixed(0),
  };
}

// ---------------------------------------------------------------------------------------------
// Period status
// ---------------------------------------------------------------------------------------------

export type PeriodStatus = 'paid' | 'partially_paid' | 'unpaid' | 'overpaid';

/**
 * The status of a period from the principal due and the principal allocated to it. Nothing due
 * and nothing paid counts as 'paid' (nothing is owed).
 */
export function periodStatus(due: Decimal.Value, paid: Decimal.Value): PeriodStatus {
  const d = wholeDong(due, 'due');
  const p = wholeDong(paid, 'paid');
  if (p.eq(d)) return 'paid';
  if (p.gt(d)) return 'overpaid';
  return p.isZero() ? 'unpaid' : 'partially_paid';
}
