/**
 * The late charge: 0.03%/day per tranche (Law 41/2024 Art.40–41; rules §8.1, §8.4). Every expected
 * figure is computed by hand in the comment beside it.
 */
import { describe, expect, it } from 'vitest';
import { LATE_CHARGE_DAILY_RATE, lateCharge, lateChargeForPeriod } from '../../domain/late-charges';

const code = (c: string) => expect.objectContaining({ code: c });

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
    expect(r.tranches.map((t) => [t.days, t.charge])).toEqual([
      [1, '2'],
      [1, '2'],
    ]);
    expect(r.totalCharge).toBe('4');
    expect(r.outstandingPrincipal).toBe('0');
    expect(r.evasion).toBe(false);
  });

  it('a payment on time is a tranche with 0 days and no charge; a period not yet due charges nothing', () => {
    const r = lateChargeForPeriod({
      period: '2025-05',
      principalDue: 3_000_000,
      payments: [{ paidOn: '2025-05-31', principal: 1_000_000 }],
      asOf: '2025-06-10',
    });
    // old rule: deadline 31/05/2025; unpaid 2,000,000 from 1/6 to 10/6 = 10 days → 600 × 10 = 6,000
    expect(r.tranches).toEqual([
      { amount: '1000000', from: '2025-06-01', to: '2025-05-31', days: 0, charge: '0' },
      { amount: '2000000', from: '2025-06-01', to: null, days: 10, charge: '6000' },
    ]);
    expect(r.totalCharge).toBe('6000');
    const early = lateChargeForPeriod({ period: '2026-10', principalDue: 3_000_000, payments: [], asOf: '2026-11-15' });
    expect(early).toMatchObject({
      deadline: '2026-11-30',
      totalCharge: '0',
      maxDaysLate: 0,
      evasion: false,
      outstandingPrincipal: '3000000',
    });
  });

  it('leaves out zero-amount tranches; nothing due and nothing paid gives no tranche at all', () => {
    const r = lateChargeForPeriod({
      period: '2025-08',
      principalDue: 0,
      payments: [{ paidOn: '2025-10-15', principal: 0 }],
      asOf: '2026-06-01',
    });
    expect(r).toMatchObject({
      tranches: [],
      totalCharge: '0',
      maxDaysLate: 0,
      evasion: false,
      outstandingPrincipal: '0',
    });
  });

  it('refuses payments after the reconciliation date, more principal than due, and bad amounts', () => {
    const base = { period: '2025-08', principalDue: 1_000, asOf: '2025-12-01' };
    expect(() => lateChargeForPeriod({ ...base, payments: [{ paidOn: '2025-12-02', principal: 1 }] })).toThrowError(
      code('PAYMENT_AFTER_AS_OF'),
    );
    expect(() =>
      lateChargeForPeriod({
        ...base,
        payments: [
          { paidOn: '2025-11-01', principal: 600 },
          { paidOn: '2025-11-02', principal: 401 },
        ],
      }),
    ).toThrowError(code('OVERALLOCATED'));
    expect(() => lateChargeForPeriod({ ...base, payments: [{ paidOn: '2025-11-01', principal: -1 }] })).toThrowError(
      code('INVALID_AMOUNT'),
    );
    expect(() => lateChargeForPeriod({ ...base, principalDue: '1e3.5', payments: [] })).toThrowError(
      code('INVALID_AMOUNT'),
    );
    expect(() => lateChargeForPeriod({ ...base, asOf: '2025-02-30', payments: [] })).toThrowError(code('INVALID_DATE'));
  });
});
