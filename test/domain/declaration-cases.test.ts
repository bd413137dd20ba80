/**
 * The rules of a declaration case (issue #14 part 2; rules §8.37): the months a case may name, the
 * employer's deadline, what the employer's notice may say of the person (Law 25/2018 Art.9(1)(b)),
 * and when the months are settled.
 */
import { describe, expect, it } from 'vitest';
import {
  caseFinding,
  declarationCaseMonthsIssue,
  employerAnswerDue,
  employerNoticeScope,
  mayCloseReferral,
  mayDismiss,
  monthsOf,
} from '../../domain/declaration-cases';
import { declarationCaseDismissalSchema, referralClosureSchema } from '../../domain/schemas-declaration-cases';

describe('declaration cases (rules §8.37)', () => {
  it('a case names at most 120 months, none after the current month and none before the person turned 15 (Labour Code 2019 Art.3(1))', () => {
    const born = '1990-05-17';
    expect(declarationCaseMonthsIssue('2026-01', '2026-03', '2026-03-10', born)).toBeNull();
    expect(declarationCaseMonthsIssue('2026-03', '2026-01', '2026-03-10', born)?.code).toBe('MONTHS_REVERSED');
    expect(declarationCaseMonthsIssue('2016-04', '2026-03', '2026-03-10', born)).toBeNull();
    expect(declarationCaseMonthsIssue('2016-03', '2026-03', '2026-03-10', born)?.code).toBe('MONTHS_TOO_MANY');
    expect(declarationCaseMonthsIssue('2026-03', '2026-04', '2026-03-31', born)?.code).toBe('MONTH_IN_FUTURE');
    expect(declarationCaseMonthsIssue('2005-05', '2005-06', '2026-03-10', born)).toBeNull();
    expect(declarationCaseMonthsIssue('2005-04', '2005-06', '2026-03-10', born)?.code).toBe('MONTH_BEFORE_WORKING_AGE');
  });

  it('the employer has 10 working days to declare or explain, counted from the day after the opening', () => {
    // Opened Monday 2026-06-01: 2–5, 8–12 and 15 June.
    expect(employerAnswerDue('2026-06-01')).toBe('2026-06-15');
    // Opened Saturday 2026-12-05: 7–11 and 14–18 December.
    expect(employerAnswerDue('2026-12-05')).toBe('2026-12-18');
  });

  it("an anonymous participant's employer notice names no one and gives the months only as years (Law 25/2018 Art.9(1)(b))", () => {
    expect(employerNoticeScope({ anonymous: true, fromMonth: '2025-11', toMonth: '2026-02' })).toEqual({
      namesPerson: false,
      fromYear: 2025,
      toYear: 2026,
    });
    expect(employerNoticeScope({ anonymous: false, fromMonth: '2025-11', toMonth: '2026-02' })).toEqual({
      namesPerson: true,
      fromMonth: '2025-11',
      toMonth: '2026-02',
    });
  });

  it('every month credited ends a case; confirmed arrears or unpaid months wait for that; otherwise every month declared ends it', () => {
    const months = monthsOf('2026-01', '2026-03');
    expect(months).toEqual(['2026-01', '2026-02', '2026-03']);
    const facts = { months, declared: months, unpaid: [], credited: [] };
    expect(caseFinding(facts, false)).toBe('declared');
    expect(caseFinding(facts, true)).toBe('arrears');
    expect(caseFinding({ ...facts, unpaid: ['2026-02'] }, false)).toBe('arrears');
    expect(caseFinding({ ...facts, credited: months }, true)).toBe('credited');
    expect(caseFinding({ ...facts, declared: ['2026-01'] }, false)).toBe('missing');
  });

  it('an officer dismisses any case not yet closed, for a known reason; only a referral is closed with an outcome', () => {
    for (const st of ['awaiting_employer', 'escalated', 'arrears', 'referred'] as const)
      expect(mayDismiss(st)).toBe(true);
    expect(mayDismiss('closed')).toBe(false);
    expect(mayCloseReferral('referred')).toBe(true);
    for (const st of ['awaiting_employer', 'escalated', 'arrears', 'closed'] as const)
      expect(mayCloseReferral(st)).toBe(false);
    expect(declarationCaseDismissalSchema.safeParse({ reason: 'unfounded' }).success).toBe(true);
    expect(declarationCaseDismissalSchema.safeParse({ reason: 'bored' }).error?.issues[0]?.message).toMatch(
      /^INVALID_DISMISSAL/,
    );
    expect(
      referralClosureSchema.safeParse({ outcome: 'outside_system', whereToTurn: 'labour_inspectorate' }).success,
    ).toBe(true);
    expect(referralClosureSchema.safeParse({ outcome: 'outside_system' }).success).toBe(false);
    expect(referralClosureSchema.safeParse({ outcome: 'elsewhere' }).error?.issues[0]?.message).toMatch(
      /^INVALID_REFERRAL_CLOSURE/,
    );
  });
});
