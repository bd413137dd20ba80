/**
 * Account-access recovery's API schemas (issue #14 part 3; rules §8.40): what a start, an
 * officer's verification, a contact, a code and a recovery's view look like at the boundary. The
 * rules are in domain/recovery.ts, which the workflows import; these stay out of the workflow
 * bundle (domain/schemas-fields.ts says why).
 */
import { z } from 'zod';
import { RECOVERY_DOCUMENT_KIND_VALUES, RECOVERY_STATUS_VALUES } from './recovery';
import { personalIdSchema } from './schemas-fields';

/** An officer's start at the desk names the participant; a participant's own start names nobody (the token does). */
export const recoveryStartSchema = z.strictObject({
  personalId: personalIdSchema.optional(),
});

/**
 * What an officer records of the document checked in person: its kind and its LAST FOUR
 * characters (digits or capital letters), never the whole number, so no document number reaches
 * Temporal, the audit or a log (rules §8.40).
 */
export const recoveryVerificationSchema = z.strictObject({
  documentKind: z.enum(RECOVERY_DOCUMENT_KIND_VALUES, {
    error: 'INVALID_DOCUMENT_KIND: cccd, passport or vneid_app',
  }),
  documentLast4: z
    .string({ error: 'INVALID_DOCUMENT_DIGITS: the last 4 digits or capital letters of the document' })
    .regex(/^[0-9A-Z]{4}$/, 'INVALID_DOCUMENT_DIGITS: the last 4 digits or capital letters of the document'),
});
export type RecoveryVerification = z.infer<typeof recoveryVerificationSchema>;

export const recoveryContactSchema = z.strictObject({
  email: z.email('INVALID_EMAIL: an e-mail address (name@domain)').max(254, 'INVALID_EMAIL: at most 254 characters'),
});

export const recoveryConfirmSchema = z.strictObject({
  code: z.string({ error: 'INVALID_CODE: 6 digits' }).regex(/^\d{6}$/, 'INVALID_CODE: 6 digits'),
});

export const recoveryIdParamsSchema = z.object({
  id: z.string().uuid('INVALID_ID: a recovery id (a UUID)'),
});

export const recoveryViewSchema = z.object({
  recoveryId: z.string(),
  workflowId: z.string(),
  method: z.enum(['vneid', 'in_person']),
  status: z.enum(RECOVERY_STATUS_VALUES),
  expiresAt: z.string().nullable(),
  codeExpiresAt: z.string().nullable(),
  verified: z.boolean(),
  documentKind: z.enum(RECOVERY_DOCUMENT_KIND_VALUES).nullable(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
});
export type RecoveryView = z.infer<typeof recoveryViewSchema>;
