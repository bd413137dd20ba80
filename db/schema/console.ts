import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The web console's sign-ins (issue #12). The browser holds a random id in a signed, HttpOnly
 * cookie; the row is found by its SHA-256, and the bearer token the console presents to the API on
 * the person's behalf is sealed under a key derived from that id (services/console-sessions.ts),
 * so a copy of this table lets nobody in. Signing out deletes the row.
 */
export const consoleSessions = pgTable(
  'console_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    sealedToken: text('sealed_token').notNull(),
    role: text('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The earlier of the token's expiry and the session's longest life. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** The keyed hash of the signed-in subject (services/token-revocations.ts subjectHash; migration 0022): a recovery deletes its sessions. */
    subjectHash: text('subject_hash'),
  },
  (t) => [
    check('console_sessions_id_hash_format', sql`${t.idHash} ~ '^[0-9a-f]{64}$'`),
    index('console_sessions_expires_idx').on(t.expiresAt),
    check('console_sessions_subject_hash_format', sql`${t.subjectHash} is null or ${t.subjectHash} ~ '^[0-9a-f]{64}$'`),
    index('console_sessions_subject_hash_idx')
      .on(t.subjectHash)
      .where(sql`${t.subjectHash} is not null`),
  ],
);
