import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { participants } from './participants';

/**
 * The electronic SI book: the canonical JSON rendered from the database by domain/ebook.ts, its
 * sha256, and a version bumped on every change. It must always equal what the database says;
 * `ansinh ebook verify` re-renders every book and compares.
 */
export const ebooks = pgTable(
  'ebooks',
  {
    personalId: text('personal_id')
      .primaryKey()
      .references(() => participants.personalId),
    version: integer('version').notNull(),
    /** Canonical JSON kept as text so its bytes (and so its hash) are exactly what was rendered. */
    content: text('content').notNull(),
    sha256: text('sha256').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ebooks_version_positive', sql`${t.version} > 0`),
    check('ebooks_sha256_format', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * Every version of every e-book (append-only), written in the transaction that writes the book:
 * `prev_hash` is the previous version's sha256 (64 zeros for the first recorded version).
 */
export const ebookVersions = pgTable(
  'ebook_versions',
  {
    personalId: text('personal_id')
      .notNull()
      .references(() => participants.personalId),
    version: integer('version').notNull(),
    sha256: text('sha256').notNull(),
    prevHash: text('prev_hash').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'ebook_versions_pk', columns: [t.personalId, t.version] }),
    check('ebook_versions_version_positive', sql`${t.version} > 0`),
    check('ebook_versions_sha256_format', sql`${t.sha256} ~ '^[0-9a-f]{64}$' AND ${t.prevHash} ~ '^[0-9a-f]{64}$'`),
  ],
);
