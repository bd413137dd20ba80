import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
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
    /**
     * Why the card stopped before its printed end (migration 0027): `left_scheme` — the person no
     * longer takes part (the employment ended, the unemployment benefit was terminated; HI Law
     * Art.16(4)(c)); null — it runs to its end (`valid_to`), or is open-ended.
     */
    endReason: text('end_reason'),
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
    check(
      'hi_cards_end_reason',
      sql`${t.endReason} is null or (${t.endReason} = 'left_scheme' and ${t.validTo} is not null)`,
    ),
    check('hi_cards_facility_format', sql`${t.initialFacilityCode} is null or ${t.initialFacilityCode} ~ '^[0-9]{5}$'`),
    /** One card per person, payer and start date: the business key that makes issuing idempotent. */
    unique('hi_cards_person_payer_from').on(t.personalId, t.payerKind, t.payerTaxCode, t.validFrom).nullsNotDistinct(),
    index('hi_cards_card_code_idx').on(t.cardCode),
    index('hi_cards_person_idx').on(t.personalId),
  ],
);

/** Why a card stopped before its printed end (hi_cards.end_reason). */
export const HI_CARD_END_REASONS = ['left_scheme'] as const;

/**
 * A card locked or withdrawn by an officer's decision (migration 0027; HI Law Art.20, Decree
 * 188/2025 Art.12): `locked` (tạm khóa) for a card used by someone else or lent, lifted once the
 * fine is paid; `withdrawn` (thu hồi) for fraud in its issue, never lifted. From `effective_from`
 * until the day before `lifted_on`. The officer's reference is the business key: one row per card
 * the person holds in force that day (one row per payer). One lock open per card at a time.
 */
export const hiCardLocks = pgTable(
  'hi_card_locks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    personalId: text('personal_id')
      .notNull()
      .references(() => participants.personalId),
    cardId: bigint('card_id', { mode: 'number' })
      .notNull()
      .references(() => hiCards.id),
    reference: text('reference').notNull(),
    kind: text('kind').notNull(),
    ground: text('ground').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    liftedOn: date('lifted_on', { mode: 'string' }),
    decidedBy: text('decided_by').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
    liftedBy: text('lifted_by'),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
  },
  (t) => [
    unique('hi_card_locks_card_reference').on(t.cardId, t.reference),
    check('hi_card_locks_reference_format', sql`${t.reference} ~ '^[A-Za-z0-9._:/-]{1,80}$'`),
    check('hi_card_locks_kind', sql`${t.kind} in ('locked','withdrawn')`),
    check(
      'hi_card_locks_ground',
      sql`(${t.kind} = 'withdrawn' and ${t.ground} = 'fraud') or (${t.kind} = 'locked' and ${t.ground} in ('used_by_another','lent'))`,
    ),
    check(
      'hi_card_locks_lifted',
      sql`(${t.liftedOn} is null) = (${t.liftedBy} is null) and (${t.liftedOn} is null) = (${t.liftedAt} is null) and (${t.liftedOn} is null or (${t.kind} = 'locked' and ${t.liftedOn} > ${t.effectiveFrom}))`,
    ),
    uniqueIndex('hi_card_locks_one_open')
      .on(t.cardId)
      .where(sql`${t.liftedOn} is null`),
    index('hi_card_locks_card_idx').on(t.cardId, t.effectiveFrom),
    index('hi_card_locks_person_idx').on(t.personalId),
  ],
);
