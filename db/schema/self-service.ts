import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** PostgreSQL `bytea` as a Node Buffer (drizzle has no built-in column for it). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * One-time codes (issue #14: a new e-mail address or phone confirmed by a code; account-access
 * recovery). Only an HMAC of the code is stored (services/otp.ts); the code itself travels once,
 * sealed, in the outbox notice that delivers it, and the relay erases it once sent. At most one
 * live code per process key: issuing a new one supersedes the old. A code expires in minutes and
 * allows a few attempts; each wrong attempt is counted in its own transaction.
 */
export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The process step the code confirms, e.g. `data-update:42:email`, `recovery:7`. No personal data. */
    processKey: text('process_key').notNull(),
    purpose: text('purpose').notNull(),
    /** A keyed hash of who the step's codes go to: a key's codes never go to two people. */
    recipientRef: text('recipient_ref').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('one_time_codes_live_unique')
      .on(t.processKey)
      .where(sql`${t.consumedAt} is null and ${t.supersededAt} is null`),
    index('one_time_codes_key_created_idx').on(t.processKey, t.createdAt),
    check('one_time_codes_hash_format', sql`${t.codeHash} ~ '^[0-9a-f]{64}$'`),
    check('one_time_codes_recipient_ref_format', sql`${t.recipientRef} ~ '^[0-9a-f]{64}$'`),
    check('one_time_codes_process_key_format', sql`${t.processKey} ~ '^[a-z][a-z0-9_.:-]{2,119}$'`),
    check('one_time_codes_purpose_format', sql`${t.purpose} ~ '^[a-z][a-z_.]{2,39}$'`),
    check(
      'one_time_codes_attempts',
      sql`${t.attempts} >= 0 and ${t.attempts} <= ${t.maxAttempts} and ${t.maxAttempts} between 1 and 10`,
    ),
    check('one_time_codes_expiry', sql`${t.expiresAt} > ${t.createdAt}`),
  ],
);

/** The types an upload may have, by its first bytes (services/evidence.ts). */
export const EVIDENCE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
/** The largest document accepted: 5 MiB. */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

/**
 * Evidence a person attaches to a process they started (issue #14: a contract, payslips, a
 * document proving a corrected birth date), kept in the database with its SHA-256: the same file
 * uploaded twice to one process is stored once. Size and type are checked before the insert and
 * again by the constraints.
 */
export const evidenceDocuments = pgTable(
  'evidence_documents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The process it belongs to, e.g. `data-update:42`, `declaration-case:9`. */
    ownerKey: text('owner_key').notNull(),
    /** The actor who uploaded it (role:subject, as in the audit trail). */
    uploadedBy: text('uploaded_by').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('evidence_documents_owner_sha_unique').on(t.ownerKey, t.sha256),
    index('evidence_documents_owner_idx').on(t.ownerKey, t.id),
    check('evidence_documents_type', sql`${t.contentType} in ('application/pdf','image/jpeg','image/png')`),
    check(
      'evidence_documents_size',
      sql`${t.size} between 1 and ${sql.raw(String(MAX_EVIDENCE_BYTES))} and ${t.size} = octet_length(${t.content})`,
    ),
    check('evidence_documents_sha_format', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('evidence_documents_owner_format', sql`${t.ownerKey} ~ '^[a-z][a-z0-9_.:-]{2,119}$'`),
    check('evidence_documents_filename', sql`char_length(${t.filename}) between 1 and 120`),
  ],
);
