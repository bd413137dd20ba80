/**
 * The input and output of `ansinh calc unemployment` (domain/unemployment/case.ts).
 */
import { describe, expect, it } from 'vitest';
import { calcUnemployment, evaluateCase, formatUnemployment } from '../../../cli/calc-unemployment';
import { words } from '../../../cli/say';
import { evaluateUnemployment } from '../../../domain/unemployment';
import { uiCaseSchema } from '../../../domain/unemployment/case';
import { BASE, lastMonths, domainError } from './fixtures';

describe('input of `ansinh calc unemployment`', () => {
  it('returns exactly the output fields as whole-dong strings and renders them for the terminal', () => {
    const out = calcUnemployment({ ...BASE, contributions: lastMonths('2026-03', 60) });
    expect(Object.keys(out).sort()).toEqual(
      [
        'averageSalary',
        'benefitMonths',
        'cap',
        'conditions',
        'decisionDeadline',
        'durationMonths',
        'eligible',
        'hiMonthlyContribution',
        'law',
        'monthlyBenefit',
        'reasons',
        'reservedMonths',
        'startDate',
      ].sort(),
    );
    // Filed Wed 2026-03-25: 11th working day Thu 2026-04-09; 15th Wed 2026-04-15. N = 60 → 5 months, 0 reserved.
    expect(out).toMatchObject({
      eligible: true,
      reasons: [],
      averageSalary: '10000000',
      monthlyBenefit: '6000000',
      durationMonths: 5,
      reservedMonths: 0,
      startDate: '2026-04-09',
      decisionDeadline: '2026-04-15',
    });
    const text = formatUnemployment(words('en'), evaluateCase({ ...BASE, contributions: lastMonths('2026-03', 60) }));
    expect(text).toContain('6,000,000 ₫');
    expect(text).toContain('26,550,000 ₫');
    expect(text).toContain('month  5: 2026-08-09 – 2026-09-08');
    const vi = formatUnemployment(words('vi'), evaluateCase({ ...BASE, contributions: lastMonths('2026-03', 60) }));
    expect(vi).toContain('6.000.000 ₫');
    expect(vi).toContain('tháng  5: 09/08/2026 – 08/09/2026');
  });

  it('rejects invalid cases with a DomainError carrying the code and field of the first issue', () => {
    const cases: [unknown, string, string][] = [
      [
        {
          ...BASE,
          contributions: [
            { month: '2026-01', salary: 1 },
            { month: '2026-01', salary: 2 },
          ],
        },
        'DUPLICATE_MONTH',
        'contributions[1].month',
      ],
      [{ ...BASE, filingDate: '2026-03-19' }, 'FILING_BEFORE_TERMINATION', 'filingDate'],
      [
        { ...BASE, contributions: [{ month: '2026-04', salary: 1 }] },
        'CONTRIBUTION_AFTER_TERMINATION',
        'contributions[0].month',
      ],
      [{ ...BASE, contributions: [{ month: '2026-4', salary: 1 }] }, 'INVALID_MONTH', 'contributions[0].month'],
      [{ ...BASE, contributions: [{ month: '2026-01', salary: 0 }] }, 'INVALID_AMOUNT', 'contributions[0].salary'],
      [{ ...BASE, contributions: [{ month: '2026-01', salary: 1.5 }] }, 'INVALID_AMOUNT', 'contributions[0].salary'],
      [{ ...BASE, region: 'V' }, 'INVALID_REGION', 'region'],
      [{ ...BASE, contractMonths: 0 }, 'INVALID_CONTRACT_MONTHS', 'contractMonths'],
      [{ ...BASE, terminationReason: 'quit' }, 'INVALID_TERMINATION_REASON', 'terminationReason'],
      [
        { ...BASE, terminationDate: '2014-12-31', filingDate: '2015-01-05', contributions: [] },
        'UNSUPPORTED_LAW',
        'terminationDate',
      ],
      [{ ...BASE, filingDate: '2026-02-30' }, 'INVALID_DATE', 'filingDate'],
    ];
    for (const [input, code, field] of cases) {
      const e = domainError(() => calcUnemployment(input));
      expect([e.code, e.field], code).toEqual([code, field]);
    }
  });

  it('defaults the optional flags to false and evaluates a case without contributions as ineligible with zero amounts', () => {
    const c = uiCaseSchema.parse({ ...BASE, contributions: [] });
    expect([c.pensionEligible, c.receivingPension, c.activeClaim, c.newCoveredJob]).toEqual([
      false,
      false,
      false,
      false,
    ]);
    const r = evaluateUnemployment(c);
    expect([r.eligible, r.averageSalary, r.monthlyBenefit, r.cap, r.lastContributionMonth]).toEqual([
      false,
      '0',
      '0',
      '26550000',
      null,
    ]);
  });
});
