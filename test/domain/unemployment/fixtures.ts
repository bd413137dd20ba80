/** Shared fixtures of the unemployment tests (split by article from test/domain/unemployment.test.ts). */
import { addMonths, type Month } from '../../../domain/calendar';
import { DomainError } from '../../../domain/errors';
import { evaluateUnemployment, type UiCaseInput } from '../../../domain/unemployment';
import { uiCaseSchema } from '../../../domain/unemployment/case';

/** Consecutive paid months from `from` to `to` inclusive, all at one salary. */
export function paid(
  from: Month,
  to: Month,
  salary: number | string = 10_000_000,
): { month: Month; salary: number | string }[] {
  const out: { month: Month; salary: number | string }[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push({ month: m, salary });
  return out;
}
/** The last n months up to and including `to`. */
export const lastMonths = (to: Month, n: number, salary: number | string = 10_000_000) =>
  paid(addMonths(to, -(n - 1)), to, salary);

export const BASE: UiCaseInput = {
  terminationDate: '2026-03-20',
  filingDate: '2026-03-25',
  region: 'I',
  contractMonths: 24,
  terminationReason: 'contract_expired',
  contributions: lastMonths('2026-03', 12),
};
export const evaluate = (over: Partial<UiCaseInput> = {}) =>
  evaluateUnemployment(uiCaseSchema.parse({ ...BASE, ...over }));

export function domainError(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}
