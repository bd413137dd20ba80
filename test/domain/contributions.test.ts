/**
 * Monthly contributions: bases (Law 41/2024 Art.31; Law 74/2025 Art.34), rates (rules §1, §9.C),
 * one line per fund × side rounded half-up to the dong, totals = sums of lines (rules §8).
 * Every expected figure below is computed by hand in the comment beside it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../domain/calendar';
import { computeContribution, type ContributionResult } from '../../domain/contributions';
import { Dec } from '../../domain/money';
import { REGIONS, type Fund } from '../../domain/rates';

const line = (r: ContributionResult, fund: Fund, side: 'employee' | 'employer') =>
  r.lines.find((l) => l.fund === fund && l.side === side);

describe('worked examples', () => {
  it('2026-07, region I, 60,000,000: SI base capped at 20 × 2,530,000 = 50,600,000 (Law 41/2024 Art.31(1)(đ), Decree 161/2026); UI base 60,000,000 under 20 × 5,310,000 (Law 74/2025 Art.34(2)); employee pays 5,407,000', () => {
    const r = computeContribution({ month: '2026-07', salary: 60_000_000, region: 'I' });
    expect(r.bases).toEqual({ si: '50600000', hi: '50600000', ui: '60000000' });
    expect(r.siCap).toBe('50600000');
    expect(r.uiCap).toBe('106200000');
    expect(r.floor).toBe('5310000');
    expect(r.capped).toEqual({ si: true, ui: false });
    expect(r.flooredFrom).toBeUndefined();
    // employee: 8% × 50.6M = 4,048,000; 1.5% × 50.6M = 759,000; 1% × 60M = 600,000
    expect(r.employee.byFund).toEqual({ SI_RETIREMENT: '4048000', HI: '759000', UI: '600000' });
    expect(r.employee.total).toBe('5407000');
    // employer: 14% × 50.6M = 7,084,000; 3% = 1,518,000; 0.5% = 253,000; HI 3% = 1,518,000; UI 1% × 60M = 600,000
    expect(r.employer.byFund).toEqual({
      SI_RETIREMENT: '7084000',
      SI_SICKNESS: '1518000',
      SI_OAOD: '253000',
      HI: '1518000',
      UI: '600000',
    });
    expect(r.employer.total).toBe('10973000');
    expect(r.total).toBe('16380000');
    expect(r.lines).toHaveLength(8); // 3 employee lines (no employee sickness or OA/OD) + 5 employer lines
    expect(line(r, 'SI_RETIREMENT', 'employee')).toEqual({
      fund: 'SI_RETIREMENT',
      side: 'employee',
      base: '50600000',
      rate: '0.08',
      amount: '4048000',
    });
  });

  it('2026-01, region I, 120,000,000: SI base 46,800,000 = 20 × 2,340,000 (Decree 73/2024); UI base 106,200,000 = 20 × 5,310,000 (Decree 293/2025, Law 74/2025 Art.34(2))', () => {
    const r = computeContribution({ month: '2026-01', salary: '120000000', region: 'I' });
    expect(r.bases).toEqual({ si: '46800000', hi: '46800000', ui: '106200000' });
    expect(r.capped).toEqual({ si: true, ui: true });
    // employee: 8% × 46.8M = 3,744,000; 1.5% × 46.8M = 702,000; 1% × 106.2M = 1,062,000 → 5,508,000
    expect(r.employee.total).toBe('5508000');
  });

  it('2024-07, region I, 100,000,000: caps 46,800,000 (SI) and 99,200,000 (UI, 20 × 4,960,000, Decree 74/2024)', () => {
    const r = computeContribution({ month: '2024-07', salary: 100_000_000, region: 'I' });
    expect(r.bases.si).toBe('46800000');
    expect(r.bases.ui).toBe('99200000');
  });

  it('raises a salary below the regional minimum wage to it: 2026-01, region IV, 3,000,000 → floor 3,700,000 (Decree 293/2025; rules §2 project decision)', () => {
    const r = computeContribution({ month: '2026-01', salary: 3_000_000, region: 'IV' });
    expect(r.floor).toBe('3700000');
    expect(r.flooredFrom).toBe('3000000');
    expect(r.bases).toEqual({ si: '3700000', hi: '3700000', ui: '3700000' });
    // 8% × 3.7M = 296,000; 1.5% = 55,500; 1% = 37,000 → 388,500
    expect(r.employee.total).toBe('388500');
  });

  it('rounds each line half-up and sums the rounded lines, never the unrounded total (rules §8)', () => {
    // 2026-07, region I, 10,000,050: 8% = 800,004; 1.5% = 150,000.75 → 150,001; 1% = 100,000.5 → 100,001
    // sum of rounded lines = 1,050,006, whereas 10.5% × 10,000,050 = 1,050,005.25 would round to 1,050,005
    const r = computeContribution({ month: '2026-07', salary: 10_000_050, region: 'I' });
    expect(r.employee.byFund).toEqual({ SI_RETIREMENT: '800004', HI: '150001', UI: '100001' });
    expect(r.employee.total).toBe('1050006');
    // employer: 14% = 1,400,007; 3% = 300,001.5 → 300,002; 0.5% = 50,000.25 → 50,000; HI 3% → 300,002; UI → 100,001
    expect(r.employer.total).toBe(String(1_400_007 + 300_002 + 50_000 + 300_002 + 100_001));
  });

  it('omits zero-rate lines in the 2021–22 relief: 2022-01, region I, 10,000,000 has no OA/OD (Res. 68/NQ-CP) and no employer UI (Res. 116/NQ-CP)', () => {
    const r = computeContribution({ month: '2022-01', salary: 10_000_000, region: 'I' });
    expect(line(r, 'SI_OAOD', 'employer')).toBeUndefined();
    expect(line(r, 'UI', 'employer')).toBeUndefined();
    expect(line(r, 'UI', 'employee')?.amount).toBe('100000');
    // employer: 14% 1,400,000 + 3% 300,000 + HI 3% 300,000 = 2,000,000; employee 800,000 + 150,000 + 100,000
    expect(r.employer.total).toBe('2000000');
    expect(r.employee.total).toBe('1050000');
    expect(r.lines).toHaveLength(6);
    expect(r.siCap).toBe('29800000'); // 20 × 1,490,000 (Decree 38/2019)
  });

  it('uses the 2012 rates: 7% / 17% SI under Law 71/2006; 2012-06, region I, 5,000,000', () => {
    const r = computeContribution({ month: '2012-06', salary: 5_000_000, region: 'I' });
    // employee: 7% 350,000 + HI 1.5% 75,000 + UI 1% 50,000
    expect(r.employee.total).toBe('475000');
    // employer: 13% 650,000 + 3% 150,000 + 1% 50,000 + HI 3% 150,000 + UI 1% 50,000
    expect(r.employer.total).toBe('1050000');
    expect(r.siCap).toBe('21000000'); // 20 × 1,050,000 (Decree 31/2012)
    expect(r.floor).toBe('2000000'); // Decree 70/2011 region I
  });

  it('leaves out UI for an employee UI does not cover (foreign employee; rules §1)', () => {
    const r = computeContribution({ month: '2026-07', salary: 20_000_000, region: 'II', uiCovered: false });
    expect(r.lines.some((l) => l.fund === 'UI')).toBe(false);
    expect(r.employee.byFund.UI).toBeUndefined();
    // 8% 1,600,000 + 1.5% 300,000
    expect(r.employee.total).toBe('1900000');
  });

  it('charges nothing for a month with ≥ 14 working days unpaid (Law 41/2024 Art.33(5); Law 74/2025 Art.33(4))', () => {
    const r = computeContribution({ month: '2026-07', salary: 20_000_000, region: 'II', unpaidLeave: true });
    expect(r.lines).toEqual([]);
    expect(r.employee).toEqual({ byFund: {}, total: '0' });
    expect(r.employer).toEqual({ byFund: {}, total: '0' });
    expect(r.total).toBe('0');
  });
});

describe('invalid input', () => {
  it.each([0, -1, 1.5, '12000000.5', 'abc', '', Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects salary %s with INVALID_SALARY',
    (salary) => {
      expect(() => computeContribution({ month: '2026-07', salary, region: 'I' })).toThrowError(
        expect.objectContaining({ name: 'DomainError', code: 'INVALID_SALARY', field: 'salary' }),
      );
    },
  );

  it('refuses months the tables do not cover (before 2011-10) rather than guessing', () => {
    expect(() => computeContribution({ month: '2011-09', salary: 5_000_000, region: 'I' })).toThrowError(
      expect.objectContaining({ code: 'RATE_NOT_AVAILABLE' }),
    );
  });
});

describe('properties (fast-check)', () => {
  const input = fc.record({
    month: fc.integer({ min: 0, max: 12 * 16 }).map((k) => addMonths('2011-10', k)),
    salary: fc.integer({ min: 1, max: 500_000_000 }),
    region: fc.constantFrom(...REGIONS),
    uiCovered: fc.boolean(),
    unpaidLeave: fc.boolean(),
  });

  it('totals equal the sums of their lines, and every amount is a whole number of dong', () => {
    fc.assert(
      fc.property(input, (i) => {
        const r = computeContribution(i);
        const sum = (side?: 'employee' | 'employer') =>
          r.lines
            .filter((l) => !side || l.side === side)
            .reduce((a, l) => a.plus(l.amount), new Dec(0))
            .toFixed(0);
        expect(r.employee.total).toBe(sum('employee'));
        expect(r.employer.total).toBe(sum('employer'));
        expect(r.total).toBe(sum());
        for (const side of ['employee', 'employer'] as const) {
          const byFund = Object.values(r[side].byFund)
            .reduce((a, x) => a.plus(x!), new Dec(0))
            .toFixed(0);
          expect(byFund).toBe(r[side].total);
        }
        for (const l of r.lines) {
          expect(l.amount).toMatch(/^\d+$/);
          expect(l.base).toMatch(/^\d+$/);
          expect(new Dec(l.rate).gt(0)).toBe(true);
          // each line is base × rate rounded half-up: within half a dong of the exact product
          expect(new Dec(l.amount).minus(new Dec(l.base).times(l.rate)).abs().lte('0.5')).toBe(true);
        }
        for (const x of [r.bases.si, r.bases.hi, r.bases.ui, r.floor, r.siCap, r.uiCap, r.total])
          expect(x).toMatch(/^\d+$/);
      }),
    );
  });

  it('no base exceeds its cap or falls below the floor; HI base = SI base; flags say what happened', () => {
    fc.assert(
      fc.property(input, (i) => {
        const r = computeContribution(i);
        const [si, hi, ui, floor, siCap, uiCap] = [r.bases.si, r.bases.hi, r.bases.ui, r.floor, r.siCap, r.uiCap].map(
          (x) => new Dec(x),
        );
        expect(si!.lte(siCap!)).toBe(true);
        expect(ui!.lte(uiCap!)).toBe(true);
        expect(si!.gte(floor!)).toBe(true);
        expect(ui!.gte(floor!)).toBe(true);
        expect(hi!.eq(si!)).toBe(true);
        expect(r.capped.si).toBe(i.salary > siCap!.toNumber());
        expect(r.capped.ui).toBe(i.salary > uiCap!.toNumber());
        expect(r.flooredFrom).toBe(i.salary < floor!.toNumber() ? String(i.salary) : undefined);
        if (!r.capped.si && !r.flooredFrom) expect(r.bases.si).toBe(String(i.salary));
      }),
    );
  });

  it('a higher salary never lowers any contribution (monotone)', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 50_000_000 }), (i, raise) => {
        const a = computeContribution(i);
        const b = computeContribution({ ...i, salary: i.salary + raise });
        expect(new Dec(b.total).gte(a.total)).toBe(true);
        expect(new Dec(b.employee.total).gte(a.employee.total)).toBe(true);
      }),
    );
  });
});
