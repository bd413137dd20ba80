/**
 * The lists and searches of issue #12 (Part B): their query strings and answers. Every list takes
 * `limit` (1–200, default 50) and the opaque `cursor` of the previous page, and answers
 * `{ items, nextCursor }` (null on the last page). Dates YYYY-MM-DD, months YYYY-MM, money as
 * decimal strings.
 */
import { z } from 'zod';
import { inputDateSchema, inputMonthSchema, textSchema } from './schemas';
import { isSearchRefusal, parseEmployerQuery, parseParticipantQuery } from './search';

export const LIST_LIMIT = { min: 1, max: 200, default: 50 } as const;

/** The claim statuses (db/schema/claims.ts CLAIM_STATUSES; a test checks they agree). */
export const CLAIM_LIST_STATUSES = [
  'intake',
  'awaiting_decision',
  'active',
  'suspended',
  'rejected',
  'terminated',
  'completed',
] as const;
/** The statuses of an onboarding dossier (db/schema/onboarding.ts). */
export const ONBOARDING_LIST_STATUSES = [
  'submitted',
  'duplicate',
  'pending',
  'approved',
  'rejected',
  'completed',
] as const;

export const listPageSchema = z.object({
  limit: z.coerce
    .number({ error: `INVALID_LIMIT: a whole number from ${LIST_LIMIT.min} to ${LIST_LIMIT.max}` })
    .int('INVALID_LIMIT: a whole number')
    .min(LIST_LIMIT.min, `INVALID_LIMIT: ${LIST_LIMIT.min} to ${LIST_LIMIT.max}`)
    .max(LIST_LIMIT.max, `INVALID_LIMIT: ${LIST_LIMIT.min} to ${LIST_LIMIT.max}`)
    .default(LIST_LIMIT.default),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,1400}$/, 'INVALID_CURSOR: the nextCursor of a previous page')
    .optional(),
});

/**
 * Text inside a cursor (a folded name): what the database can compare — no control character, no
 * lone surrogate — so a forged cursor is 400 INVALID_CURSOR, never a database error.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const cursorTextSchema = z
  .string()
  .max(1000)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .refine((s) => !LONE_SURROGATE.test(s) && !/[\u0000-\u001F\u007F]/.test(s));

/** A comma-separated list of statuses, each one of `values` (else INVALID_STATUS); duplicates kept once. */
function statusListSchema<T extends string>(values: readonly [T, ...T[]]) {
  return z
    .string()
    .max(400, 'INVALID_STATUS: too long')
    .transform((s) => [...new Set(s.split(',').map((x) => x.trim()))])
    .pipe(
      z
        .array(z.enum(values, { message: `INVALID_STATUS: one or more of ${values.join(', ')}, comma-separated` }))
        .min(1),
    );
}

/** from ≤ to, when both are given (INVALID_RANGE on `to`). */
function ordered<T extends Record<string, unknown>>(from: keyof T & string, to: keyof T & string) {
  return (q: T, ctx: z.RefinementCtx) => {
    const a = q[from];
    const b = q[to];
    if (typeof a === 'string' && typeof b === 'string' && a > b)
      ctx.addIssue({ code: 'custom', path: [to], message: `INVALID_RANGE: ${to} is before ${from}` });
  };
}

export const claimListQuerySchema = listPageSchema
  .extend({
    status: statusListSchema(CLAIM_LIST_STATUSES).optional(),
    province: z
      .string()
      .regex(/^\d{2}$/, 'INVALID_PROVINCE: a 2-digit province code')
      .optional(),
    filedFrom: inputDateSchema.optional(),
    filedTo: inputDateSchema.optional(),
  })
  .superRefine(ordered('filedFrom', 'filedTo'));

export const claimListItemSchema = z.object({
  claimId: z.string(),
  status: z.enum(CLAIM_LIST_STATUSES),
  filingDate: z.string(),
  terminationDate: z.string(),
  decisionDeadline: z.string().nullable(),
  monthlyBenefit: z.string().nullable(),
  durationMonths: z.number().int().nullable(),
  personalId: z.string(),
  fullName: z.string(),
});
export const claimListSchema = z.object({ items: z.array(claimListItemSchema), nextCursor: z.string().nullable() });

