/**
 * Argument checks shared by the rules: a calendar date, a whole non-negative count (of days, of
 * months), a whole non-negative VND amount. Each failure is a DomainError naming the field or what
 * is counted.
 */
import type Decimal from 'decimal.js';
import { isIsoDate, type IsoDate } from './calendar';
import { DomainError } from './errors';
import { Dec } from './money';

export function checkDate(d: IsoDate, field: string): void {
  if (typeof d !== 'string' || !isIsoDate(d))
    throw new DomainError('INVALID_DATE', `not a calendar date (YYYY-MM-DD): ${String(d)}`, field, undefined, {
      value: String(d),
    });
}

export function checkDays(days: number): void {
  if (!Number.isSafeInteger(days) || days < 0)
    throw new DomainError('INVALID_ARGUMENT', `days must be a whole number ≥ 0: ${days}`, 'days');
}

/** A whole, non-negative VND amount as a Decimal, or a DomainError naming the field. */
export function wholeDong(x: Decimal.Value, field: string): Decimal {
  let d: Decimal;
  try {
    d = new Dec(x);
  } catch {
    throw new DomainError('INVALID_AMOUNT', `${field} must be a whole, non-negative number of VND`, field, {
      value: String(x),
    });
  }
  if (!d.isFinite() || !d.isInteger() || d.isNegative()) {
    throw new DomainError('INVALID_AMOUNT', `${field} must be a whole, non-negative number of VND`, field, {
      value: String(x),
    });
  }
  return d.plus(0); // normalises -0
}

/** A whole count ≥ 0, or INVALID_ARGUMENT naming what it counts. */
export function wholeCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new DomainError('INVALID_ARGUMENT', `${what} must be a whole number ≥ 0: ${n}`);
}
