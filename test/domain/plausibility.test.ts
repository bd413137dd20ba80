/**
 * Plausibility at the boundary: the minimum working age (Labour Code 2019 Art.3(1)), the dates of
 * an unemployment claim (Law 74/2025 Art.38(1)), the window of input dates (rules §8.31), and the one
 * text helper (NFC, no NUL, no lone surrogate).
 */
import { describe, expect, it } from 'vitest';
import { claimDateIssues, MINIMUM_WORKING_AGE, reachesWorkingAgeBy } from '../../domain/plausibility';
import { inputDateSchema, inputMonthSchema, salarySchema, textSchema } from '../../domain/schemas';

describe('minimum working age (Labour Code 2019 Art.3(1): 15 full years)', () => {
  it('is 15', () => expect(MINIMUM_WORKING_AGE).toBe(15));

  it('a person turning 15 during the start month may start that month; one turning 15 the month after may not', () => {
    expect(reachesWorkingAgeBy('2011-12-31', '2026-12')).toBe(true);
    expect(reachesWorkingAgeBy('2011-12-01', '2026-12')).toBe(true);
    expect(reachesWorkingAgeBy('2012-01-01', '2026-12')).toBe(false);
    expect(reachesWorkingAgeBy('1990-05-12', '2026-11')).toBe(true);
    // Born on 29 February: 15 in February of a common year.
    expect(reachesWorkingAgeBy('2012-02-29', '2027-02')).toBe(true);
    expect(reachesWorkingAgeBy('2012-02-29', '2027-01')).toBe(false);
  });
});

describe('the dates of a claim (Law 74/2025 Art.38(1): a contract that has ended)', () => {
  const today = '2026-12-01';
  const codes = (c: { terminationDate: string; filingDate: string }, first: string | null = '2020-01') =>
    claimDateIssues(c, today, first).map((i) => i.code);

  it('a termination up to today, filed up to today, after the first employment began, is plausible', () => {
    expect(codes({ terminationDate: '2026-11-24', filingDate: today })).toEqual([]);
    expect(codes({ terminationDate: today, filingDate: today })).toEqual([]);
    expect(codes({ terminationDate: '2026-11-24', filingDate: today }, null)).toEqual([]);
  });

  it('a termination after today, a filing after today, or a termination before the first employment is not', () => {
    expect(codes({ terminationDate: '2026-12-02', filingDate: '2026-12-03' })).toEqual([
      'TERMINATION_IN_FUTURE',
      'FILING_DATE_IN_FUTURE',
    ]);
    expect(codes({ terminationDate: '9999-01-01', filingDate: '9999-01-02' })).toEqual([
      'TERMINATION_IN_FUTURE',
      'FILING_DATE_IN_FUTURE',
    ]);
    expect(codes({ terminationDate: '2019-12-31', filingDate: '2020-01-05' })).toEqual([
      'TERMINATION_BEFORE_EMPLOYMENT',
    ]);
    expect(codes({ terminationDate: '2020-01-01', filingDate: '2020-01-05' })).toEqual([]);
  });
});

describe('input bounds (rules §8.31)', () => {
  const code = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
    r.success ? null : r.error!.issues[0]!.message.split(':')[0];

  it('dates and months outside 1900–2099 are DATE_OUT_OF_RANGE; malformed ones stay INVALID_DATE / INVALID_MONTH', () => {
    expect(inputDateSchema.safeParse('0001-01-01').success).toBe(false);
    for (const d of ['9999-01-01', '1000-01-01', '1899-12-31', '2100-01-01'])
      expect(code(inputDateSchema.safeParse(d)), d).toBe('DATE_OUT_OF_RANGE');
    for (const d of ['1900-01-01', '2026-02-28', '2099-12-31'])
      expect(code(inputDateSchema.safeParse(d)), d).toBeNull();
    expect(code(inputDateSchema.safeParse('2026-02-30'))).toBe('INVALID_DATE');
    expect(code(inputMonthSchema.safeParse('9999-12'))).toBe('DATE_OUT_OF_RANGE');
    expect(code(inputMonthSchema.safeParse('2026-13'))).toBe('INVALID_MONTH');
  });

  it('a salary above 10 billion VND a month, or longer than its column, is SALARY_TOO_LARGE', () => {
    expect(salarySchema.safeParse('10000000000').success).toBe(true);
    expect(code(salarySchema.safeParse('10000000001'))).toBe('SALARY_TOO_LARGE');
    expect(code(salarySchema.safeParse('9'.repeat(18)))).toBe('SALARY_TOO_LARGE');
    expect(code(salarySchema.safeParse(1e18))).toBe('INVALID_AMOUNT');
  });
});

describe('text (one helper for every text field)', () => {
  const t = textSchema(50);

  it('is stored in NFC, trimmed', () => {
    expect(t.parse(' Nguye\u0302\u0303n Thi\u0323 A\u0301nh ')).toBe('Nguyễn Thị Ánh');
    expect(t.parse('Nguyễn Thị Ánh'.normalize('NFD'))).toBe('Nguyễn Thị Ánh'.normalize('NFC'));
  });

  it('refuses NUL, other control characters and lone surrogates with INVALID_TEXT; keeps a surrogate pair', () => {
    for (const s of ['a\u0000b', 'a\u0007', '\u009f', '\ud800', 'x\udc00', 'a\ud83db'])
      expect(t.safeParse(s).success, JSON.stringify(s)).toBe(false);
    expect(t.safeParse('a\u0000b').error!.issues[0]!.message).toMatch(/^INVALID_TEXT/);
    expect(t.parse('Cà phê ☕ \ud83d\ude00')).toBe('Cà phê ☕ 😀');
    expect(textSchema(50, { multiline: true }).parse('dòng 1\ndòng 2')).toBe('dòng 1\ndòng 2');
    expect(t.safeParse('dòng 1\ndòng 2').success).toBe(false);
    expect(t.safeParse('   ').error!.issues[0]!.message).toMatch(/^INVALID_TEXT/);
    expect(t.safeParse('x'.repeat(51)).error!.issues[0]!.message).toMatch(/^TEXT_TOO_LONG/);
  });
});
