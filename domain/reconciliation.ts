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
import { addDays, addMonths, compareMonths, isIsoDate, lastDayOf, monthOf, startOfLocalDay, type IsoDate, type Month } from './calendar';
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

// ---------------------------------------------------------------------------------------------
// The employer's account, replayed: dues, payments by value date, credit, charges
// ---------------------------------------------------------------------------------------------

/**
 * How far a payment reaches (project decision, rules §8.3): a payment settles
 * the open periods up to and including the month of its value date — the current month is paid in
 * advance — and no further. What is left is the employer's credit.
 */
export function lastPeriodAPaymentReaches(valueDate: IsoDate): Month {
  checkDate(valueDate, 'valueDate');
  return monthOf(valueDate);
}

/**
 * When held credit settles a period (rules §8.5): on that period's payment deadline, so a
 * period covered by credit by its deadline is paid on time and charged nothing (daysLate of a
 * tranche on the deadline is 0). Credit only ever exists once every earlier period is settled
 * (a payment settles everything open up to its value month before leaving credit), so the same
 * order as a payment follows: oldest period first, principal then charge.
 *
 * Rules §8.5 adds "or when the amount due becomes known, if that is later". Dues are derived from the
 * declarations in force, and the store keeps no business date of when a declaration arrived: the
 * replay treats every period's due as known on its deadline. UNCONFIRMED project reading.
 */
export function creditSettlesOn(period: Month): IsoDate {
  return paymentDeadline(period);
}

/**
 * The late charge a period has accrued on the day `on` for principal paid in tranches
 * (rules §8.4): each tranche's days late from the day after the deadline to the day before its date (daysLate), charged and rounded per tranche, summed. Used once the period's
 * principal is fully paid, so every tranche is closed.
 */
export function chargeAccrued(period: Month, tranches: readonly { on: IsoDate; principal: Decimal.Value }[]): Decimal {
  const deadline = paymentDeadline(period);
  return tranches.reduce<Decimal>((acc, t) => acc.plus(lateCharge(t.principal, daysLate(deadline, t.on))), new Dec(0));
}

/**
 * A payment's value date must lie between the day the employer began to exist for the fund (the
 * first day of its first employment month, or its registration if that is earlier) and today: the
 * bank cannot have credited the collection account in the future (rules §8.7: a value date
 * after the day of import is refused), nor for an employer that did not yet
 * exist.
 */
export function checkValueDate(valueDate: IsoDate, today: IsoDate, employerSince: IsoDate): void {
  checkDate(valueDate, 'valueDate');
  checkDate(today, 'today');
  checkDate(employerSince, 'employerSince');
  if (valueDate > today) throw new DomainError('VALUE_DATE_IN_FUTURE', `the value date ${valueDate} is after today (${today})`, 'valueDate');
  if (valueDate < employerSince) {
    throw new DomainError('VALUE_DATE_BEFORE_EMPLOYER', `the value date ${valueDate} is before the employer existed for the fund (${employerSince})`, 'valueDate');
  }
}

export interface LedgerPeriod {
  period: Month;
  /** Contributions due for the period (sum of its lines), whole VND. */
  due: string;
}
export interface LedgerPayment {
  id: number;
  amount: string;
  valueDate: IsoDate;
}
export interface LedgerInput {
  /** Every period the employer owed in (a period left out owes nothing). */
  periods: LedgerPeriod[];
  payments: LedgerPayment[];
  /** The replay stops here: later payments have not arrived, later deadlines have not come. */
  asOf: IsoDate;
}
/** Money of one payment that settled one period, on a day: at its value date, or later as credit. */
export interface Settlement {
  paymentId: number;
  period: Month;
  /** The day it settled the period: the payment's value date, or the deadline on which credit was used. */
  on: IsoDate;
  principal: string;
  interest: string;
  fromCredit: boolean;
}
export interface LedgerPeriodState {
  period: Month;
  due: string;
  deadline: IsoDate;
  paid: string;
  outstanding: string;
  status: PeriodStatus;
  /** The late charge as of asOf: the closed tranches' charges plus the unpaid rest counted to asOf. */
  lateCharge: string;
  chargePaid: string;
  maxDaysLate: number;
  evasion: boolean;
  /** Principal + charge of this period settled from held credit. */
  fromCredit: string;
}
export interface LedgerResult {
  /** In the order they happened (date, then deadlines before payments, then payment id). */
  settlements: Settlement[];
  periods: LedgerPeriodState[];
  /** Credit held on asOf (never negative), and how much of it each payment still holds. */
  credit: string;
  creditByPayment: { paymentId: number; credit: string }[];
}

interface PeriodAcc {
  period: Month;
  due: Decimal;
  deadline: IsoDate;
  paid: Decimal;
  tranches: { on: IsoDate; principal: Decimal }[];
  chargePaid: Decimal;
  fromCredit: Decimal;
}

/**
 * Replays an employer's account up to `asOf` (Law 41/2024 Art.34(4), Art.40–41 [P]; rules §8.3, §8.4,
 * §8.5, §8.6).
 * Events in date order — on one day the deadlines first, then payments by id:
 *   - a payment settles the open periods up to its value month (lastPeriodAPaymentReaches), oldest
 *     first; within a period the principal, then the charge accrued up to the day before its value
 *     date (chargeAccrued), and only then the next period; what is left is credit;
 *   - on each period's deadline (creditSettlesOn), held credit settles the open periods up to it in
 *     the same order, the oldest credit first.
 * Dues are the dues in force now, so a declaration that lowers what was due for a paid period
 * turns the excess into credit and one that raises it leaves that period (or the next) open: the
 * allocations are a function of the inputs, and the ledger balances after any sequence.
 * sum(settlements of a payment) + its credit = its amount exactly; no period receives more than
 * its due or more charge than it accrued.
 */
