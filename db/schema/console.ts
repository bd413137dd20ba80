import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The web console's sign-ins (issue #12). The browser holds a random id in a signed, HttpOnly
 * cookie; the row is found by its SHA-256 (a copy of this table lets nobody in). The session
 * carries the bearer token the console presents to the API on the person's behalf, so the console
 * passes the same verifier, policy and access log as any API client. Signing out deletes the row.
 */
export const consoleSessions = pgTable(
  'console_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    token: text('token').notNull(),
    role: text('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The earlier of the token's expiry and the session's longest life. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('console_sessions_id_hash_format', sql`${t.idHash} ~ '^[0-9a-f]{64}$'`),
    index('console_sessions_expires_idx').on(t.expiresAt),
  ],
);