export const onboardingListQuerySchema = listPageSchema.extend({
  status: statusListSchema(ONBOARDING_LIST_STATUSES).optional(),
});
export const onboardingListItemSchema = z.object({
  id: z.string().describe('onboarding:<taxCode>: the id GET /v1/onboardings/{id} reads'),
  requestId: z.string().describe('the dossier'),
  taxCode: z.string(),
  employerName: z.string(),
  status: z.enum(ONBOARDING_LIST_STATUSES),
  submittedAt: z.string().describe('ISO 8601, UTC'),
  employees: z.number().int(),
  deadline: z
    .string()
    .nullable()
    .describe("a pending dossier's last working day for the decision (escalated after it); null otherwise"),
});
export const onboardingListSchema = z.object({
  items: z.array(onboardingListItemSchema),
  nextCursor: z.string().nullable(),
});

/** q refused with the search's own code (INVALID_SEARCH, SEARCH_TOO_SHORT) in the zod message. */
export const participantSearchQuerySchema = listPageSchema.extend({
  q: textSchema(100).transform((q, ctx) => {
    const parsed = parseParticipantQuery(q);
    if (isSearchRefusal(parsed)) {
      ctx.addIssue({ code: 'custom', message: `${parsed.code}: ${parsed.message}` });
      return z.NEVER;
    }
    return parsed;
  }),
});
export const participantHitSchema = z.object({
  personalId: z.string(),
  siNumber: z.string(),
  fullName: z.string(),
  dateOfBirth: z.string(),
  gender: z.enum(['male', 'female']),
});
export const participantSearchSchema = z.object({
  items: z.array(participantHitSchema),
  nextCursor: z.string().nullable(),
});

export const employerSearchQuerySchema = listPageSchema.extend({
  q: textSchema(200, { min: 0 })
    .optional()
    .transform((q, ctx) => {
      const parsed = parseEmployerQuery(q);
      if (isSearchRefusal(parsed)) {
        ctx.addIssue({ code: 'custom', message: `${parsed.code}: ${parsed.message}` });
        return z.NEVER;
      }
      return parsed;
    }),
});
export const employerHitSchema = z.object({
  taxCode: z.string(),
  name: z.string(),
  status: z.enum(['pending', 'active', 'rejected']),
  provinceCode: z.string(),
  unitCode: z.string().nullable(),
});
export const employerSearchSchema = z.object({ items: z.array(employerHitSchema), nextCursor: z.string().nullable() });

export const periodListQuerySchema = listPageSchema
  .extend({ from: inputMonthSchema.optional(), to: inputMonthSchema.optional() })
  .superRefine(ordered('from', 'to'));
export const periodListItemSchema = z.object({
  period: z.string(),
  status: z.enum(['paid', 'partially_paid', 'unpaid', 'overpaid']),
  deadline: z.string().describe('the last day to pay the month (rules §8)'),
  due: z.string(),
  paid: z.string(),
  outstanding: z.string(),
  lateCharge: z.string(),
  evasion: z.boolean(),
});
export const periodListSchema = z.object({
  items: z.array(periodListItemSchema),
  nextCursor: z.string().nullable(),
});

export const benefitMonthSchema = z.object({
  index: z.number().int(),
  from: z.string(),
  to: z.string(),
  status: z.enum(['scheduled', 'reported', 'instructed', 'paid', 'returned', 'suspended', 'cancelled']),
  amount: z.string().nullable(),
  paidOn: z.string().nullable(),
  deadline: z.string().describe('the payment deadline of the month'),
});
export const claimPaymentsSchema = z.object({ items: z.array(benefitMonthSchema), nextCursor: z.string().nullable() });
export const participantPaymentsSchema = z.object({
  items: z.array(benefitMonthSchema.extend({ claimId: z.string() })),
  nextCursor: z.string().nullable(),
});

export type ClaimListItem = z.infer<typeof claimListItemSchema>;
export type OnboardingListItem = z.infer<typeof onboardingListItemSchema>;
export type ParticipantHit = z.infer<typeof participantHitSchema>;
export type EmployerHit = z.infer<typeof employerHitSchema>;
export type PeriodListItem = z.infer<typeof periodListItemSchema>;
export type BenefitMonth = z.infer<typeof benefitMonthSchema>;
