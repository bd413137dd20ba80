/**
 * Unemployment benefit (rules §3): eligibility (Law 74/2025 Art.38; Law 38/2013 Art.49), amount and
 * cap (Law 74/2025 Art.39(1); Law 38/2013 Art.50(1)), duration (Art.39(2)), reserved months
 * (Art.41(5)), and dates (Art.39(3); Decree 374/2025 Art.15, 21). Every expected figure is worked
 * out by hand in the comment beside it; working days follow the holiday table of domain/calendar.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calcUnemployment, formatUnemployment } from '../../cli/calc-unemployment';
import { addDays, addMonths, isWorkingDay, type Month } from '../../domain/calendar';
import { DomainError } from '../../domain/errors';
import { REGIONAL_MINIMUM_WAGE, REGIONS } from '../../domain/rates';
import {
  BENEFIT_TERMINATION_GROUNDS,
  benefitDurationMonths,
  benefitMonthPeriods,
  benefitStartDate,
  decisionTimeline,
  evaluateUnemployment,
  filingDeadline,
  lawFor,
  paymentDeadline,
  reportDeadline,
  RESERVING_GROUNDS,
  reservedOnCompletion,
  reservedOnTermination,
  TERMINATION_GROUND_LETTERS,
  uiCaseSchema,
  type UiCaseInput,
} from '../../domain/unemployment';

/** Consecutive paid months from `from` to `to` inclusive, all at one salary. */
function paid(from: Month, to: Month, salary: number | string = 10_000_000): { month: Month; salary: number | string }[] {
  const out: { month: Month; salary: number | string }[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push({ month: m, salary });
  return out;
}
/** The last n months up to and including `to`. */
const lastMonths = (to: Month, n: number, salary: number | string = 10_000_000) => paid(addMonths(to, -(n - 1)), to, salary);

const BASE: UiCaseInput = {
  terminationDate: '2026-03-20',
  filingDate: '2026-03-25',
  region: 'I',
  contractMonths: 24,
  terminationReason: 'contract_expired',
  contributions: lastMonths('2026-03', 12),
};
const evaluate = (over: Partial<UiCaseInput> = {}) => evaluateUnemployment(uiCaseSchema.parse({ ...BASE, ...over }));

function domainError(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('which law applies', () => {
  it('a contract ended on or after 2026-01-01 falls under Law 74/2025, an earlier one under Law 38/2013 (rules §8)', () => {
    expect(lawFor('2026-01-01')).toBe('LAW_74_2025');
    expect(lawFor('2025-12-31')).toBe('LAW_38_2013');
    expect(evaluate().law).toBe('LAW_74_2025');
    expect(domainError(() => lawFor('2026-02-30')).code).toBe('INVALID_DATE');
  });
});

describe('eligibility', () => {
  it('12 months of contributions within the 24 months before termination qualify and 11 do not (Law 74/2025 Art.38(1)(b))', () => {
    const ok = evaluate({ contributions: paid('2025-04', '2026-03') });
    expect(ok.eligible).toBe(true);
    expect(ok.reasons).toEqual([]);
    expect(ok.windowMonths).toBe(24);
    expect([ok.windowFrom, ok.windowTo]).toEqual(['2024-04', '2026-03']);
    expect(ok.monthsInWindow).toBe(12);
    expect(ok.durationMonths).toBe(3);

    const short = evaluate({ contributions: paid('2025-05', '2026-03') });
    expect(short.eligible).toBe(false);
    expect(short.reasons).toEqual(['CONTRIBUTION_MONTHS_INSUFFICIENT']);
    expect(short.conditions.find((c) => c.code === 'CONTRIBUTION_MONTHS_INSUFFICIENT')).toEqual({
      condition: 'contribution_months',
      code: 'CONTRIBUTION_MONTHS_INSUFFICIENT',
      ok: false,
      detail: '11 months of contributions in the 24 months 2024-04 to 2026-03; at least 12 are required.',
    });
    // Not eligible: nothing is paid, but the officer still sees the figures: 60% × 10,000,000.
    expect([short.durationMonths, short.reservedMonths, short.startDate, short.benefitMonths]).toEqual([0, 0, null, []]);
    expect([short.averageSalary, short.cap, short.monthlyBenefit]).toEqual(['10000000', '26550000', '6000000']);
  });

  it('the window is the 24 months ending with the termination month: 2024-04 counts for a March 2026 termination, 2024-03 does not (Ansinh decision, rules §8)', () => {
    const eleven = paid('2025-05', '2026-03');
    const outside = evaluate({ contributions: [{ month: '2024-03', salary: 10_000_000 }, ...eleven] });
    expect(outside.totalContributionMonths).toBe(12);
    expect(outside.monthsInWindow).toBe(11);
    expect(outside.eligible).toBe(false);
    const inside = evaluate({ contributions: [{ month: '2024-04', salary: 10_000_000 }, ...eleven] });
    expect(inside.monthsInWindow).toBe(12);
    expect(inside.eligible).toBe(true);
  });

  it('a contract of 1 to under 12 months is tested on 12 months within 36 (Law 74/2025 Art.38(1)(b))', () => {
    // 6 months in 2023 (inside 2023-04..2026-03) + 6 months up to March 2026.
    const contributions = [...paid('2023-04', '2023-09'), ...paid('2025-10', '2026-03')];
    for (const contractMonths of [1, 6, 11]) {
      const r = evaluate({ contractMonths, contributions });
      expect([r.windowMonths, r.windowFrom, r.monthsInWindow, r.eligible]).toEqual([36, '2023-04', 12, true]);
    }
    const r12 = evaluate({ contractMonths: 12, contributions });
    expect([r12.windowMonths, r12.windowFrom, r12.monthsInWindow, r12.eligible]).toEqual([24, '2024-04', 6, false]);
  });

  it('under Law 38/2013 Art.49(2) only contracts of 3 to under 12 months get the 36-month window', () => {
    // Ended 2025-09-30: 36-month window 2022-10..2025-09, 24-month window 2023-10..2025-09.
    const contributions = [...paid('2022-10', '2023-03'), ...paid('2025-04', '2025-09')];
    const base = { terminationDate: '2025-09-30', filingDate: '2025-10-06', contributions };
    for (const contractMonths of [3, 11]) {
      const r = evaluate({ ...base, contractMonths });
      expect([r.law, r.windowMonths, r.monthsInWindow, r.eligible]).toEqual(['LAW_38_2013', 36, 12, true]);
    }
    for (const contractMonths of [2, 12]) {
      const r = evaluate({ ...base, contractMonths });
      expect([r.windowMonths, r.monthsInWindow, r.reasons]).toEqual([24, 6, ['CONTRIBUTION_MONTHS_INSUFFICIENT']]);
    }
  });

  it('a dossier filed on the last day of the 3 months after termination is in time and one filed the day after is late (Law 74/2025 Art.38(1)(c); Civil Code 2015 Art.147)', () => {
    // Ended 2026-01-31: three months later is 2026-04-31, which does not exist → 2026-04-30.
    const contributions = lastMonths('2026-01', 12);
    const inTime = evaluate({ terminationDate: '2026-01-31', filingDate: '2026-04-30', contributions });
    expect(inTime.eligible).toBe(true);
    expect(inTime.filingDeadline).toBe('2026-04-30');
    const late = evaluate({ terminationDate: '2026-01-31', filingDate: '2026-05-01', contributions });
    expect(late.reasons).toEqual(['FILED_TOO_LATE']);
    expect(late.conditions.find((c) => c.code === 'FILED_TOO_LATE')?.detail).toBe('Filed on 2026-05-01, after the last day to file, 2026-04-30 (3 months after termination).');
    // Same day three months on when it exists; month end otherwise.
    expect(evaluate({ filingDate: '2026-06-20' }).eligible).toBe(true);
    expect(evaluate({ filingDate: '2026-06-21' }).reasons).toEqual(['FILED_TOO_LATE']);
    expect(filingDeadline('2026-11-30')).toBe('2027-02-28');
    expect(filingDeadline('2027-11-30')).toBe('2028-02-29');
  });

  it('an unlawful unilateral resignation excludes the benefit under both laws, a disciplinary dismissal does not (Law 74/2025 Art.38(1)(a); Law 38/2013 Art.49(1)(a))', () => {
    expect(evaluate({ terminationReason: 'employee_resigned_unlawfully' }).reasons).toEqual(['UNLAWFUL_TERMINATION']);
    expect(evaluate({ terminationReason: 'dismissed_disciplinary' }).eligible).toBe(true);
    expect(evaluate({ terminationReason: 'employee_resigned_lawfully' }).eligible).toBe(true);
    const law38 = { terminationDate: '2025-09-30', filingDate: '2025-10-06', contributions: lastMonths('2025-09', 12) };
    expect(evaluate({ ...law38, terminationReason: 'employee_resigned_unlawfully' }).reasons).toEqual(['UNLAWFUL_TERMINATION']);
    expect(evaluate({ ...law38, terminationReason: 'dismissed_disciplinary' }).eligible).toBe(true);
  });

  it('eligibility for a pension excludes the benefit under Law 74/2025 Art.38(1)(a); under Law 38/2013 Art.49(1)(b) only receiving one does', () => {
    expect(evaluate({ pensionEligible: true }).reasons).toEqual(['PENSION_ELIGIBLE']);
    expect(evaluate({ receivingPension: true }).reasons).toEqual(['PENSION_ELIGIBLE']);
    const law38 = { terminationDate: '2025-09-30', filingDate: '2025-10-06', contributions: lastMonths('2025-09', 12) };
    const eligibleOnly = evaluate({ ...law38, pensionEligible: true });
    expect(eligibleOnly.eligible).toBe(true);
    expect(eligibleOnly.conditions.map((c) => c.condition)).toContain('not_receiving_pension');
    expect(eligibleOnly.conditions.map((c) => c.condition)).not.toContain('not_eligible_for_pension');
    expect(evaluate({ ...law38, receivingPension: true }).reasons).toEqual(['RECEIVING_PENSION']);
  });

  it('a met condition is named for what it requires and carries no failure code; only a failed one carries its code (Law 74/2025 Art.38(1))', () => {
    const ok = evaluate({});
    expect(ok.eligible).toBe(true);
    expect(ok.conditions.map((c) => [c.condition, c.ok, c.code])).toEqual([
      ['lawful_termination', true, null],
      ['not_eligible_for_pension', true, null],
      ['contribution_months', true, null],
      ['filed_in_time', true, null],
      ['no_new_covered_job', true, null],
      ['no_active_claim', true, null],
    ]);
    const late = evaluate({ filingDate: '2026-08-01' });
    expect(late.conditions.filter((c) => c.code !== null).map((c) => [c.condition, c.code])).toEqual([['filed_in_time', 'FILED_TOO_LATE']]);
    expect(late.reasons).toEqual(['FILED_TOO_LATE']);
  });

  it('a covered job within 10 working days of filing (Law 74/2025 Art.38(1)(d)) and an active claim each fail their own condition, and every failure is reported', () => {
    const r = evaluate({ newCoveredJob: true, activeClaim: true, terminationReason: 'employee_resigned_unlawfully', contributions: lastMonths('2026-03', 5) });
    expect(r.reasons).toEqual(['UNLAWFUL_TERMINATION', 'CONTRIBUTION_MONTHS_INSUFFICIENT', 'NEW_COVERED_JOB', 'ACTIVE_CLAIM']);
    expect(r.conditions).toHaveLength(6);
    expect(r.conditions.find((c) => c.code === 'NEW_COVERED_JOB')?.detail).toBe('The employee took a job covered by compulsory social insurance within 10 working days of filing.');
    const law38 = evaluate({ terminationDate: '2025-09-30', filingDate: '2025-10-06', contributions: lastMonths('2025-09', 12), newCoveredJob: true });
    expect(law38.conditions.find((c) => c.code === 'NEW_COVERED_JOB')?.detail).toContain('within 15 days of filing'); // Law 38/2013 Art.49(4)
  });
});

describe('amount', () => {
  it('averages the last 6 months in which UI was actually paid, skipping a gap (Law 74/2025 Art.39(1); Decree 374/2025 Art.15(1))', () => {
    // Paid 2025-01..2025-10 at 8,000,000, nothing for 2025-11 and 2025-12, 2026-01..2026-04 at 12,000,000; ended 2026-05-10.
    const r = evaluate({
      terminationDate: '2026-05-10',
      filingDate: '2026-05-12',
      region: 'II',
      contributions: [...paid('2025-01', '2025-10', 8_000_000), ...paid('2026-01', '2026-04', 12_000_000)],
    });
    expect(r.averagedMonths).toEqual(['2026-04', '2026-03', '2026-02', '2026-01', '2025-10', '2025-09']);
    // (4 × 12,000,000 + 2 × 8,000,000) / 6 = 64,000,000 / 6 = 10,666,666.67 → 10,666,667
    expect(r.averageSalary).toBe('10666667');
    // 60% × 64,000,000 / 6 = 6,400,000 (exact); cap 5 × 4,730,000 (region II, 2026-04) = 23,650,000
    expect(r.monthlyBenefit).toBe('6400000');
    expect(r.cap).toBe('23650000');
    expect(r.hiMonthlyContribution).toBe('288000'); // 4.5% × 6,400,000
    expect([r.totalContributionMonths, r.monthsInWindow, r.eligible, r.durationMonths]).toEqual([14, 14, true, 3]);
  });

  it('caps the benefit at 5 × the 2026 region I minimum wage, 5,310,000 → 26,550,000 (Law 74/2025 Art.39(1); Decree 293/2025)', () => {
    const region2026 = REGIONAL_MINIMUM_WAGE.find((row) => row.from === '2026-01')!;
    expect(region2026.amounts.I).toBe('5310000');
    const r = evaluate({ contributions: lastMonths('2026-03', 12, 50_000_000) });
    // 60% × 50,000,000 = 30,000,000 > 26,550,000
    expect([r.averageSalary, r.cap, r.monthlyBenefit, r.capped]).toEqual(['50000000', '26550000', '26550000', true]);
    expect(r.hiMonthlyContribution).toBe('1194750'); // 4.5% × 26,550,000
  });

  it('takes the cap from the last contribution month under Law 74/2025 Art.39(1) and from the termination month under Law 38/2013 Art.50(1)', () => {
    // Law 74: ended 2026-01-20, last paid 2025-12 → 5 × 4,960,000 (Decree 74/2024) = 24,800,000, not 26,550,000.
    const law74 = evaluate({ terminationDate: '2026-01-20', filingDate: '2026-01-22', contributions: lastMonths('2025-12', 24, 50_000_000) });
    expect([law74.law, law74.capMonth, law74.cap, law74.monthlyBenefit]).toEqual(['LAW_74_2025', '2025-12', '24800000', '24800000']);
    // Law 38: ended 2024-07-05, last paid 2024-06 (4,680,000) → the termination month's 4,960,000 × 5 = 24,800,000.
    const law38 = evaluate({ terminationDate: '2024-07-05', filingDate: '2024-07-08', contributions: lastMonths('2024-06', 24, 50_000_000) });
    expect([law38.law, law38.capMonth, law38.cap, law38.monthlyBenefit]).toEqual(['LAW_38_2013', '2024-07', '24800000', '24800000']);
  });

  it('rounds the average and the benefit half-up once each, from the unrounded average (rules §8)', () => {
    // Sum = 4 × 10,000,001 + 2 × 10,000,000 = 60,000,004; average 10,000,000.67 → 10,000,001.
    // Benefit = 60% × 60,000,004 / 6 = 6,000,000.4 → 6,000,000 (60% of the ROUNDED average would give 6,000,001).
    const contributions = [...paid('2025-04', '2025-09', 10_000_000), ...paid('2025-10', '2026-01', 10_000_001), ...paid('2026-02', '2026-03', 10_000_000)];
    const r = evaluate({ contributions });
    expect(r.averagedMonths).toEqual(['2026-03', '2026-02', '2026-01', '2025-12', '2025-11', '2025-10']);
    expect([r.averageSalary, r.monthlyBenefit, r.hiMonthlyContribution]).toEqual(['10000001', '6000000', '270000']);
  });

  it('rounds the 4.5% HI contribution on the benefit half-up to the dong (rules §8)', () => {
    // Sum = 5 × 10,000,000 + 10,001,000 = 60,001,000 → benefit 6,000,100; 4.5% = 270,004.5 → 270,005.
    const r = evaluate({ contributions: [...paid('2025-04', '2026-02'), { month: '2026-03', salary: '10001000' }] });
    expect([r.averageSalary, r.monthlyBenefit, r.hiMonthlyContribution]).toEqual(['10000167', '6000100', '270005']);
  });
});

describe('duration and reserved months', () => {
  it('gives 3 months for 12–36 contribution months, one more per further full 12, at most 12 (Law 74/2025 Art.39(2))', () => {
    const table: [number, number][] = [[12, 3], [36, 3], [47, 3], [48, 4], [59, 4], [60, 5], [144, 12], [200, 12]];
    for (const [n, months] of table) {
      expect(benefitDurationMonths(n), `N = ${n}`).toBe(months);
      const r = evaluate({ contributions: lastMonths('2026-03', n) });
      expect([r.totalContributionMonths, r.durationMonths, r.benefitMonths.length], `N = ${n}`).toEqual([n, months, months]);
    }
    expect(benefitDurationMonths(11)).toBe(0);
  });

  it('reserves the contribution months left after the benefit only when 36 < N ≤ 144 (Law 74/2025 Art.41(5); Decree 374/2025 Art.8)', () => {
    // N → duration → N − duration × 12
    const table: [number, number][] = [[36, 0], [37, 1], [47, 11], [48, 0], [100, 4], [144, 0], [145, 0], [200, 0]];
    for (const [n, reserved] of table) {
      expect(reservedOnCompletion(n, benefitDurationMonths(n)), `N = ${n}`).toBe(reserved);
      expect(evaluate({ contributions: lastMonths('2026-03', n) }).reservedMonths, `N = ${n}`).toBe(reserved);
    }
    // 12 months of benefit consume at most the months there are.
    expect(evaluate({ contributions: lastMonths('2026-03', 12) }).consumedContributionMonths).toBe(12);
    expect(evaluate({ contributions: lastMonths('2026-03', 37) }).consumedContributionMonths).toBe(36);
    expect(evaluate({ contributions: lastMonths('2026-03', 200) }).consumedContributionMonths).toBe(144);
  });

  it('on early termination reserves N − months paid × 12 for a new job but nothing after 3 missed notices or death (Law 74/2025 Art.41(4)–(5))', () => {
    expect(reservedOnTermination(60, 2, 'new_job')).toBe(36); // 60 − 2 × 12
    expect(reservedOnTermination(60, 2, 'missed_reports')).toBe(0);
    expect(reservedOnTermination(60, 2, 'death')).toBe(0);
    expect(reservedOnTermination(60, 6, 'study')).toBe(0); // 60 − 72 < 0
    expect(reservedOnTermination(30, 1, 'new_job')).toBe(0); // N ≤ 36
    expect(reservedOnTermination(150, 1, 'new_job')).toBe(0); // N > 144
    expect(reservedOnTermination(144, 1, 'own_request')).toBe(132);
    expect(domainError(() => reservedOnTermination(60, -1, 'new_job')).code).toBe('INVALID_ARGUMENT');
  });

  it('maps every termination ground to its letter of Art.41(4) and reserves on letters a, b, g, k, l, m, n (Law 74/2025 Art.41(5))', () => {
    expect(BENEFIT_TERMINATION_GROUNDS.map((g) => TERMINATION_GROUND_LETTERS[g].letter).join('')).toBe('abcdđeghiklmn');
    expect(RESERVING_GROUNDS.map((g) => TERMINATION_GROUND_LETTERS[g].letter).sort().join('')).toBe('abgklmn');
  });
});

describe('dates', () => {
  it('starts the benefit on the 11th working day after filing, across the Tết 2026 holiday (Law 74/2025 Art.39(3))', () => {
    // Filed Tue 2026-02-10: 11, 12, 13 Feb (1–3); Tết 16–20 Feb and two weekends; 23–27 Feb (4–8); 2, 3, 4 Mar (9–11).
    expect(benefitStartDate('2026-02-10', 'LAW_74_2025')).toBe('2026-03-04');
    // 15 working days: 5, 6, 9, 10 Mar (12–15); reminder 5 before (10th), escalation 2 before (13th).
    expect(decisionTimeline('2026-02-10', 'LAW_74_2025')).toEqual({ reminderAt: '2026-03-03', escalateAt: '2026-03-06', deadline: '2026-03-10' });
    const r = evaluate({ terminationDate: '2026-02-06', filingDate: '2026-02-10', contributions: lastMonths('2026-02', 12) });
    expect([r.startDate, r.decisionDeadline]).toEqual(['2026-03-04', '2026-03-10']);
    expect(r.benefitMonths[0]).toEqual({ index: 1, from: '2026-03-04', to: '2026-04-03' });
  });

  it('starts a Law 38/2013 benefit on the 16th calendar day after filing, weekends and holidays included (Law 38/2013 Art.50(3))', () => {
    // Filed Wed 2025-12-10 → Fri 2025-12-26.
    expect(benefitStartDate('2025-12-10', 'LAW_38_2013')).toBe('2025-12-26');
    // 20 working days: Dec 11–31 give 15; 1–2 Jan 2026 are holidays; 5–9 Jan give 16–20.
    expect(decisionTimeline('2025-12-10', 'LAW_38_2013').deadline).toBe('2026-01-09');
  });

  it('runs each benefit month to the day before the same date next month, or to the month end when there is no such date (Decree 374/2025 Art.15(2))', () => {
    expect(benefitMonthPeriods('2026-01-31', 4)).toEqual([
      { index: 1, from: '2026-01-31', to: '2026-02-28' },
      { index: 2, from: '2026-03-01', to: '2026-03-30' },
      { index: 3, from: '2026-03-31', to: '2026-04-30' },
      { index: 4, from: '2026-05-01', to: '2026-05-30' },
    ]);
    expect(benefitMonthPeriods('2026-03-15', 2)).toEqual([
      { index: 1, from: '2026-03-15', to: '2026-04-14' },
      { index: 2, from: '2026-04-15', to: '2026-05-14' },
    ]);
    expect(benefitMonthPeriods('2027-12-30', 3)).toEqual([
      { index: 1, from: '2027-12-30', to: '2028-01-29' },
      { index: 2, from: '2028-01-30', to: '2028-02-29' },
      { index: 3, from: '2028-03-01', to: '2028-03-29' },
    ]);
    expect(benefitMonthPeriods('2026-03-15', 0)).toEqual([]);
  });

  it('sets the monthly notice deadline to the 3rd working day, counting the first day of the month only when it is a working day (Decree 374/2025 Art.21)', () => {
    // Month 2 starting Sat 2026-07-04: Mon 6 (1), Tue 7 (2), Wed 8 (3).
    expect(reportDeadline('2026-07-04', undefined, 2)).toBe('2026-07-08');
    // Month 3 starting Thu 2026-07-02: Thu 2 (1), Fri 3 (2), Mon 6 (3).
    expect(reportDeadline('2026-07-02', undefined, 3)).toBe('2026-07-06');
    // Month 1: 3 working days after the decision of Thu 2026-07-09: Fri 10, Mon 13, Tue 14.
    expect(reportDeadline('2026-07-02', '2026-07-09', 1)).toBe('2026-07-14');
    expect(domainError(() => reportDeadline('2026-07-02', undefined, 1)).code).toBe('INVALID_ARGUMENT');
  });

  it('sets the payment deadline 5 working days after the decision-collection deadline (month 1) or the notice deadline (later months), across weekends (Decree 374/2025; procedure 1.014748)', () => {
    // Decision Thu 2026-07-09 → collect by Tue 14 → pay by 15, 16, 17, 20, 21 → Tue 2026-07-21.
    expect(paymentDeadline(1, '2026-07-09', '2026-07-14')).toBe('2026-07-21');
    // Notice deadline Mon 2026-07-06 → 7, 8, 9, 10, 13 → Mon 2026-07-13.
    expect(paymentDeadline(2, '2026-07-09', '2026-07-06')).toBe('2026-07-13');
    // Law 38 (Decree 28/2015 Art.18(2)): 5 working days after the decision (10, 13, 14, 15, 16);
    // later months 5 working days from the 7th day (month from Thu 2026-07-02 → Wed 8 → 9, 10, 13, 14, 15).
    expect(paymentDeadline(1, '2026-07-09', '2026-07-14', 'LAW_38_2013')).toBe('2026-07-16');
    expect(paymentDeadline(2, '2026-07-09', '2026-07-06', 'LAW_38_2013', '2026-07-02')).toBe('2026-07-15');
  });

  it('property: an eligible claim pays at most the cap for 3 to 12 contiguous benefit months starting on a working day (Law 74/2025 Art.39)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REGIONS),
        fc.integer({ min: 12, max: 200 }),
        fc.integer({ min: 1, max: 300_000_000 }),
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 89 }),
        (region, n, salary, dayOfYear, filedAfter) => {
          const terminationDate = addDays('2026-01-01', dayOfYear);
          const to = terminationDate.slice(0, 7);
          const r = evaluateUnemployment(
            uiCaseSchema.parse({ ...BASE, region, terminationDate, filingDate: addDays(terminationDate, filedAfter), contributions: lastMonths(to, n, salary) }),
          );
          expect(r.eligible).toBe(true);
          expect(BigInt(r.monthlyBenefit) <= BigInt(r.cap)).toBe(true);
          expect(r.durationMonths).toBeGreaterThanOrEqual(3);
          expect(r.durationMonths).toBeLessThanOrEqual(12);
          expect(r.benefitMonths).toHaveLength(r.durationMonths);
          expect(isWorkingDay(r.startDate!)).toBe(true);
          r.benefitMonths.forEach((m, i) => {
            if (i > 0) expect(m.from).toBe(addDays(r.benefitMonths[i - 1]!.to, 1));
            expect(m.from <= m.to).toBe(true);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('input of `ansinh calc unemployment`', () => {
  it('returns exactly the output fields as whole-dong strings and renders them for the terminal', () => {
    const out = calcUnemployment({ ...BASE, contributions: lastMonths('2026-03', 60) });
    expect(Object.keys(out).sort()).toEqual(
      ['averageSalary', 'benefitMonths', 'cap', 'conditions', 'decisionDeadline', 'durationMonths', 'eligible', 'hiMonthlyContribution', 'law', 'monthlyBenefit', 'reasons', 'reservedMonths', 'startDate'].sort(),
    );
    // Filed Wed 2026-03-25: 11th working day Thu 2026-04-09; 15th Wed 2026-04-15. N = 60 → 5 months, 0 reserved.
    expect(out).toMatchObject({ eligible: true, reasons: [], averageSalary: '10000000', monthlyBenefit: '6000000', durationMonths: 5, reservedMonths: 0, startDate: '2026-04-09', decisionDeadline: '2026-04-15' });
    const text = formatUnemployment(out);
    expect(text).toContain('6,000,000 ₫');
    expect(text).toContain('26,550,000 ₫');
    expect(text).toContain(' 5  2026-08-09 – 2026-09-08');
  });

  it('rejects invalid cases with a DomainError carrying the code and field of the first issue', () => {
    const cases: [unknown, string, string][] = [
      [{ ...BASE, contributions: [{ month: '2026-01', salary: 1 }, { month: '2026-01', salary: 2 }] }, 'DUPLICATE_MONTH', 'contributions[1].month'],
      [{ ...BASE, filingDate: '2026-03-19' }, 'FILING_BEFORE_TERMINATION', 'filingDate'],
      [{ ...BASE, contributions: [{ month: '2026-04', salary: 1 }] }, 'CONTRIBUTION_AFTER_TERMINATION', 'contributions[0].month'],
      [{ ...BASE, contributions: [{ month: '2026-4', salary: 1 }] }, 'INVALID_MONTH', 'contributions[0].month'],
      [{ ...BASE, contributions: [{ month: '2026-01', salary: 0 }] }, 'INVALID_AMOUNT', 'contributions[0].salary'],
      [{ ...BASE, contributions: [{ month: '2026-01', salary: 1.5 }] }, 'INVALID_AMOUNT', 'contributions[0].salary'],
      [{ ...BASE, region: 'V' }, 'INVALID_REGION', 'region'],
      [{ ...BASE, contractMonths: 0 }, 'INVALID_CONTRACT_MONTHS', 'contractMonths'],
      [{ ...BASE, terminationReason: 'quit' }, 'INVALID_TERMINATION_REASON', 'terminationReason'],
      [{ ...BASE, terminationDate: '2014-12-31', filingDate: '2015-01-05', contributions: [] }, 'UNSUPPORTED_LAW', 'terminationDate'],
      [{ ...BASE, filingDate: '2026-02-30' }, 'INVALID_DATE', 'filingDate'],
    ];
    for (const [input, code, field] of cases) {
      const e = domainError(() => calcUnemployment(input));
      expect([e.code, e.field], code).toEqual([code, field]);
    }
  });

  it('defaults the optional flags to false and evaluates a case without contributions as ineligible with zero amounts', () => {
    const c = uiCaseSchema.parse({ ...BASE, contributions: [] });
    expect([c.pensionEligible, c.receivingPension, c.activeClaim, c.newCoveredJob]).toEqual([false, false, false, false]);
    const r = evaluateUnemployment(c);
    expect([r.eligible, r.averageSalary, r.monthlyBenefit, r.cap, r.lastContributionMonth]).toEqual([false, '0', '0', '26550000', null]);
  });
});
