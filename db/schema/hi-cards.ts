import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { employers } from './employers';
import { participants } from './participants';

export const HI_PAYER_KINDS = ['employer', 'ui_fund', 'state_budget', 'self'] as const;

/** Electronic HI card (Decree 188/2025 Art.10 fields). valid_to null = open-ended. */
export const hiCards = pgTable(
  'hi_cards',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    cardCode: text('card_code').notNull(),
    personalId: text('personal_id')
      .notNull()
      .references(() => participants.personalId),
    payerKind: text('payer_kind').notNull(),
    payerTaxCode: text('payer_tax_code').references(() => employers.taxCode),
    /** Card level digit (1–5) and the benefit percentage it gives (1/2/5 → 100, 3 → 95, 4 → 80). */
    levelDigit: integer('level_digit').notNull(),
    benefitLevel: integer('benefit_level').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    initialFacilityCode: text('initial_facility_code'),
    fiveYearsFrom: date('five_years_from', { mode: 'string' }),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('hi_cards_code_format', sql`${t.cardCode} ~ '^[A-Z]{2}[1-5][0-9]{2}[0-9]{10}$'`),
    check('hi_cards_payer_kind', sql`${t.payerKind} in ('employer','ui_fund','state_budget','self')`),
    check('hi_cards_employer_payer_has_tax_code', sql`(${t.payerKind} = 'employer') = (${t.payerTaxCode} is not null)`),
    check('hi_cards_level_digit', sql`${t.levelDigit} between 1 and 5`),
    check(
      'hi_cards_benefit_level_matches_digit',
      sql`${t.benefitLevel} = case when ${t.levelDigit} = 3 then 95 when ${t.levelDigit} = 4 then 80 else 100 end`,
    ),
    check('hi_cards_validity', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
    check('hi_cards_facility_format', sql`${t.initialFacilityCode} is null or ${t.initialFacilityCode} ~ '^[0-9]{5}$'`),
    /** One card per person, payer and start date: the business key that makes issuing idempotent. */
    unique('hi_cards_person_payer_from').on(t.personalId, t.payerKind, t.payerTaxCode, t.validFrom).nullsNotDistinct(),
    index('hi_cards_card_code_idx').on(t.cardCode),
    index('hi_cards_person_idx').on(t.personalId),
  ],
);
