import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { employers } from './employers';
import { employments } from './employments';
import { participants } from './participants';

const MONTH = `'^[0-9]{4}-(0[1-9]|1[0-2])$'`;

/**
 * An employer's electronic declaration (Law 41/2024 Art.28–29; form TK1-TS): a hire, a leave,
 * a salary change or a month of unpaid leave, effective from a month, with its author. The
 * idempotency key makes a resubmitted declaration a no-op.
 */
export const declarations = pgTable(
  'declarations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    employerTaxCode: text('employer_tax_code')
      .notNull()
      .references(() => employers.taxCode),
    personalId: text('personal_id')
      .notNull()
      .references(() => participants.personalId),
    kind: text('kind').notNull(),
    effectiveMonth: text('effective_month').notNull(),
    /** What was declared (salary, end month, job title…) as submitted, after validation. */
    details: jsonb('details').notNull(),
    author: text('author').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('declarations_kind', sql`${t.kind} in ('hire','leave','salary_change','unpaid_leave')`),
    check('declarations_month_format', sql.raw(`effective_month ~ ${MONTH}`)),
    index('declarations_employer_idx').on(t.employerTaxCode, t.effectiveMonth),
  ],
);

/**
 * A month in which an employee was unpaid for 14 working days or more: no contribution is due
 * (Law 41/2024 Art.33(5), Art.34(3); Law 74/2025 Art.33(4)).
 */
export const unpaidLeaveMonths = pgTable(
  'unpaid_leave_months',
  {
    employmentId: bigint('employment_id', { mode: 'number' })
      .notNull()
      .references(() => employments.id),
    month: text('month').notNull(),
    declarationId: bigint('declaration_id', { mode: 'number' }).references(() => declarations.id),
  },
  (t) => [
    primaryKey({ columns: [t.employmentId, t.month] }),
    check('unpaid_leave_month_format', sql.raw(`month ~ ${MONTH}`)),
  ],
);

/** An employer's payment; the bank reference is the idempotency key. */
export const payments = pgTable(
  'payments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    bankReference: text('bank_reference').notNull().unique(),
    employerTaxCode: text('employer_tax_code')
      .notNull()
      .references(() => employers.taxCode),
    amount: numeric('amount', { precision: 17, scale: 0 }).notNull(),
    valueDate: date('value_date', { mode: 'string' }).notNull(),
    author: text('author').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('payments_amount_positive', sql`${t.amount} > 0`),
    index('payments_employer_idx').on(t.employerTaxCode, t.valueDate),
  ],
);

/**
 * How a payment settled periods: oldest first, principal before late-payment charge (rules §8).
 * Derived: domain/ledger.ts replayLedger over the employer's dues and payments, rewritten
 * whenever a payment, a declaration or a reconciliation changes them (db/queries/ledger.ts).
 */
export const paymentAllocations = pgTable(
  'payment_allocations',
  {
    paymentId: bigint('payment_id', { mode: 'number' })
      .notNull()
      .references(() => payments.id),
    period: text('period').notNull(),
    principal: numeric('principal', { precision: 17, scale: 0 }).notNull(),
    interest: numeric('interest', { precision: 17, scale: 0 }).notNull(),
    /** The day the money settled the period: the value date, or the deadline on which credit was used. */
    settledOn: date('settled_on', { mode: 'string' }).notNull(),
    /** Settled from the employer's held credit (what was left of this payment), not at its value date. */
    fromCredit: boolean('from_credit').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.paymentId, t.period] }),
    check('payment_allocations_not_empty', sql`${t.principal} + ${t.interest} > 0`),
    check('payment_allocations_period_format', sql.raw(`period ~ ${MONTH}`)),
    check('payment_allocations_non_negative', sql`${t.principal} >= 0 and ${t.interest} >= 0`),
  ],
);

/** The reconciled state of an employer's period (written by the monthly reconciliation). */
export const employerPeriods = pgTable(
  'employer_periods',
  {
    employerTaxCode: text('employer_tax_code')
      .notNull()
      .references(() => employers.taxCode),
    period: text('period').notNull(),
    due: numeric('due', { precision: 17, scale: 0 }).notNull(),
    paid: numeric('paid', { precision: 17, scale: 0 }).notNull(),
    outstanding: numeric('outstanding', { precision: 17, scale: 0 }).notNull(),
    lateCharge: numeric('late_charge', { precision: 17, scale: 0 }).notNull(),
    chargePaid: numeric('charge_paid', { precision: 17, scale: 0 }).notNull(),
    maxDaysLate: integer('max_days_late').notNull(),
    evasion: boolean('evasion').notNull(),
    status: text('status').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    /** Employees with contributions due in the period. */
    employees: integer('employees').notNull().default(0),
    /** Due per side and fund: sums of the lines ({ employee: { HI: "…" }, employer: { … } }). */
    dueByFund: jsonb('due_by_fund').notNull().default({}),
    reconciledAt: timestamp('reconciled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.employerTaxCode, t.period] }),
    check('employer_periods_status', sql`${t.status} in ('paid','partially_paid','unpaid','overpaid')`),
    check('employer_periods_balances', sql`${t.outstanding} = greatest(${t.due} - ${t.paid}, 0)`),
    check(
      'employer_periods_non_negative',
      sql`${t.due} >= 0 and ${t.paid} >= 0 and ${t.lateCharge} >= 0 and ${t.chargePaid} >= 0`,
    ),
    /** The business gauges (migration 0029, db/queries/metrics.ts): the latest period, and the periods still owing. */
    index('employer_periods_period_idx').on(t.period),
    index('employer_periods_arrears_idx')
      .on(t.period)
      .where(sql`${t.outstanding} > 0 or ${t.lateCharge} > ${t.chargePaid}`),
  ],
);

/** What each participant's e-book shows for a month: credited (paid in full) or declared but unpaid. */
export const contributionMonths = pgTable(
  'contribution_months',
  {
    personalId: text('personal_id')
      .notNull()
      .references(() => participants.personalId),
    employerTaxCode: text('employer_tax_code')
      .notNull()
      .references(() => employers.taxCode),
    period: text('period').notNull(),
    status: text('status').notNull(),
    /**
     * The participant's contribution lines of the month (domain/contributions.ts: one line per fund
     * × side), kept as the salary they derive from and their sums per side: one row per participant and month instead
     * of eight narrow rows, which is what makes a national month fit in minutes. Each fund line is
     * recomputable from the salary by the same domain function; the employer's per-fund sums are on
     * employer_periods.due_by_fund.
     */
    /** The contribution salary in force that month (the lines' bases derive from it). */
    salary: numeric('salary', { precision: 15, scale: 0 }).notNull(),
    employeeAmount: numeric('employee_amount', { precision: 15, scale: 0 }).notNull(),
    employerAmount: numeric('employer_amount', { precision: 15, scale: 0 }).notNull(),
    /** employee_amount + employer_amount. */
    amount: numeric('amount', { precision: 15, scale: 0 }).notNull(),
    /** How many fund × side lines the amount sums. */
    lines: integer('lines').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.personalId, t.employerTaxCode, t.period] }),
    check(
      'contribution_months_amounts',
      sql`${t.amount} = ${t.employeeAmount} + ${t.employerAmount} and ${t.employeeAmount} >= 0 and ${t.employerAmount} >= 0 and ${t.salary} > 0`,
    ),
    index('contribution_months_employer_period_idx').on(t.employerTaxCode, t.period),
    check('contribution_months_status', sql`${t.status} in ('credited','declared_unpaid')`),
  ],
);
