import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Categories of employing unit. Units of the Ministry of National Defence and the Ministry of
 * Public Security are outside the electronic system (Circular 09/2026/TT-BTC, scope); the
 * database refuses them outright (check constraint below), on top of the validation in domain/.
 */
export const EMPLOYER_CATEGORIES = [
  'enterprise',
  'state_body',
  'public_service_unit',
  'political_social_org',
  'foreign_org',
  'cooperative',
  'household_business',
  'other',
  'defence_unit',
  'public_security_unit',
] as const;
export const EXCLUDED_EMPLOYER_CATEGORIES = ['defence_unit', 'public_security_unit'] as const;
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('employers_tax_code_format', sql`${t.taxCode} ~ '^[0-9]{10}(-[0-9]{3})?$'`),
    check('employers_province_code_format', sql`${t.provinceCode} ~ '^[0-9]{2}$'`),
    check('employers_wage_region', sql`${t.wageRegion} in ('I','II','III','IV')`),
    check(
      'employers_category',
      sql`${t.category} in ('enterprise','state_body','public_service_unit','political_social_org','foreign_org','cooperative','household_business','other')`,
    ),
    check('employers_status', sql`${t.status} in ('pending','active','rejected')`),
    check('employers_active_has_unit_code', sql`(${t.status} = 'active') = (${t.unitCode} is not null)`),
    check('employers_rejected_has_reason', sql`(${t.status} = 'rejected') = (${t.rejectionReason} is not null)`),
    check('employers_name_not_blank', sql`length(trim(${t.name})) > 0`),
    index('employers_status_idx').on(t.status),
  ],
);
