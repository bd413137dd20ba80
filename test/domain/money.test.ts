/** Money: whole VND, half-up to the dong (rules §8), amounts as integer strings. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, formatVnd, sumDong, toDong } from '../../domain/money';
import { vndSchema } from '../../domain/schemas-fields';

describe('toDong — the one rounding rule (rules §8: half-up to the dong)', () => {
  it('rounds exactly half a dong up, and below half down', () => {
    expect(toDong('759000.5').toFixed(0)).toBe('759001');
    expect(toDong('759000.4999').toFixed(0)).toBe('759000');
    expect(toDong('0.5').toFixed(0)).toBe('1');
    expect(toDong(4048000).toFixed(0)).toBe('4048000');
  });

  it('rounds 1.5% of 3,333,333 VND (49,999.995) to 50,000 VND, exactly and not via a float', () => {
    expect(toDong(new Dec('3333333').times('0.015')).toFixed(0)).toBe('50000');
    // the float product is 49999.994999…; decimal.js keeps it exact
    expect(3333333 * 0.015).not.toBe(49999.995);
  });

  it('rounds halves away from zero for refunds (negative amounts)', () => {
    expect(toDong('-2.5').toFixed(0)).toBe('-3');
    expect(toDong('-2.4').toFixed(0)).toBe('-2');
  });

  it('is idempotent and never moves an amount by more than half a dong', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 0, max: 999 }),
        (whole, milli) => {
          const x = new Dec(whole.toString()).plus(new Dec(milli).div(1000));
          const r = toDong(x);
          expect(r.isInteger()).toBe(true);
          expect(toDong(r).eq(r)).toBe(true);
          expect(r.minus(x).abs().lte('0.5')).toBe(true);
        },
      ),
    );
  });
});

describe('sumDong', () => {
  it('sums rounded lines: 4,048,000 + 759,000 + 600,000 = 5,407,000 (the 2026-07 worked example)', () => {
    expect(sumDong(['4048000', 759000, new Dec(600000)]).toFixed(0)).toBe('5407000');
    expect(sumDong([]).toFixed(0)).toBe('0');
  });

  it('rounds each term before adding (rules §8: totals are sums of rounded lines)', () => {
    // 0.5 + 0.5 → 1 + 1 = 2, not round(1.0) = 1
    expect(sumDong(['0.5', '0.5']).toFixed(0)).toBe('2');
  });

  it('equals the exact sum for whole amounts, whatever their order', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { maxLength: 30 }), (xs) => {
        const exact = xs.reduce((a, b) => a + b, 0n);
        expect(sumDong(xs.map(String)).toFixed(0)).toBe(exact.toString());
        expect(sumDong([...xs].reverse().map(String)).toFixed(0)).toBe(exact.toString());
      }),
    );
  });
});

describe('vndSchema — amounts travel as whole, non-negative VND', () => {
  it('accepts a safe integer or a string of digits and outputs the canonical integer string', () => {
    expect(vndSchema.parse(5310000)).toBe('5310000');
    expect(vndSchema.parse('5310000')).toBe('5310000');
    expect(vndSchema.parse('0050')).toBe('50');
    expect(vndSchema.parse(0)).toBe('0');
    expect(vndSchema.parse(-0)).toBe('0');
    expect(vndSchema.parse('000')).toBe('0');
    expect(vndSchema.parse('123456789012345678901234')).toBe('123456789012345678901234');
  });

  it.each([
    ['a float with a fraction', 5310000.5],
    ['a negative number', -1],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['an unsafe integer', 2 ** 53],
    ['a decimal string', '5310000.00'],
    ['a negative string', '-5'],
    ['a string with separators', '5,310,000'],
    ['a string with spaces', ' 5310000'],
    ['an exponent', '5e6'],
    ['an empty string', ''],
    ['null', null],
    ['a boolean', true],
  ])('rejects %s', (_what, value) => {
    const r = vndSchema.safeParse(value);
    expect(r.success).toBe(false);
  });

  it('round-trips every safe non-negative integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(vndSchema.parse(n)).toBe(String(n));
        expect(vndSchema.parse(String(n))).toBe(String(n));
      }),
    );
  });
});

describe('formatVnd', () => {
  it('formats with thousands separators and the dong sign', () => {
    expect(formatVnd('5310000')).toBe('5,310,000 ₫');
    expect(formatVnd(0)).toBe('0 ₫');
    expect(formatVnd(999)).toBe('999 ₫');
    expect(formatVnd(1000)).toBe('1,000 ₫');
    expect(formatVnd('106200000')).toBe('106,200,000 ₫');
    expect(formatVnd('-1500')).toBe('-1,500 ₫');
    expect(formatVnd('1234.5')).toBe('1,235 ₫');
  });
});
