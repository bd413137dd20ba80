/**
 * A participant's request to change the data the national insurance database holds about them
 * (issue #14 part 1): the kinds, the review's deadline in working days with its reminder and
 * escalation, the pause while more evidence is awaited, and the agreement of a corrected birth
 * date or gender with the personal ID. Pure: importable from workflows.
 */
import { z } from 'zod';
import { addDays, addWorkingDays, workingDaysIn, type IsoDate } from './calendar';
import { validatePersonalId, type IdResult } from './identifiers';
import { personalIdSchema } from './schemas-fields';
import { ansinh, circular07, decree137, law41, rule } from './law';
import { inputDateSchema, textSchema } from './schemas';

/** What a request changes: contact details apply once a code confirms them; the others need an officer. */
export const DATA_UPDATE_KINDS = ['email', 'phone', 'bank_account', 'identity', 'nationality'] as const;
export type DataUpdateKind = (typeof DATA_UPDATE_KINDS)[number];
/** The kinds an officer reviews (a correction of identity, nationality, the bank account). */
export const REVIEWED_KINDS: readonly DataUpdateKind[] = ['bank_account', 'identity', 'nationality'];
export const isReviewed = (k: DataUpdateKind): boolean => REVIEWED_KINDS.includes(k);

export const DATA_UPDATE_STATUSES = [
  'awaiting_code',
  'awaiting_review',
  'more_evidence',
  'approved',
  'rejected',
  'cancelled',
] as const;
export type DataUpdateStatus = (typeof DATA_UPDATE_STATUSES)[number];

/** The identity fields a correction may change; the e-book's correction note names them. */
export const CORRECTED_FIELDS = ['fullName', 'dateOfBirth', 'gender', 'nationality'] as const;
export type CorrectedField = (typeof CORRECTED_FIELDS)[number];

/**
 * The officer's review of a complete request is due within 5 working days, as Law 41/2024
 * Art.28(4) gives the agency to issue the book on a complete dossier (rules §5): a corrected book
 * is a book issued again. (The former Law 58/2014 Art.99(3)(d) gave 10 days for an adjustment of
 * a participant's information.) Ansinh decision (rules §8.38): the officer is reminded on the 3rd
 * working day and the case escalates to the supervisor the day after the deadline.
 */
export const DATA_UPDATE_REVIEW_WORKING_DAYS = 5;
export const DATA_UPDATE_REMINDER_WORKING_DAYS_BEFORE = 2;

export interface ReviewTimeline {
  /** The last day of the review. */
  due: IsoDate;
  /** The officer's reminder (start of that day). */
  reminderAt: IsoDate;
  /** The supervisor's escalation (start of that day: the deadline has passed). */
  escalateAt: IsoDate;
}

/** The review's deadline, reminder and escalation, counting `workingDays` from `from` (rules §8.38). */
export const dataUpdateReviewTimeline = rule(
  [law41.article(28, 4), ansinh.decision('8.38')],
  function dataUpdateReviewTimeline(
    from: IsoDate,
    workingDays: number = DATA_UPDATE_REVIEW_WORKING_DAYS,
  ): ReviewTimeline {
    const due = addWorkingDays(from, workingDays);
    const remindAfter = Math.max(0, workingDays - DATA_UPDATE_REMINDER_WORKING_DAYS_BEFORE);
    return { due, reminderAt: addWorkingDays(from, remindAfter), escalateAt: addDays(due, 1) };
  },
);

/**
 * A request for more evidence pauses the deadline (rules §8.38): the working days left on the day
 * it is asked (at least 1) are counted again from the day the participant adds the evidence.
 */
export const reviewDaysLeftAtPause = rule(
  ansinh.decision('8.38'),
  function reviewDaysLeftAtPause(pausedOn: IsoDate, due: IsoDate): number {
    return Math.max(1, workingDaysIn(addDays(pausedOn, 1), addDays(due, 1)));
  },
);

/**
 * A corrected birth date or gender must still agree with the personal ID: its 4th digit encodes
 * the century and the gender, digits 5–6 the last two digits of the birth year (Decree 137/2015
 * Art.13; Circular 07/2016/TT-BCA Art.7, replaced by Circular 59/2021/TT-BCA). The code of the
 * failed rule: PERSONAL_ID_BIRTH_YEAR_MISMATCH or PERSONAL_ID_GENDER_MISMATCH.
 */
