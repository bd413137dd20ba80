/**
 * The employer's account, replayed (rules §8.3–§8.7): dues, payments by value date, credit and
 * late charges, as one pure function of the inputs. db/queries/ledger.ts stores what it decides.
 */
import type Decimal from 'decimal.js';
import { compareMonths, type IsoDate, type Month } from './calendar';
import { lastPeriodAPaymentReaches, creditSettlesOn } from './allocation';
import { contributionDueDate, periodStatus, type PeriodStatus } from './arrears';
import { checkDate, wholeDong } from './checks';
import { DomainError } from './errors';
import { chargeAccrued, lateChargeForPeriod } from './late-charges';
import { ansinh, law41, rule } from './law';
import { Dec } from './money';

/**
 * A payment's value date must lie between the day the employer began to exist for the fund (the
 * first day of its first employment month, or its registration if that is earlier) and today: the
 * bank cannot have credited the collection account in the future (rules §8.7: a value date
 * after the day of import is refused), nor for an employer that did not yet
 * exist.
 */
export const checkValueDate = rule(
  ansinh.decision('8.7'),
  function checkValueDate(valueDate: IsoDate, today: IsoDate, employerSince: IsoDate): void {
    checkDate(valueDate, 'valueDate');
    checkDate(today, 'today');
    checkDate(employerSince, 'employerSince');
    if (valueDate > today)
      throw new DomainError(
        'VALUE_DATE_IN_FUTURE',
        `the value date ${valueDate} is after today (${today})`,
        'valueDate',
        undefined,
        { valueDate, today },
      );
    if (valueDate < employerSince) {
      throw new DomainError(
        'VALUE_DATE_BEFORE_EMPLOYER',
        `the value date ${valueDate} is before the employer existed for the fund (${employerSince})`,
        'valueDate',
        undefined,
        { valueDate, since: employerSince },
      );
    }
  },
);

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
export const replayLedger = rule(
  [
    law41.article(34, 4),
    law41.article('40–41'),
    ansinh.decision('8.3'),
    ansinh.decision('8.4'),
    ansinh.decision('8.5'),
    ansinh.decision('8.6'),
  ],
  function replayLedger(input: LedgerInput): LedgerResult {
    checkDate(input.asOf, 'asOf');
    const seen = new Set<Month>();
    const periods: PeriodAcc[] = input.periods.map((p) => {
      compareMonths(p.period, p.period);
      if (seen.has(p.period))
        throw new DomainError('DUPLICATE_PERIOD', `period listed twice: ${p.period}`, 'period', undefined, {
          period: p.period,
        });
      seen.add(p.period);
      return {
        period: p.period,
        due: wholeDong(p.due, 'due'),
        deadline: contributionDueDate(p.period),
        paid: new Dec(0),
        tranches: [],
        chargePaid: new Dec(0),
        fromCredit: new Dec(0),
      };
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
          settlements.push({
            paymentId,
            period: p.period,
            on,
            principal: principal.toFixed(0),
            interest: interest.toFixed(0),
            fromCredit,
          });
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
      const charge = lateChargeForPeriod({
        period: p.period,
        principalDue: p.due,
        payments: p.tranches.map((t) => ({ paidOn: t.on, principal: t.principal })),
        asOf: input.asOf,
      });
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
      creditByPayment: payments.map((p) => ({
        paymentId: p.id,
        credit: (creditLeft.get(p.id) ?? new Dec(0)).toFixed(0),
      })),
    };
  },
);
