import { sql } from 'drizzle-orm';
import { bigserial, bigint, check, index, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { employers } from './employers';
import { participants } from './participants';

export const CONTRACT_TYPES = ['indefinite', 'fixed_term_12_36', 'fixed_term_1_12'] as const;

/** A participant working for an employer, from a start month to an (optional) end month. */
export const employments = pgTable(
  'employments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    personalId: text('personal_id')
      .notNull()
      .references(() => participants.personalId),
    employerTaxCode: text('employer_tax_code')
      .notNull()
      .references(() => employers.taxCode),
    startMonth: text('start_month').notNull(),
    endMonth: text('end_month'),
    jobTitle: text('job_title').notNull(),
    contractType: text('contract_type').notNull(),
    onboardingRequestId: uuid('onboarding_request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('employments_person_employer_start').on(t.personalId, t.employerTaxCode, t.startMonth),
    check('employments_start_month_format', sql`${t.startMonth} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('employments_end_month_format', sql`${t.endMonth} is null or ${t.endMonth} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('employments_end_after_start', sql`${t.endMonth} is null or ${t.endMonth} >= ${t.startMonth}`),
    check('employments_contract_type', sql`${t.contractType} in ('indefinite','fixed_term_12_36','fixed_term_1_12')`),
    index('employments_employer_idx').on(t.employerTaxCode),
  ],
);

/** Contribution salary of an employment, effective from a month until the next row. */
export const salaryHistory = pgTable(
  'salary_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    employmentId: bigint('employment_id', { mode: 'number' })
      .notNull()
      .references(() => employments.id),
    effectiveMonth: text('effective_month').notNull(),
    /** Whole VND; read as a string, never as a float. */
    amount: numeric('amount', { precision: 15, scale: 0 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('salary_history_employment_month').on(t.employmentId, t.effectiveMonth),
    check('salary_history_month_format', sql`${t.effectiveMonth} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('salary_history_amount_positive', sql`${t.amount} > 0`),
  ],
);
