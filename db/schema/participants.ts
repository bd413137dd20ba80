import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { foldNameSql } from '../../domain/search';

/** A person in the national insurance database, keyed by the 12-digit personal ID (rules §5, §8). */
export const participants = pgTable(
  'participants',
  {
    personalId: text('personal_id').primaryKey(),
    /** Legacy 10-digit SI number, kept as an alias; assigned from si_number_seq when a person has none. */
    siNumber: text('si_number').notNull().unique(),
    fullName: text('full_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    gender: text('gender').notNull(),
    nationality: text('nationality').notNull().default('VN'),
    email: text('email'),
    phone: text('phone'),
    /** The language of the notices to this person (e-mail and PDF): 'vi' unless they chose 'en' (migration 0016). */
    preferredLang: text('preferred_lang').$type<'vi' | 'en'>().notNull().default('vi'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** The name as search compares it (domain/search.ts foldName, in SQL; migration 0012). */
    searchName: text('search_name')
      .notNull()
      .generatedAlwaysAs(sql.raw(foldNameSql('"full_name"'))),
  },
  (t) => [
    check('participants_personal_id_format', sql`${t.personalId} ~ '^[0-9]{12}$'`),
    check('participants_si_number_format', sql`${t.siNumber} ~ '^[0-9]{10}$'`),
    check('participants_gender', sql`${t.gender} in ('male','female')`),
    check('participants_nationality_format', sql`${t.nationality} ~ '^[A-Z]{2}$'`),
    check('participants_name_not_blank', sql`length(trim(${t.fullName})) > 0`),
    check('participants_preferred_lang', sql`${t.preferredLang} in ('vi','en')`),
    /** Byte order (COLLATE "C"): a name prefix is a range, and the page order, whatever the locale. */
    index('participants_search_name_idx').using('btree', sql`${t.searchName} collate "C"`, t.personalId),
  ],
);