export function replayLedger(input: LedgerInput): LedgerResult {
  checkDate(input.asOf, 'asOf');
  const seen = new Set<Month>();
  const periods: PeriodAcc[] = input.periods.map((p) => {
    compareMonths(p.period, p.period);
    if (seen.has(p.period)) throw new DomainError('DUPLICATE_PERIOD', `period listed twice: ${p.period}`, 'period');
    seen.add(p.period);
    return { period: p.period, due: wholeDong(p.due, 'due'), deadline: paymentDeadline(p.period), paid: new Dec(0), tranches: [], chargePaid: new Dec(0), fromCredit: new Dec(0) };
  });
  periods.sort((a, b) => compareMonths(a.period, b.period));
  const payments = input.payments
    .map((p, i) => {
      checkDate(p.valueDate, `payments[${i}].valueDate`);
      const amount = wholeDong(p.amount, `payments[${i}].amount`);
      return { id: p.id, amount, valueDate: p.valueDate };
    })
    .filter((p) => p.valueDate <= input.asOf)
    .sort((a, b) => (a.valueDate < b.valueDate ? -1 : a.valueDate > b.valueDate ? 1 : a.id - b.id));

  const settlements: Settlement[] = [];
  const credit: { paymentId: number; left: Decimal }[] = []; // oldest credit first
  const creditLeft = new Map<number, Decimal>();
  let firstOpen = 0; // periods before it are settled for good (principal and charge)

  const isSettled = (p: PeriodAcc) => p.paid.eq(p.due) && p.chargePaid.eq(chargeAccrued(p.period, p.tranches));
  /** Settles periods up to `until` from `money`; returns what is left. */
  const settle = (paymentId: number, money: Decimal, on: IsoDate, until: Month, fromCredit: boolean): Decimal => {
    let left = money;
    for (let i = firstOpen; i < periods.length && left.gt(0); i++) {
      const p = periods[i]!;
      if (compareMonths(p.period, until) > 0) break;
      const principal = Dec.min(left, p.due.minus(p.paid));
      left = left.minus(principal);
      if (principal.gt(0)) {
        p.paid = p.paid.plus(principal);
        p.tranches.push({ on, principal });
      }
      let interest = new Dec(0);
      if (p.paid.eq(p.due)) {
        interest = Dec.min(left, chargeAccrued(p.period, p.tranches).minus(p.chargePaid));
        left = left.minus(interest);
        p.chargePaid = p.chargePaid.plus(interest);
      }
      if (principal.gt(0) || interest.gt(0)) {
        settlements.push({ paymentId, period: p.period, on, principal: principal.toFixed(0), interest: interest.toFixed(0), fromCredit });
        if (fromCredit) p.fromCredit = p.fromCredit.plus(principal).plus(interest);
      }
      if (i === firstOpen && isSettled(p)) firstOpen++;
    }
    while (firstOpen < periods.length && isSettled(periods[firstOpen]!)) firstOpen++;
    return left;
  };
  const useCredit = (on: IsoDate, until: Month) => {
    while (credit.length > 0) {
      const c = credit[0]!;
      c.left = settle(c.paymentId, c.left, on, until, true);
      creditLeft.set(c.paymentId, c.left);
      if (c.left.gt(0)) break; // nothing more is open up to `until`
      credit.shift();
    }
  };

  let next = 0; // the next period whose deadline comes
  for (const pay of payments) {
    for (; next < periods.length && creditSettlesOn(periods[next]!.period) <= pay.valueDate; next++) {
      useCredit(creditSettlesOn(periods[next]!.period), periods[next]!.period);
    }
    const left = settle(pay.id, pay.amount, pay.valueDate, lastPeriodAPaymentReaches(pay.valueDate), false);
    creditLeft.set(pay.id, left);
    if (left.gt(0)) credit.push({ paymentId: pay.id, left });
  }
  for (; next < periods.length && creditSettlesOn(periods[next]!.period) <= input.asOf; next++) {
    useCredit(creditSettlesOn(periods[next]!.period), periods[next]!.period);
  }

  const states: LedgerPeriodState[] = periods.map((p) => {
    const charge = lateChargeForPeriod({ period: p.period, principalDue: p.due, payments: p.tranches.map((t) => ({ paidOn: t.on, principal: t.principal })), asOf: input.asOf });
    return {
      period: p.period,
      due: p.due.toFixed(0),
      deadline: p.deadline,
      paid: p.paid.toFixed(0),
      outstanding: p.due.minus(p.paid).toFixed(0),
      status: periodStatus(p.due, p.paid),
      lateCharge: charge.totalCharge,
      chargePaid: p.chargePaid.toFixed(0),
      maxDaysLate: charge.maxDaysLate,
      evasion: charge.evasion,
      fromCredit: p.fromCredit.toFixed(0),
    };
  });
  const held = credit.reduce<Decimal>((acc, c) => acc.plus(c.left), new Dec(0));
  return {
    settlements,
    periods: states,
    credit: held.toFixed(0),
    creditByPayment: payments.map((p) => ({ paymentId: p.id, credit: (creditLeft.get(p.id) ?? new Dec(0)).toFixed(0) })),
  };
}
