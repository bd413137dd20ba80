/**
 * The employer's account replayed (rules §8.3–§8.7): allocation, the charge a payment settles, credit,
 * and the value date of a payment.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../domain/calendar';
import { Dec } from '../../domain/money';
import { creditSettlesOn } from '../../domain/allocation';
import { chargeAccrued } from '../../domain/late-charges';
import { checkValueDate, replayLedger } from '../../domain/ledger';

const code = (c: string) => expect.objectContaining({ code: c });

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
    const r = replayLedger({
      periods: [
        { period: '2026-10', due: '700' },
        { period: '2026-11', due: '1000' },
      ],
      payments: [{ id: 7, amount: '1000', valueDate: '2026-10-31' }],
      asOf: '2026-12-30',
    });
    expect(r.periods.map((p) => [p.period, p.status, p.paid])).toEqual([
      ['2026-10', 'paid', '700'],
      ['2026-11', 'unpaid', '0'], // credit 300 settles it only on 2026-12-31
    ]);
    expect(r.credit).toBe('300');
    const later = replayLedger({
      periods: [
        { period: '2026-10', due: '700' },
        { period: '2026-11', due: '1000' },
      ],
      payments: [{ id: 7, amount: '1000', valueDate: '2026-10-31' }],
      asOf: '2026-12-31',
    });
    expect(later.periods[1]).toMatchObject({ paid: '300', fromCredit: '300' });
  });

  it('payments after the as-of date have not arrived yet; a period listed twice is refused', () => {
    const r = replayLedger({
      periods: [{ period: '2026-10', due: '100' }],
      payments: [{ id: 1, amount: '100', valueDate: '2026-12-01' }],
      asOf: '2026-11-30',
    });
    expect(r.settlements).toEqual([]);
    expect(() =>
      replayLedger({
        periods: [
          { period: '2026-10', due: '1' },
          { period: '2026-10', due: '2' },
        ],
        payments: [],
        asOf: '2026-11-30',
      }),
    ).toThrowError(code('DUPLICATE_PERIOD'));
  });

  it('chargeAccrued sums the rounded charge of each tranche to the day before it was paid', () => {
    // deadline 2026-11-30: 2026-12-02 → 1 day; 2026-12-11 → 10 days.
    expect(
      chargeAccrued('2026-10', [
        { on: '2026-12-02', principal: '5000' },
        { on: '2026-12-11', principal: '1000000' },
      ]).toFixed(0),
    ).toBe('3002'); // 5,000 × 0.03 % × 1 = 1.5 → 2, plus 3,000
  });
});

describe('checkValueDate — money counts from the day the bank credited it (rules §8 "Where a payment comes from")', () => {
  it('refuses a value date after today, or before the employer existed, each with its code', () => {
    expect(() => checkValueDate('2026-12-02', '2026-12-01', '2026-10-01')).toThrowError(code('VALUE_DATE_IN_FUTURE'));
    expect(() => checkValueDate('2150-12-31', '2026-12-01', '2026-10-01')).toThrowError(code('VALUE_DATE_IN_FUTURE'));
    expect(() => checkValueDate('2026-09-30', '2026-12-01', '2026-10-01')).toThrowError(
      code('VALUE_DATE_BEFORE_EMPLOYER'),
    );
    expect(() => checkValueDate('2026-13-01', '2026-12-01', '2026-10-01')).toThrowError(code('INVALID_DATE'));
    expect(() => checkValueDate('2026-12-01', '2026-12-01', '2026-10-01')).not.toThrow();
    expect(() => checkValueDate('2026-10-01', '2026-12-01', '2026-10-01')).not.toThrow();
  });
});

describe('replayLedger — properties (fast-check)', () => {
  const input = fc
    .record({
      dues: fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 8 }),
      pays: fc.array(
        fc.record({ amount: fc.bigInt({ min: 1n, max: 3n * 10n ** 9n }), day: fc.integer({ min: 0, max: 400 }) }),
        { maxLength: 8 },
      ),
      asOfDay: fc.integer({ min: 0, max: 500 }),
    })
    .map(({ dues, pays, asOfDay }) => ({
      periods: dues.map((d, i) => ({ period: addMonths('2026-01', i), due: d.toString() })),
      payments: pays.map((p, i) => ({
        id: i + 1,
        amount: p.amount.toString(),
        valueDate: addDays('2026-01-01', p.day),
      })),
      asOf: addDays('2026-01-01', asOfDay),
    }));

  it('money is conserved per payment, no period gets more than its due or its accrued charge, and a prefix of time is a prefix of the settlements', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 500 }), (i, earlierDay) => {
        const r = replayLedger(i);
        for (const p of i.payments.filter((x) => x.valueDate <= i.asOf)) {
          const spent = r.settlements
            .filter((s) => s.paymentId === p.id)
            .reduce((a, s) => a.plus(s.principal).plus(s.interest), new Dec(0));
          const held = r.creditByPayment.find((c) => c.paymentId === p.id)!.credit;
          expect(spent.plus(held).toFixed(0)).toBe(p.amount);
        }
        for (const st of r.periods) {
          expect(new Dec(st.paid).lte(st.due)).toBe(true);
          expect(st.status).not.toBe('overpaid');
          expect(new Dec(st.chargePaid).lte(st.lateCharge)).toBe(true);
        }
        // Credit is only held while nothing reachable is open.
        if (new Dec(r.credit).gt(0))
          for (const st of r.periods.filter((p) => p.deadline <= i.asOf)) expect(st.outstanding).toBe('0');
        // The replay to an earlier date is the settlements up to that date.
        const earlier = addDays('2026-01-01', Math.min(earlierDay, 500));
        if (earlier <= i.asOf) {
          expect(replayLedger({ ...i, asOf: earlier }).settlements).toEqual(
            r.settlements.filter((s) => s.on <= earlier),
          );
        }
      }),
    );
  });
});
