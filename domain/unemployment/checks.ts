import { DomainError } from '../errors';

/** A whole count ≥ 0, or INVALID_ARGUMENT naming what it counts. */
export function wholeCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new DomainError('INVALID_ARGUMENT', `${what} must be a whole number ≥ 0: ${n}`);
}
