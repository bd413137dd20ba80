import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { participants } from './participants';

/**
 * The electronic SI book: its version (bumped on every change), its root — the book's hash: the
 * sha256 of `sections`, the manifest listing each section's sha256 (issue 16, ARCHITECTURE.md
 * "E-books in sections") — and its sections in `ebook_sections`. The book must always equal what
 * the database says; `ansinh ebook verify` re-renders every section and compares.
 *
 * `content` is the whole canonical JSON of a book written before migration 0032 (its root then the
 * sha256 of that content), until the upgrade re-renders it into sections: a row holds exactly one.
 */
export const ebooks = pgTable(
  'ebooks',
  {
    personalId: text('personal_id')
      .primaryKey()
      .references(() => participants.personalId),
    version: integer('version').notNull(),
    /** Legacy: the whole canonical JSON of a book not yet stored in sections. */
    content: text('content'),
    /** The manifest: the schema, then `key sha256` per section, keys sorted (domain/ebook.ts ebookManifest). */
    sections: text('sections'),
    root: text('root').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ebooks_version_positive', sql`${t.version} > 0`),
    check('ebooks_root_format', sql`${t.root} ~ '^[0-9a-f]{64}$'`),
    check('ebooks_stored_once', sql`(${t.content} IS NULL) <> (${t.sections} IS NULL)`),
  ],
);

/**
 * A section of an e-book (issue 16): `identity`, `employments`, `hiCards`, `cardLocks`,
 * `corrections`, `disputedMonths`, `unemploymentBenefits`, or `months/YYYY` for a calendar year of
 * contribution months; its canonical JSON text and that text's sha256.
 */
export const ebookSections = pgTable(
  'ebook_sections',
  {
    personalId: text('personal_id')
      .notNull()
      .references(() => ebooks.personalId),
    section: text('section').notNull(),
    content: text('content').notNull(),
    sha256: text('sha256').notNull(),
  },
  (t) => [
    primaryKey({ name: 'ebook_sections_pk', columns: [t.personalId, t.section] }),
    check('ebook_sections_sha256_format', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check(
      'ebook_sections_key',
      sql`${t.section} ~ '^(cardLocks|corrections|disputedMonths|employments|hiCards|identity|unemploymentBenefits|months/[0-9]{4})$'`,
    ),
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
