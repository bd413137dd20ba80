/**
 * Money: decimal.js only, whole VND. Amounts travel as integer strings (or safe integers) and
 * become `Decimal` only inside `domain/`; never a JS float.
 *
 * The ONE rounding rule (rules §8, project decision): every amount is whole VND; each fund line
 * (fund × side) is base × rate rounded half-up to the dong, and totals are sums of rounded lines,
 * never rounded separately.
 */
import Decimal from 'decimal.js';

/** Decimal configured for money: 40 significant digits, half-up. */
export const Dec: typeof Decimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = Decimal;

/** Round half-up to a whole dong (rules §8). Half-up means away from zero at exactly .5. */
export function toDong(x: Decimal.Value): Decimal {
  return new Dec(x).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
}

/**
 * Sum of amounts in dong: each term is first brought to a whole dong with `toDong` (a no-op for
 * the rounded lines it is meant for), so the result is always a whole dong and equals the sum of
 * the rounded lines (rules §8) — never a rounded sum of unrounded terms.
 */
export function sumDong(xs: Decimal.Value[]): Decimal {
  return xs.reduce<Decimal>((acc, x) => acc.plus(toDong(x)), new Dec(0));
}

/** "5,310,000 ₫": rounded to the dong, thousands separated by commas. */
export function formatVnd(x: Decimal.Value): string {
  const s = toDong(x).toFixed(0);
  const neg = s.startsWith('-');
  const digits = neg ? s.slice(1) : s;
  return `${neg ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')} ₫`;
}

/**
 * An amount as a Prometheus sample (issue 15's arrears gauge): the exposition format's values are
 * float64 by nature, so this is the one place money becomes a JS number — once, at that edge, for
 * display on a dashboard, never for arithmetic. Whole VND are exact up to 2^53 (9 × 10^15 ₫).
 */
export function toGaugeValue(amount: Decimal.Value): number {
  return toDong(amount).toNumber();
}
