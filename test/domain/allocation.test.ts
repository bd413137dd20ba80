/**
 * Allocation of a payment: oldest period first, principal before interest (rules §8.3), with the
 * fast-check properties of allocation and late charges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../domain/calendar';
import { Dec } from '../../domain/money';
import { allocatePayment, type OpenPeriod } from '../../domain/allocation';
import { EVASION_FROM_DAY } from '../../domain/arrears';
import { LATE_CHARGE_DAILY_RATE, lateCharge, lateChargeForPeriod } from '../../domain/late-charges';

const code = (c: string) => expect.objectContaining({ code: c });

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
    expect(allocatePayment('505000', open)).toEqual({
      allocations: [{ period: '2025-07', principal: '500000', interest: '5000' }],
      unallocated: '0',
    });
    // 300,000 does not even cover 2025-07's principal
    expect(allocatePayment(300_000, open).allocations).toEqual([
      { period: '2025-07', principal: '300000', interest: '0' },
    ]);
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
    const r = allocatePayment(100, [
      { period: '2025-01', principalDue: '0', interestDue: '0' },
      { period: '2025-02', principalDue: '100', interestDue: '0' },
    ]);
    expect(r.allocations).toEqual([{ period: '2025-02', principal: '100', interest: '0' }]);
  });

  it('refuses a period listed twice, a malformed period and bad amounts', () => {
    expect(() => allocatePayment(1, [open[0]!, open[0]!])).toThrowError(code('DUPLICATE_PERIOD'));
    expect(() => allocatePayment(1, [{ period: '2025-13', principalDue: '1', interestDue: '0' }])).toThrowError(
      code('INVALID_MONTH'),
    );
    expect(() => allocatePayment(-5, open)).toThrowError(code('INVALID_AMOUNT'));
    expect(() => allocatePayment(1, [{ period: '2025-01', principalDue: '1.5', interestDue: '0' }])).toThrowError(
      code('INVALID_AMOUNT'),
    );
  });
});

describe('properties (fast-check)', () => {
  const dong = fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String);
  const openPeriods = fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 8 }).chain((offsets) =>
    fc.tuple(
      ...offsets.map((k) =>
        fc.record({
          period: fc.constant(addMonths('2015-01', k)),
          principalDue: dong,
          interestDue: fc.oneof(dong, fc.constant('0')),
        }),
      ),
    ),
  );

  it('allocation conserves money exactly, never exceeds a due, and fills periods oldest first, principal before interest', () => {
    fc.assert(
      fc.property(openPeriods, fc.bigInt({ min: 0n, max: 10n ** 13n }), (open, amount) => {
        const r = allocatePayment(amount.toString(), open);
        const total = r.allocations
          .reduce((a, x) => a.plus(x.principal).plus(x.interest), new Dec(0))
          .plus(r.unallocated);
        expect(total.toFixed(0)).toBe(amount.toString());
        expect(new Dec(r.unallocated).gte(0)).toBe(true);

        const sorted = [...open].sort((a, b) => (a.period < b.period ? -1 : 1));
        const byPeriod = new Map(r.allocations.map((x) => [x.period, x]));
        expect(r.allocations.map((x) => x.period)).toEqual(
          sorted.filter((p) => byPeriod.has(p.period)).map((p) => p.period),
        );
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
        pays: fc.array(
          fc.record({ share: fc.integer({ min: 0, max: 100 }), offset: fc.integer({ min: 0, max: 800 }) }),
          { maxLength: 5 },
        ),
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
