/**
 * The rules of a data-update request (rules §8.38): the review's deadline with its reminder and
 * escalation, the pause for more evidence, and the agreement of a corrected birth date or gender
 * with the personal ID (Decree 137/2015 Art.13; Circular 07/2016/TT-BCA Art.7).
 */
import { describe, expect, it } from 'vitest';
import {
  correctionAgreesWithPersonalId,
  dataUpdateFilingSchema,
  dataUpdateReviewTimeline,
  requestedValues,
  reviewDaysLeftAtPause,
} from '../../domain/data-updates';

describe('the review of a data-update request (rules §8.38)', () => {
  it('is due 5 working days after filing (Law 41/2024 Art.28(4)), with the reminder on the 3rd working day and the escalation the day after, across a weekend and the 2 September holiday', () => {
    // Filed Friday 2026-08-28: Mon 31/08 (swapped for Sat 22/08), Tue 01/09 and Wed 02/09 (National
    // Day) are holidays, so the working days are 03/09, 04/09, 07/09, 08/09, 09/09.
    expect(dataUpdateReviewTimeline('2026-08-28')).toEqual({
      due: '2026-09-09',
      reminderAt: '2026-09-07',
      escalateAt: '2026-09-10',
    });
    // A resumed review counts only the days it had left.
    expect(dataUpdateReviewTimeline('2026-12-01', 2)).toEqual({
      due: '2026-12-03',
      reminderAt: '2026-12-01',
      escalateAt: '2026-12-04',
    });
  });

  it('asking for more evidence keeps the working days left that day, at least one (rules §8.38)', () => {
    // Due Tuesday 2026-12-08; paused on Wednesday 2026-12-02: Thu, Fri, Mon, Tue are left.
    expect(reviewDaysLeftAtPause('2026-12-02', '2026-12-08')).toBe(4);
    expect(reviewDaysLeftAtPause('2026-12-08', '2026-12-08')).toBe(1);
    expect(reviewDaysLeftAtPause('2026-12-10', '2026-12-08')).toBe(1);
  });
});

describe('a corrected birth date or gender agrees with the personal ID (Decree 137/2015 Art.13; Circular 07/2016/TT-BCA Art.7)', () => {
  // 079 (province), 1 = female born in the 1900s, 90 = 1990, then six digits.
  const id = '079190123456';
  it('a corrected birth date in the year the ID encodes, or the gender it encodes, agrees; another year or gender is refused with the rule', () => {
    expect(correctionAgreesWithPersonalId(id, { dateOfBirth: '1990-12-31' }).ok).toBe(true);
    expect(correctionAgreesWithPersonalId(id, { gender: 'female' }).ok).toBe(true);
    expect(correctionAgreesWithPersonalId(id, { dateOfBirth: '1991-01-01' })).toMatchObject({
      ok: false,
      code: 'PERSONAL_ID_BIRTH_YEAR_MISMATCH',
    });
    // The same two digits in the next century: the 4th digit says the 1900s.
    expect(correctionAgreesWithPersonalId(id, { dateOfBirth: '2090-01-01' })).toMatchObject({
      code: 'PERSONAL_ID_BIRTH_YEAR_MISMATCH',
    });
    expect(correctionAgreesWithPersonalId(id, { gender: 'male' })).toMatchObject({
      ok: false,
      code: 'PERSONAL_ID_GENDER_MISMATCH',
    });
    // A name alone is not checked against the ID.
    expect(correctionAgreesWithPersonalId(id, {}).ok).toBe(true);
  });
});

describe('the filing', () => {
  it('keeps only the requested values; a correction must change something, and unknown fields are refused', () => {
    const f = dataUpdateFilingSchema.parse({ kind: 'identity', personalId: '079190123456', fullName: '  Lê Thị Mới ' });
    expect(requestedValues(f)).toEqual({ fullName: 'Lê Thị Mới' });
    const none = dataUpdateFilingSchema.safeParse({ kind: 'identity', personalId: '079190123456' });
    expect(none.success).toBe(false);
    expect(none.error?.issues[0]?.message).toMatch(/^NOTHING_TO_CHANGE/);
    expect(
      dataUpdateFilingSchema.safeParse({ kind: 'email', personalId: '079190123456', email: 'a@b.vn', x: 1 }).success,
    ).toBe(false);
    expect(dataUpdateFilingSchema.safeParse({ kind: 'salary', personalId: '079190123456' }).success).toBe(false);
  });
});
