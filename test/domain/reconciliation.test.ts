/**
 * Reconciliation: payment deadlines (Law 41/2024 Art.34(4)(a); Decision 595/QĐ-BHXH Art.7), late
 * days and the 0.03%/day charge (Law 41/2024 Art.40–41; Decree 274/2025; rules §8 day count),
 * evasion from day 61 (Decree 274/2025), and allocation oldest-first, principal before interest
 * (rules §8). Every expected figure is computed by hand in the comment beside it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../domain/calendar';
import { Dec } from '../../domain/money';
import {
  allocatePayment,
  chargeAccrued,
  checkValueDate,
  creditSettlesOn,
  daysLate,
  daysOutstanding,
  EVASION_FROM_DAY,
  isEvasion,
  LATE_CHARGE_DAILY_RATE,
  LATE_DAYS_END_POINT,
  lateCharge,
  lateChargeForPeriod,
  paymentDeadline,
  periodStatus,
  replayLedger,
  type OpenPeriod,
} from '../../domain/reconciliation';

const code = (c: string) => expect.objectContaining({ code: c });

describe('paymentDeadline — monthly method', () => {
  it('periods up to 2025-06 are due on the last day of the same month (Decision 595/QĐ-BHXH Art.7)', () => {
    expect(paymentDeadline('2025-06')).toBe('2025-06-30');
    expect(paymentDeadline('2025-05')).toBe('2025-05-31');
    expect(paymentDeadline('2024-02')).toBe('2024-02-29'); // leap year
    expect(paymentDeadline('2016-01')).toBe('2016-01-31');
  });

  it('periods from 2025-07 are due on the last day of the following month (Law 41/2024 Art.34(4)(a))', () => {
    expect(paymentDeadline('2025-07')).toBe('2025-08-31');
    expect(paymentDeadline('2025-08')).toBe('2025-09-30');
    expect(paymentDeadline('2025-12')).toBe('2026-01-31'); // across the year end
    expect(paymentDeadline('2026-01')).toBe('2026-02-28');
    expect(paymentDeadline('2028-01')).toBe('2028-02-29'); // leap year
  });

  it('so no period falls due in July 2025, the month Law 41/2024 took effect (Art.140)', () => {
    expect(paymentDeadline('2025-06').slice(0, 7)).toBe('2025-06');
    expect(paymentDeadline('2025-07').slice(0, 7)).toBe('2025-08');
  });

  it('refuses a malformed period', () => {
    expect(() => paymentDeadline('2025-13')).toThrowError(code('INVALID_MONTH'));
    expect(() => paymentDeadline('2025-7')).toThrowError(code('INVALID_MONTH'));
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
    expect(lateChargeForPeriod({ period: '2025-08', principalDue: 1_000_000, payments: [], asOf: '2025-11-29' }).evasion).toBe(false);
    expect(lateChargeForPeriod({ period: '2025-08', principalDue: 1_000_000, payments: [], asOf: '2025-11-30' }).evasion).toBe(true);
  });

  it('an amount paid late: paid 30/11/2025 = 60 days (not evasion), paid 01/12/2025 = 61 days (evasion, even once paid)', () => {
    const paidOn30 = lateChargeForPeriod({ period: '2025-08', principalDue: 2_000_000, payments: [{ paidOn: '2025-11-30', principal: 2_000_000 }], asOf: '2025-12-10' });
    // 2,000,000 × 0.0003 = 600/day × 60 = 36,000
    expect(paidOn30).toMatchObject({ totalCharge: '36000', maxDaysLate: 60, evasion: false, outstandingPrincipal: '0' });
    const paidOn1 = lateChargeForPeriod({ period: '2025-08', principalDue: 2_000_000, payments: [{ paidOn: '2025-12-01', principal: 2_000_000 }], asOf: '2025-12-10' });
    // 600/day × 61 = 36,600
    expect(paidOn1).toMatchObject({ totalCharge: '36600', maxDaysLate: 61, evasion: true, outstandingPrincipal: '0' });
  });

  it('refuses negative or fractional day counts', () => {
    expect(() => isEvasion(-1)).toThrowError(code('INVALID_ARGUMENT'));
    expect(() => isEvasion(1.5)).toThrowError(code('INVALID_ARGUMENT'));
  });
});

describe('lateCharge — 0.03% × amount × days, rounded half-up to the dong (Law 41/2024 Art.40–41; rules §8)', () => {
  it('uses 0.03% per day', () => {
    expect(LATE_CHARGE_DAILY_RATE).toBe('0.0003');
    // 10,000,000 × 0.0003 × 30 = 90,000
    expect(lateCharge('10000000', 30).toFixed(0)).toBe('90000');
    expect(lateCharge(10_000_000, 0).toFixed(0)).toBe('0');
  });

  it('rounds each tranche half-up: 1,234,567 × 0.0003 × 7 = 2,592.5907 → 2,593; 5,000 × 0.0003 × 1 = 1.5 → 2', () => {
    expect(lateCharge(1_234_567, 7).toFixed(0)).toBe('2593');
    expect(lateCharge(5_000, 1).toFixed(0)).toBe('2');
    expect(lateCharge(1_000, 1).toFixed(0)).toBe('0'); // 0.3 → 0
  });

  it('refuses negative, fractional or non-numeric amounts and day counts', () => {
    expect(() => lateCharge(-1, 1)).toThrowError(code('INVALID_AMOUNT'));
    expect(() => lateCharge('100.5', 1)).toThrowError(code('INVALID_AMOUNT'));
    expect(() => lateCharge('abc', 1)).toThrowError(code('INVALID_AMOUNT'));
    expect(() => lateCharge(100, -1)).toThrowError(code('INVALID_ARGUMENT'));
    expect(() => lateCharge(100, Number.NaN)).toThrowError(code('INVALID_ARGUMENT'));
  });
});

describe('lateChargeForPeriod — one tranche per partial payment plus the unpaid rest (rules §8)', () => {
  it('2025-08, 10,000,000 due by 30/09/2025; 4,000,000 paid 15/10, 3,000,000 paid 20/11, 3,000,000 unpaid on 10/12/2025', () => {
    const r = lateChargeForPeriod({
      period: '2025-08',
      principalDue: '10000000',
      payments: [
        { paidOn: '2025-11-20', principal: '3000000' }, // given out of order on purpose
        { paidOn: '2025-10-15', principal: 4_000_000 },
      ],
      asOf: '2025-12-10',
    });
    expect(r.deadline).toBe('2025-09-30');
    expect(r.tranches).toEqual([
      // 1/10–14/10 = 14 days; 4,000,000 × 0.0003 = 1,200/day × 14 = 16,800
      { amount: '4000000', from: '2025-10-01', to: '2025-10-15', days: 14, charge: '16800' },
      // 1/10–19/11 = 31 + 19 = 50 days; 900/day × 50 = 45,000
      { amount: '3000000', from: '2025-10-01', to: '2025-11-20', days: 50, charge: '45000' },
      // unpaid: 1/10–10/12 = 31 + 30 + 10 = 71 days; 900/day × 71 = 63,900
      { amount: '3000000', from: '2025-10-01', to: null, days: 71, charge: '63900' },
    ]);
    expect(r.totalCharge).toBe('125700'); // 16,800 + 45,000 + 63,900
    expect(r.maxDaysLate).toBe(71);
    expect(r.evasion).toBe(true); // 3,000,000 still unpaid on day 71
    expect(r.outstandingPrincipal).toBe('3000000');
  });

  it('rounds each tranche, then sums: two 5,000 tranches 1 day late cost 2 + 2 = 4, not round(3) = 3', () => {
    // period 2026-01, deadline 28/02/2026; paid 02/03/2026 → 1/3 only = 1 day
    const r = lateChargeForPeriod({
      period: '2026-01',
      principalDue: 10_000,
      payments: [
        { paidOn: '2026-03-02', principal: 5_000 },
        { paidOn: '2026-03-02', principal: 5_000 },
      ],
      asOf: '2026-03-31',
    });
    expect(r.tranches.map((t) => [t.days, t.charge])).toEqual([[1, '2'], [1, '2']]);
    expect(r.totalCharge).toBe('4');
    expect(r.outstandingPrincipal).toBe('0');
    expect(r.evasion).toBe(false);
  });

  it('a payment on time is a tranche with 0 days and no charge; a period not yet due charges nothing', () => {
    const r = lateChargeForPeriod({ period: '2025-05', principalDue: 3_000_000, payments: [{ paidOn: '2025-05-31', principal: 1_000_000 }], asOf: '2025-06-10' });
    // old rule: deadline 31/05/2025; unpaid 2,000,000 from 1/6 to 10/6 = 10 days → 600 × 10 = 6,000
    expect(r.tranches).toEqual([
      { amount: '1000000', from: '2025-06-01', to: '2025-05-31', days: 0, charge: '0' },
      { amount: '2000000', from: '2025-06-01', to: null, days: 10, charge: '6000' },
    ]);
    expect(r.totalCharge).toBe('6000');
    const early = lateChargeForPeriod({ period: '2026-10', principalDue: 3_000_000, payments: [], asOf: '2026-11-15' });
    expect(early).toMatchObject({ deadline: '2026-11-30', totalCharge: '0', maxDaysLate: 0, evasion: false, outstandingPrincipal: '3000000' });
  });

  it('leaves out zero-amount tranches; nothing due and nothing paid gives no tranche at all', () => {
    const r = lateChargeForPeriod({ period: '2025-08', principalDue: 0, payments: [{ paidOn: '2025-10-15', principal: 0 }], asOf: '2026-06-01' });
    expect(r).toMatchObject({ tranches: [], totalCharge: '0', maxDaysLate: 0, evasion: false, outstandingPrincipal: '0' });
  });

  it('refuses payments after the reconciliation date, more principal than due, and bad amounts', () => {
    const base = { period: '2025-08', principalDue: 1_000, asOf: '2025-12-01' };
    expect(() => lateChargeForPeriod({ ...base, payments: [{ paidOn: '2025-12-02', principal: 1 }] })).toThrowError(code('PAYMENT_AFTER_AS_OF'));
    expect(() => lateChargeForPeriod({ ...base, payments: [{ paidOn: '2025-11-01', principal: 600 }, { paidOn: '2025-11-02', principal: 401 }] })).toThrowError(code('OVERALLOCATED'));
    expect(() => lateChargeForPeriod({ ...base, payments: [{ paidOn: '2025-11-01', principal: -1 }] })).toThrowError(code('INVALID_AMOUNT'));
    expect(() => lateChargeForPeriod({ ...base, principalDue: '1e3.5', payments: [] })).toThrowError(code('INVALID_AMOUNT'));
    expect(() => lateChargeForPeriod({ ...base, asOf: '2025-02-30', payments: [] })).toThrowError(code('INVALID_DATE'));
  });
});

describe('allocatePayment — oldest open period first, principal before interest within a period (rules §8)', () => {
  const open: OpenPeriod[] = [
    { period: '2025-09', principalDue: '1000000', interestDue: '0' },
    { period: '2025-07', principalDue: '500000', interestDue: '12000' },
    { period: '2025-08', principalDue: '800000', interestDue: '3000' },
  ];

  it('settles 2025-07 in full, then 2025-08, then part of 2025-09, whatever the input order', () => {
    // 1,400,000 − (500,000 + 12,000) − (800,000 + 3,000) = 85,000 left for 2025-09's principal
    expect(allocatePayment(1_400_000, open)).toEqual({
      allocations: [
        { period: '2025-07', principal: '500000', interest: '12000' },
        { period: '2025-08', principal: '800000', interest: '3000' },
        { period: '2025-09', principal: '85000', interest: '0' },
      ],
      unallocated: '0',
    });
  });

  it('pays a period’s principal before its interest, and its interest before the next period', () => {
    // 505,000: 500,000 principal of 2025-07, then 5,000 of its 12,000 interest; nothing to 2025-08
    expect(allocatePayment('505000', open)).toEqual({ allocations: [{ period: '2025-07', principal: '500000', interest: '5000' }], unallocated: '0' });
    // 300,000 does not even cover 2025-07's principal
    expect(allocatePayment(300_000, open).allocations).toEqual([{ period: '2025-07', principal: '300000', interest: '0' }]);
  });

  it('returns an overpayment as unallocated credit: 2,500,000 − 2,315,000 due = 185,000', () => {
    // due: 512,000 + 803,000 + 1,000,000 = 2,315,000
    const r = allocatePayment(2_500_000, open);
    expect(r.allocations).toEqual([
      { period: '2025-07', principal: '500000', interest: '12000' },
      { period: '2025-08', principal: '800000', interest: '3000' },
      { period: '2025-09', principal: '1000000', interest: '0' },
    ]);
    expect(r.unallocated).toBe('185000');
    expect(allocatePayment(7_000, [])).toEqual({ allocations: [], unallocated: '7000' });
  });

  it('a zero payment allocates nothing; periods with nothing due are skipped', () => {
    expect(allocatePayment(0, open)).toEqual({ allocations: [], unallocated: '0' });
    const r = allocatePayment(100, [{ period: '2025-01', principalDue: '0', interestDue: '0' }, { period: '2025-02', principalDue: '100', interestDue: '0' }]);
    expect(r.allocations).toEqual([{ period: '2025-02', principal: '100', interest: '0' }]);
  });

  it('refuses a period listed twice, a malformed period and bad amounts', () => {
    expect(() => allocatePayment(1, [open[0]!, open[0]!])).toThrowError(code('DUPLICATE_PERIOD'));
    expect(() => allocatePayment(1, [{ period: '2025-13', principalDue: '1', interestDue: '0' }])).toThrowError(code('INVALID_MONTH'));
    expect(() => allocatePayment(-5, open)).toThrowError(code('INVALID_AMOUNT'));
    expect(() => allocatePayment(1, [{ period: '2025-01', principalDue: '1.5', interestDue: '0' }])).toThrowError(code('INVALID_AMOUNT'));
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

describe('properties (fast-check)', () => {
  const dong = fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String);
  const openPeriods = fc
    .uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 8 })
    .chain((offsets) =>
      fc.tuple(...offsets.map((k) => fc.record({ period: fc.constant(addMonths('2015-01', k)), principalDue: dong, interestDue: fc.oneof(dong, fc.constant('0')) }))),
    );

  it('allocation conserves money exactly, never exceeds a due, and fills periods oldest first, principal before interest', () => {
    fc.assert(
      fc.property(openPeriods, fc.bigInt({ min: 0n, max: 10n ** 13n }), (open, amount) => {
        const r = allocatePayment(amount.toString(), open);
        const total = r.allocations.reduce((a, x) => a.plus(x.principal).plus(x.interest), new Dec(0)).plus(r.unallocated);
        expect(total.toFixed(0)).toBe(amount.toString());
        expect(new Dec(r.unallocated).gte(0)).toBe(true);

        const sorted = [...open].sort((a, b) => (a.period < b.period ? -1 : 1));
        const byPeriod = new Map(r.allocations.map((x) => [x.period, x]));
        expect(r.allocations.map((x) => x.period)).toEqual(sorted.filter((p) => byPeriod.has(p.period)).map((p) => p.period));
        let shortfallSeen = false; // once a due is not fully met, nothing later may receive anything
        for (const p of sorted) {
          const a = byPeriod.get(p.period);
          const principal = new Dec(a?.principal ?? 0);
          const interest = new Dec(a?.interest ?? 0);
          expect(principal.lte(p.principalDue) && interest.lte(p.interestDue)).toBe(true);
          expect(principal.isInteger() && interest.isInteger()).toBe(true);
          if (shortfallSeen) expect(principal.plus(interest).isZero()).toBe(true);
          if (interest.gt(0)) expect(principal.eq(p.principalDue)).toBe(true);
          if (!principal.eq(p.principalDue) || !interest.eq(p.interestDue)) shortfallSeen = true;
        }
        if (new Dec(r.unallocated).gt(0)) expect(shortfallSeen).toBe(false);
      }),
    );
  });

  it('late charges are whole VND, within half a dong of the exact product, and monotone in days and amount', () => {
    fc.assert(
      fc.property(dong, dong, fc.nat(5000), fc.nat(5000), (a1, a2, d1, d2) => {
        const c = lateCharge(a1, d1);
        expect(c.isInteger() && c.gte(0)).toBe(true);
        expect(c.minus(new Dec(a1).times(LATE_CHARGE_DAILY_RATE).times(d1)).abs().lte('0.5')).toBe(true);
        const [dLo, dHi] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(lateCharge(a1, dLo).lte(lateCharge(a1, dHi))).toBe(true);
        const [aLo, aHi] = new Dec(a1).lte(a2) ? [a1, a2] : [a2, a1];
        expect(lateCharge(aLo, d1).lte(lateCharge(aHi, d1))).toBe(true);
      }),
    );
  });

  it('a period’s tranches add up to the principal due, the total is the sum of the rounded charges, and evasion ⇔ max days ≥ 61', () => {
    const input = fc
      .record({
        k: fc.integer({ min: 0, max: 200 }),
        due: fc.bigInt({ min: 0n, max: 10n ** 11n }),
        asOfOffset: fc.integer({ min: 0, max: 800 }),
        pays: fc.array(fc.record({ share: fc.integer({ min: 0, max: 100 }), offset: fc.integer({ min: 0, max: 800 }) }), { maxLength: 5 }),
      })
      .map(({ k, due, asOfOffset, pays }) => {
        const period = addMonths('2015-01', k);
        const start = `${period}-01`;
        const asOf = addDays(start, asOfOffset);
        let left = due;
        const payments = pays.map((p) => {
          const principal = (left * BigInt(p.share)) / 100n;
          left -= principal;
          return { paidOn: addDays(start, Math.min(p.offset, asOfOffset)), principal: principal.toString() };
        });
        return { period, principalDue: due.toString(), payments, asOf };
      });
    fc.assert(
      fc.property(input, (i) => {
        const r = lateChargeForPeriod(i);
        const amounts = r.tranches.reduce((a, t) => a.plus(t.amount), new Dec(0));
        expect(amounts.toFixed(0)).toBe(i.principalDue);
        expect(r.tranches.reduce((a, t) => a.plus(t.charge), new Dec(0)).toFixed(0)).toBe(r.totalCharge);
        for (const t of r.tranches) expect(t.charge).toBe(lateCharge(t.amount, t.days).toFixed(0));
        expect(r.evasion).toBe(r.maxDaysLate >= EVASION_FROM_DAY);
        const paid = i.payments.reduce((a, p) => a.plus(p.principal), new Dec(0));
        expect(r.outstandingPrincipal).toBe(new Dec(i.principalDue).minus(paid).toFixed(0));
      }),
    );
  });
});

describe('replayLedger — the account replayed (rules §8: allocation, charge settled by a payment, credit)', () => {
  it('a payment settles the principal, then the charge accrued to the day before its value date, and only then the next period', () => {
    // 2026-10 due 1,000,000 by 2026-11-30; paid on 2026-12-11: 10 days late → 1,000,000 × 0.03 % × 10 = 3,000.
    const r = replayLedger({
      periods: [
        { period: '2026-10', due: '1000000' },
        { period: '2026-11', due: '500000' },
      ],
      payments: [{ id: 1, amount: '1503000', valueDate: '2026-12-11' }],
      asOf: '2026-12-11',
    });
    expect(r.settlements).toEqual([
      { paymentId: 1, period: '2026-10', on: '2026-12-11', principal: '1000000', interest: '3000', fromCredit: false },
      { paymentId: 1, period: '2026-11', on: '2026-12-11', principal: '500000', interest: '0', fromCredit: false },
    ]);
    expect(r.credit).toBe('0');
    expect(r.periods[0]).toMatchObject({ status: 'paid', lateCharge: '3000', chargePaid: '3000', maxDaysLate: 10 });
  });

  it('a partial payment of a late period pays principal only; the charge of its tranche is settled by the next payment first', () => {
    // 600,000 on 2026-12-11 (10 days: 1,800), the other 400,000 on 2026-12-21 (20 days: 2,400).
    const r = replayLedger({
      periods: [{ period: '2026-10', due: '1000000' }],
      payments: [
        { id: 1, amount: '600000', valueDate: '2026-12-11' },
        { id: 2, amount: '404200', valueDate: '2026-12-21' },
      ],
      asOf: '2026-12-31',
    });
    expect(r.settlements.map((s) => [s.paymentId, s.principal, s.interest])).toEqual([
      [1, '600000', '0'],
      [2, '400000', '4200'],
    ]);
    expect(r.periods[0]).toMatchObject({ lateCharge: '4200', chargePaid: '4200', outstanding: '0' });
  });

  it('what is left is credit, and credit settles each later period on its deadline: paid on time, charged nothing, oldest credit first', () => {
    expect(creditSettlesOn('2026-12')).toBe('2027-01-31');
    const r = replayLedger({
      periods: [
        { period: '2026-10', due: '100' },
        { period: '2026-11', due: '100' },
        { period: '2026-12', due: '100' },
      ],
      payments: [
        { id: 1, amount: '150', valueDate: '2026-10-20' }, // 2026-10 in advance, 50 credit
        { id: 2, amount: '80', valueDate: '2026-10-25' }, // all credit
      ],
      asOf: '2027-03-01',
    });
    expect(r.settlements).toEqual([
      { paymentId: 1, period: '2026-10', on: '2026-10-20', principal: '100', interest: '0', fromCredit: false },
      { paymentId: 1, period: '2026-11', on: '2026-12-31', principal: '50', interest: '0', fromCredit: true },
      { paymentId: 2, period: '2026-11', on: '2026-12-31', principal: '50', interest: '0', fromCredit: true },
      { paymentId: 2, period: '2026-12', on: '2027-01-31', principal: '30', interest: '0', fromCredit: true },
    ]);
    expect(r.periods.map((p) => [p.period, p.status, p.lateCharge, p.maxDaysLate, p.fromCredit])).toEqual([
      ['2026-10', 'paid', '0', 0, '0'],
      ['2026-11', 'paid', '0', 0, '100'],
      ['2026-12', 'partially_paid', '1', 29, '30'], // 70 unpaid from 2027-02-01 to 2027-03-01: 29 days × 0.03 % = 0.609 → 1
    ]);
    expect(r.credit).toBe('0');
    expect(r.creditByPayment).toEqual([
      { paymentId: 1, credit: '0' },
      { paymentId: 2, credit: '0' },
    ]);
  });

  it('before a deadline, credit waits; a period whose due was lowered after it was paid leaves the excess as credit', () => {
    const r = replayLedger({ periods: [{ period: '2026-10', due: '700' }, { period: '2026-11', due: '1000' }], payments: [{ id: 7, amount: '1000', valueDate: '2026-10-31' }], asOf: '2026-12-30' });
    expect(r.periods.map((p) => [p.period, p.status, p.paid])).toEqual([
      ['2026-10', 'paid', '700'],
      ['2026-11', 'unpaid', '0'], // credit 300 settles it only on 2026-12-31
    ]);
    expect(r.credit).toBe('300');
    const later = replayLedger({ periods: [{ period: '2026-10', due: '700' }, { period: '2026-11', due: '1000' }], payments: [{ id: 7, amount: '1000', valueDate: '2026-10-31' }], asOf: '2026-12-31' });
    expect(later.periods[1]).toMatchObject({ paid: '300', fromCredit: '300' });
  });

  it('payments after the as-of date have not arrived yet; a period listed twice is refused', () => {
    const r = replayLedger({ periods: [{ period: '2026-10', due: '100' }], payments: [{ id: 1, amount: '100', valueDate: '2026-12-01' }], asOf: '2026-11-30' });
    expect(r.settlements).toEqual([]);
    expect(() => replayLedger({ periods: [{ period: '2026-10', due: '1' }, { period: '2026-10', due: '2' }], payments: [], asOf: '2026-11-30' })).toThrowError(code('DUPLICATE_PERIOD'));
  });

  it('chargeAccrued sums the rounded charge of each tranche to the day before it was paid', () => {
    // deadline 2026-11-30: 2026-12-02 → 1 day; 2026-12-11 → 10 days.
    expect(chargeAccrued('2026-10', [{ on: '2026-12-02', principal: '5000' }, { on: '2026-12-11', principal: '1000000' }]).toFixed(0)).toBe('3002'); // 5,000 × 0.03 % × 1 = 1.5 → 2, plus 3,000
  });
});

describe('checkValueDate — money counts from the day the bank credited it (rules §8 "Where a payment comes from")', () => {
  it('refuses a value date after today, or before the employer existed, each with its code', () => {
    expect(() => checkValueDate('2026-12-02', '2026-12-01', '2026-10-01')).toThrowError(code('VALUE_DATE_IN_FUTURE'));
    expect(() => checkValueDate('2150-12-31', '2026-12-01', '2026-10-01')).toThrowError(code('VALUE_DATE_IN_FUTURE'));
    expect(() => checkValueDate('2026-09-30', '2026-12-01', '2026-10-01')).toThrowError(code('VALUE_DATE_BEFORE_EMPLOYER'));
    expect(() => checkValueDate('2026-13-01', '2026-12-01', '2026-10-01')).toThrowError(code('INVALID_DATE'));
    expect(() => checkValueDate('2026-12-01', '2026-12-01', '2026-10-01')).not.toThrow();
    expect(() => checkValueDate('2026-10-01', '2026-12-01', '2026-10-01')).not.toThrow();
  });
});

describe('replayLedger — properties (fast-check)', () => {
  const input = fc
    .record({
      dues: fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 8 }),
      pays: fc.array(fc.record({ amount: fc.bigInt({ min: 1n, max: 3n * 10n ** 9n }), day: fc.integer({ min: 0, max: 400 }) }), { maxLength: 8 }),
      asOfDay: fc.integer({ min: 0, max: 500 }),
    })
    .map(({ dues, pays, asOfDay }) => ({
      periods: dues.map((d, i) => ({ period: addMonths('2026-01', i), due: d.toString() })),
      payments: pays.map((p, i) => ({ id: i + 1, amount: p.amount.toString(), valueDate: addDays('2026-01-01', p.day) })),
      asOf: addDays('2026-01-01', asOfDay),
    }));

  it('money is conserved per payment, no period gets more than its due or its accrued charge, and a prefix of time is a prefix of the settlements', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 500 }), (i, earlierDay) => {
        const r = replayLedger(i);
        for (const p of i.payments.filter((x) => x.valueDate <= i.asOf)) {
          const spent = r.settlements.filter((s) => s.paymentId === p.id).reduce((a, s) => a.plus(s.principal).plus(s.interest), new Dec(0));
          const held = r.creditByPayment.find((c) => c.paymentId === p.id)!.credit;
          expect(spent.plus(held).toFixed(0)).toBe(p.amount);
        }
        for (const st of r.periods) {
          expect(new Dec(st.paid).lte(st.due)).toBe(true);
          expect(st.status).not.toBe('overpaid');
          expect(new Dec(st.chargePaid).lte(st.lateCharge)).toBe(true);
        }
        // Credit is only held while nothing reachable is open.
        if (new Dec(r.credit).gt(0)) for (const st of r.periods.filter((p) => p.deadline <= i.asOf)) expect(st.outstanding).toBe('0');
        // The replay to an earlier date is the settlements up to that date.
        const earlier = addDays('2026-01-01', Math.min(earlierDay, 500));
        if (earlier <= i.asOf) {
          expect(replayLedger({ ...i, asOf: earlier }).settlements).toEqual(r.settlements.filter((s) => s.on <= earlier));
        }
      }),
    );
  });
});
