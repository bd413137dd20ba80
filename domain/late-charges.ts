/**
 * The late charge (Law 41/2024 Art.40–41 [P]; rules §4): 0.03% per day of the amount paid late or
 * evaded, per tranche, rounded half-up to the dong and then summed (rules §8.1, §8.4). Money is
 * decimal.js in whole VND, rounded only with `toDong`.
 */
import type Decimal from 'decimal.js';
import { addDays, type IsoDate, type Month } from './calendar';
import { contributionDueDate, daysLate, daysOutstanding, isEvasion } from './arrears';
import { checkDate, checkDays, wholeDong } from './checks';
import { DomainError } from './errors';
import { ansinh, decree274, law41, rule } from './law';
import { Dec, toDong } from './money';

/** 0.03% per day of the amount paid late or evaded (Law 41/2024 Art.40–41 [P]; rules §4). */
export const LATE_CHARGE_DAILY_RATE = '0.0003';

/**
 * The late charge on one tranche: amount × 0.03% × days, rounded half-up to the dong (Law 41/2024
 * Art.40–41 [P]; rules §8: rounded per employer, per period, per tranche).
 */
export const lateCharge = rule(
  [law41.article('40–41'), ansinh.decision('8.1')],
  function lateCharge(amount: Decimal.Value, days: number): Decimal {
    const a = wholeDong(amount, 'amount');
    checkDays(days);
    return toDong(a.times(LATE_CHARGE_DAILY_RATE).times(days));
  },
);

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
export const lateChargeForPeriod = rule(
  [law41.article('40–41'), law41.article(39), decree274.whole(), ansinh.decision('8.1')],
  function lateChargeForPeriod(input: PeriodLateChargeInput): PeriodLateCharge {
    const deadline = contributionDueDate(input.period);
    checkDate(input.asOf, 'asOf');
    const due = wholeDong(input.principalDue, 'principalDue');
    const from = addDays(deadline, 1);

    const payments = input.payments.map((p, i) => {
      checkDate(p.paidOn, `payments[${i}].paidOn`);
      if (p.paidOn > input.asOf) {
        throw new DomainError(
          'PAYMENT_AFTER_AS_OF',
          `payment dated ${p.paidOn} is after the reconciliation date ${input.asOf}`,
          `payments[${i}].paidOn`,
          undefined,
          { paidOn: p.paidOn, asOf: input.asOf },
        );
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
      tranches.push({
        amount: p.principal.toFixed(0),
        from,
        to: p.paidOn,
        days,
        charge: lateCharge(p.principal, days).toFixed(0),
      });
    }
    if (paid.gt(due)) {
      throw new DomainError(
        'OVERALLOCATED',
        `payments allocate ${paid.toFixed(0)} of principal to ${input.period}, more than the ${due.toFixed(0)} due`,
        'payments',
        undefined,
        { allocated: paid.toFixed(0), period: input.period, due: due.toFixed(0) },
      );
    }
    const outstanding = due.minus(paid);
    if (!outstanding.isZero()) {
      const days = daysOutstanding(deadline, input.asOf);
      tranches.push({
        amount: outstanding.toFixed(0),
        from,
        to: null,
        days,
        charge: lateCharge(outstanding, days).toFixed(0),
      });
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
  },
);

/**
 * The late charge a period has accrued on the day `on` for principal paid in tranches
 * (rules §8.4): each tranche's days late from the day after the deadline to the day before its date (daysLate), charged and rounded per tranche, summed. Used once the period's
 * principal is fully paid, so every tranche is closed.
 */
export const chargeAccrued = rule(
  [law41.article('40–41'), ansinh.decision('8.4')],
  function chargeAccrued(period: Month, tranches: readonly { on: IsoDate; principal: Decimal.Value }[]): Decimal {
    const deadline = contributionDueDate(period);
    return tranches.reduce<Decimal>(
      (acc, t) => acc.plus(lateCharge(t.principal, daysLate(deadline, t.on))),
      new Dec(0),
    );
  },
);
