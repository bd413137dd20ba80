/**
 * Money: decimal.js only, whole VND. The one rounding rule (rules §8): half-up to the dong.
 */
import Decimal from 'decimal.js';
import { z } from 'zod';

export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = Decimal;

/** Round half-up to a whole dong (rules §8: each fund line is rounded; totals are sums of rounded lines). */
export function toDong(x: Decimal.Value): Decimal {
  return new Dec(x).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
}

export function sumDong(xs: Decimal.Value[]): Decimal {
  return xs.reduce<Decimal>((acc, x) => acc.plus(new Dec(x)), new Dec(0));
}

/** Whole non-negative VND as a safe integer or a string of digits → canonical digit string. */
export const vndSchema = z
  .union([z.number(), z.string()])
  .transform((v, ctx) => {
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v) || v < 0) {
        ctx.addIssue({ code: 'custom', message: 'INVALID_AMOUNT: a whole, non-negative number of VND' });
        return z.NEVER;
      }
      return String(v);
    }
    const s = v.trim();
    if (!/^\d{1,18}$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'INVALID_AMOUNT: a whole, non-negative number of VND' });
      return z.NEVER;
    }
    return s.replace(/^0+(?=\d)/, '');
  });

export function formatVnd(x: Decimal.Value): string {
  const s = toDong(x).toFixed(0);
  const neg = s.startsWith('-');
  const digits = neg ? s.slice(1) : s;
  return `${neg ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')} ₫`;
}
