/**
 * Eligibility (Law 74/2025 Art.38(1); Law 38/2013 Art.49, Art.46(1)): each condition on its own.
 */
import { describe, expect, it } from 'vitest';
import { filingDeadline } from '../../../domain/unemployment';
import { paid, lastMonths, evaluate } from './fixtures';

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
    expect([short.durationMonths, short.reservedMonths, short.startDate, short.benefitMonths]).toEqual([
      0,
      0,
      null,
      [],
    ]);
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
    expect(late.conditions.find((c) => c.code === 'FILED_TOO_LATE')?.detail).toBe(
      'Filed on 2026-05-01, after the last day to file, 2026-04-30 (3 months after termination).',
    );
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
    expect(evaluate({ ...law38, terminationReason: 'employee_resigned_unlawfully' }).reasons).toEqual([
      'UNLAWFUL_TERMINATION',
    ]);
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
    expect(late.conditions.filter((c) => c.code !== null).map((c) => [c.condition, c.code])).toEqual([
      ['filed_in_time', 'FILED_TOO_LATE'],
    ]);
    expect(late.reasons).toEqual(['FILED_TOO_LATE']);
  });

  it('a covered job within 10 working days of filing (Law 74/2025 Art.38(1)(d)) and an active claim each fail their own condition, and every failure is reported', () => {
    const r = evaluate({
      newCoveredJob: true,
      activeClaim: true,
      terminationReason: 'employee_resigned_unlawfully',
      contributions: lastMonths('2026-03', 5),
    });
    expect(r.reasons).toEqual([
      'UNLAWFUL_TERMINATION',
      'CONTRIBUTION_MONTHS_INSUFFICIENT',
      'NEW_COVERED_JOB',
      'ACTIVE_CLAIM',
    ]);
    expect(r.conditions).toHaveLength(6);
    expect(r.conditions.find((c) => c.code === 'NEW_COVERED_JOB')?.detail).toBe(
      'The employee took a job covered by compulsory social insurance within 10 working days of filing.',
    );
    const law38 = evaluate({
      terminationDate: '2025-09-30',
      filingDate: '2025-10-06',
      contributions: lastMonths('2025-09', 12),
      newCoveredJob: true,
    });
    expect(law38.conditions.find((c) => c.code === 'NEW_COVERED_JOB')?.detail).toContain('within 15 days of filing'); // Law 38/2013 Art.49(4)
  });
});