export const correctionAgreesWithPersonalId = rule(
  [decree137.article(13), circular07.article(7)],
  function correctionAgreesWithPersonalId(
    personalId: string,
    corrected: { dateOfBirth?: IsoDate | undefined; gender?: 'male' | 'female' | undefined },
  ): IdResult {
    return validatePersonalId(personalId, {
      ...(corrected.dateOfBirth !== undefined ? { dateOfBirth: corrected.dateOfBirth } : {}),
      ...(corrected.gender !== undefined ? { gender: corrected.gender } : {}),
    });
  },
);

// ---------------------------------------------------------------------------------------------
// The boundary's shapes

const emailSchema = z
  .email('INVALID_EMAIL: an e-mail address (name@domain)')
  .max(254, 'INVALID_EMAIL: at most 254 characters');
const phoneSchema = z.string().regex(/^\+?\d{9,15}$/, 'INVALID_PHONE: 9 to 15 digits');

/** The changes a request may ask for, by kind (the values stay in the database, never in Temporal). */
export const dataUpdateFilingSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('email'), personalId: personalIdSchema, email: emailSchema }).strict(),
    z.object({ kind: z.literal('phone'), personalId: personalIdSchema, phone: phoneSchema }).strict(),
    z
      .object({
        kind: z.literal('bank_account'),
        personalId: personalIdSchema,
        bankCode: z.string().regex(/^[A-Z0-9]{3,11}$/, 'INVALID_BANK_CODE: 3 to 11 capital letters or digits'),
        accountNumber: z.string().regex(/^[0-9]{6,19}$/, 'INVALID_ACCOUNT_NUMBER: 6 to 19 digits'),
        accountHolder: textSchema(200),
      })
      .strict(),
    z
      .object({
        kind: z.literal('identity'),
        personalId: personalIdSchema,
        fullName: textSchema(200).optional(),
        dateOfBirth: inputDateSchema.optional(),
        gender: z.enum(['male', 'female'], { message: 'INVALID_GENDER: male or female' }).optional(),
      })
      .strict()
      .refine((b) => b.fullName !== undefined || b.dateOfBirth !== undefined || b.gender !== undefined, {
        message: 'NOTHING_TO_CHANGE: give the name, the date of birth or the gender',
      }),
    z
      .object({
        kind: z.literal('nationality'),
        personalId: personalIdSchema,
        nationality: z.string().regex(/^[A-Z]{2}$/, 'INVALID_NATIONALITY: ISO 3166 alpha-2 code'),
      })
      .strict(),
  ],
  { error: 'INVALID_KIND: email, phone, bank_account, identity or nationality' },
);
export type DataUpdateFiling = z.infer<typeof dataUpdateFilingSchema>;

/** The requested values of a filing (what the request row keeps), without its kind and person. */
export function requestedValues(f: DataUpdateFiling): Record<string, string> {
  const { kind: _k, personalId: _p, ...rest } = f;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

/** The officer's decision: approve, reject with a reason, or ask for more evidence (with what is missing). */
export const dataUpdateDecisionSchema = z
  .object({
    decision: z.enum(['approve', 'reject', 'more_evidence'], {
      message: 'INVALID_DECISION: approve, reject or more_evidence',
    }),
    reason: textSchema(1000, { multiline: true }).optional(),
  })
  .strict()
  .refine((d) => d.decision === 'approve' || d.reason !== undefined, {
    message: 'REASON_REQUIRED: a rejection or a request for more evidence needs a reason',
    path: ['reason'],
  });
export type DataUpdateDecisionBody = z.infer<typeof dataUpdateDecisionSchema>;

export const dataUpdateCodeSchema = z
  .object({ code: z.string().regex(/^\d{6}$/, 'INVALID_CODE: six digits') })
  .strict();

export const dataUpdateEvidenceViewSchema = z.object({
  id: z.number(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
});

export const dataUpdateViewSchema = z.object({
  requestId: z.number(),
  personalId: z.string(),
  kind: z.enum(DATA_UPDATE_KINDS),
  status: z.enum(DATA_UPDATE_STATUSES),
  requested: z.record(z.string(), z.string()),
  filedOn: z.string(),
  dueDate: z.string().nullable(),
  reviewDaysLeft: z.number().nullable(),
  decidedOn: z.string().nullable(),
  reason: z.string().nullable(),
  /** The approved change is in the database (a bank account: proposed and verified, the one payments go to). */
  applied: z.boolean(),
  escalated: z.boolean(),
  codeExpiresAt: z.string().nullable(),
  evidence: z.array(dataUpdateEvidenceViewSchema),
});
export type DataUpdateView = z.infer<typeof dataUpdateViewSchema>;
