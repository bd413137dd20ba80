import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { employerCategorySchema } from '../../domain/schemas';
import { EXCLUDED_CATEGORIES } from '../../domain/scope';
import { foldNameSql } from '../../domain/search';

/**
 * Categories the database accepts: every category of domain/schemas.ts except units of the
 * Ministry of National Defence and the Ministry of Public Security, which are outside the
 * electronic system (Circular 09/2026/TT-BTC, scope). The database refuses them outright.
 */
const ACCEPTED_CATEGORIES = employerCategorySchema.options.filter((c) => !EXCLUDED_CATEGORIES.includes(c));

export const EMPLOYER_STATUSES = ['pending', 'active', 'rejected'] as const;

export const employers = pgTable(
  'employers',
  {
    taxCode: text('tax_code').primaryKey(),
    name: text('name').notNull(),
    address: text('address').notNull(),
    provinceCode: text('province_code').notNull(),
    wageRegion: text('wage_region').notNull(),
    category: text('category').notNull(),
    status: text('status').notNull(),
    unitCode: text('unit_code').unique(),
    rejectionReason: text('rejection_reason'),
    onboardingRequestId: uuid('onboarding_request_id'),
    /** The language of the notices to this employer (arrears notices and their PDF): 'vi' unless it chose 'en' (migration 0016). */
    preferredLang: text('preferred_lang').$type<'vi' | 'en'>().notNull().default('vi'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** The name as search compares it (domain/search.ts foldName, in SQL; migration 0012). */
    searchName: text('search_name')
      .notNull()
      .generatedAlwaysAs(sql.raw(foldNameSql('"name"'))),
  },
  (t) => [
    check('employers_tax_code_format', sql`${t.taxCode} ~ '^[0-9]{10}(-[0-9]{3})?$'`),
    check('employers_province_code_format', sql`${t.provinceCode} ~ '^[0-9]{2}$'`),
    check('employers_wage_region', sql`${t.wageRegion} in ('I','II','III','IV')`),
    check('employers_category', sql`${t.category} in (${sql.raw(ACCEPTED_CATEGORIES.map((c) => `'${c}'`).join(','))})`),
    check('employers_status', sql`${t.status} in ('pending','active','rejected')`),
    check('employers_active_has_unit_code', sql`(${t.status} = 'active') = (${t.unitCode} is not null)`),
    check('employers_rejected_has_reason', sql`(${t.status} = 'rejected') = (${t.rejectionReason} is not null)`),
    check('employers_name_not_blank', sql`length(trim(${t.name})) > 0`),
    check('employers_preferred_lang', sql`${t.preferredLang} in ('vi','en')`),
    index('employers_status_idx').on(t.status),
    /** Byte order (COLLATE "C"): name and tax-code prefixes are ranges whatever the locale. */
    index('employers_search_name_idx').using('btree', sql`${t.searchName} collate "C"`, t.taxCode),
    index('employers_tax_code_prefix_idx').using('btree', sql`${t.taxCode} collate "C"`),
  ],
);
