import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { participants } from './participants';

export const RECOVERY_STATUSES = [
  'intake',
  'awaiting_identity',
  'awaiting_contact',
  'awaiting_code',
  'completed',
  'expired',
] as const;
export type RecoveryStatus = (typeof RECOVERY_STATUSES)[number];
export const RECOVERY_METHODS = ['vneid', 'in_person'] as const;
export type RecoveryMethod = (typeof RECOVERY_METHODS)[number];
/** The identity documents an officer checks in person: the citizen identity card, a passport, the VNeID app's card. */
export const RECOVERY_DOCUMENT_KINDS = ['cccd', 'passport', 'vneid_app'] as const;
export type RecoveryDocumentKind = (typeof RECOVERY_DOCUMENT_KINDS)[number];

/**
 * Account-access recoveries (issue #14 part 3, migration 0022): a participant who lost access
 * identifies (a fresh VNeID level-2 sign-in, or an officer in person: the document's kind and its
 * last four characters only), confirms a new e-mail address by a one-time code, and at completion
 * every token and console session of theirs issued before is revoked. Stored before its workflow
 * `recovery:<id>` starts with the id only; the workflow's activities write the status. At most one
 * open recovery per participant.
 */
export const accessRecoveries = pgTable(
  'access_recoveries',
  {
    /** Random, so the workflow id `recovery:<id>` tells nothing (how many there are, whose). */
    id: uuid('id').primaryKey().defaultRandom(),
    personalId: text('personal_id')
      .notNull()
      .references(() => participants.personalId),
    workflowId: text('workflow_id').notNull().unique(),
    method: text('method').$type<RecoveryMethod>().notNull(),
    status: text('status').$type<RecoveryStatus>().notNull().default('intake'),
    /** Who started it, as the audit names an actor (`participant:<sub>`, `officer:<sub>`). */
    startedBy: text('started_by').notNull(),
    verifiedBy: text('verified_by'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    documentKind: text('document_kind').$type<RecoveryDocumentKind>(),
    /** The last four characters of the document checked; never the full number. */
    documentLast4: text('document_last4'),
    /** The new address, once a code was sent to it; on file only at completion. */
    newEmail: text('new_email'),
    /**
     * The contact on file when the recovery opened, sealed (services/seal.ts sealRecipient: its
     * channel and address): the completion is told there, since by then the new address is on file.
     * Erased when the recovery ends (migration 0025).
     */
    oldContact: text('old_contact'),
    codeId: bigint('code_id', { mode: 'number' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    check('access_recoveries_method', sql`${t.method} in ('vneid','in_person')`),
    check(
      'access_recoveries_status',
      sql`${t.status} in ('intake','awaiting_identity','awaiting_contact','awaiting_code','completed','expired')`,
    ),
    check('access_recoveries_ended', sql`(${t.status} in ('completed','expired')) = (${t.endedAt} is not null)`),
    check(
      'access_recoveries_document_kind',
      sql`${t.documentKind} is null or ${t.documentKind} in ('cccd','passport','vneid_app')`,
    ),
    check('access_recoveries_document_last4', sql`${t.documentLast4} is null or ${t.documentLast4} ~ '^[0-9A-Z]{4}$'`),
    check('access_recoveries_verified', sql`(${t.verifiedBy} is null) = (${t.verifiedAt} is null)`),
    check('access_recoveries_document', sql`(${t.documentKind} is null) = (${t.documentLast4} is null)`),
    check(
      'access_recoveries_in_person_document',
      sql`${t.method} = 'vneid' or ${t.verifiedBy} is null or ${t.documentKind} is not null`,
    ),
    check(
      'access_recoveries_old_contact_ended',
      sql`${t.oldContact} is null or ${t.status} not in ('completed','expired')`,
    ),
    check('access_recoveries_email_length', sql`${t.newEmail} is null or char_length(${t.newEmail}) between 3 and 254`),
    uniqueIndex('access_recoveries_open_unique')
      .on(t.personalId)
      .where(sql`${t.status} not in ('completed','expired')`),
    index('access_recoveries_personal_id_idx').on(t.personalId, t.id),
  ],
);

/**
 * The token revocation list (migration 0022): every token whose subject hashes to `subject_hash`
 * (HMAC-SHA-256 of `pid:<personal ID>` or `sub:<subject>` under a key derived from the server
 * secret: services/token-revocations.ts) and was issued (`iat`) before `revoked_before` is refused
 * by the API's verifier with TOKEN_REVOKED. A later revocation of the same subject moves the instant
 * forward, never back.
 */
export const tokenRevocations = pgTable(
  'token_revocations',
  {
    subjectHash: text('subject_hash').primaryKey(),
    revokedBefore: timestamp('revoked_before', { withTimezone: true }).notNull(),
    /** What revoked it: a process key (`recovery:7`), never a person. */
    reason: text('reason').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('token_revocations_subject_hash_format', sql`${t.subjectHash} ~ '^[0-9a-f]{64}$'`),
    check('token_revocations_reason_format', sql`${t.reason} ~ '^[a-z][a-z0-9_.:-]{2,119}$'`),
    index('token_revocations_revoked_before_idx').on(t.revokedBefore),
  ],
);
