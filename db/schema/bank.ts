import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { payments } from './contributions';
import { employers } from './employers';

/**
 * One transaction of the collection account's bank statement (issue #9 §3): money counts only once
 * the bank says it arrived. The bank's own reference is the idempotency key: a statement imported
 * twice stores and books each transaction once. A credit in dong that names one employer is booked
 * (a payment); one that names none, or that the payment rules refuse, waits in suspense with its
 * reason until an officer assigns it; debits and other currencies are kept, ignored, with theirs.
 */
export const bankLines = pgTable(
  'bank_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    bankReference: text('bank_reference').notNull().unique(),
    /** The file it first came from: its format, camt.053 statement id, position in the file. */
    source: text('source').notNull(),
    statementRef: text('statement_ref'),
    line: integer('line').notNull(),
    direction: text('direction').notNull(),
    amount: numeric('amount', { precision: 20, scale: 3 }).notNull(),
    currency: text('currency').notNull(),
    valueDate: date('value_date', { mode: 'string' }).notNull(),
    bookingDate: date('booking_date', { mode: 'string' }),
    remittance: text('remittance').notNull().default(''),
    endToEndId: text('end_to_end_id'),
    status: text('status').notNull(),
    /** Why it went to suspense (kept after an assignment) or is ignored; null when booked on import. */
    reason: text('reason'),
    /** The employer it was booked to; for a refused line, the employer it named. */
    employerTaxCode: text('employer_tax_code').references(() => employers.taxCode),
    paymentId: bigint('payment_id', { mode: 'number' })
      .references(() => payments.id)
      .unique(),
    importedBy: text('imported_by').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    /** The officer who assigned a suspense line, and when. */
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    check('bank_lines_source', sql`${t.source} in ('csv','camt053')`),
    check('bank_lines_direction', sql`${t.direction} in ('credit','debit')`),
    check('bank_lines_status', sql`${t.status} in ('booked','suspense','ignored')`),
    check('bank_lines_amount_positive', sql`${t.amount} > 0`),
    check('bank_lines_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('bank_lines_booked_has_payment', sql`(${t.status} = 'booked') = (${t.paymentId} is not null)`),
    check('bank_lines_booked_has_employer', sql`${t.status} <> 'booked' or ${t.employerTaxCode} is not null`),
    check('bank_lines_unbooked_has_reason', sql`${t.status} = 'booked' or ${t.reason} is not null`),
    check(
      'bank_lines_ignored_not_credit_vnd',
      sql`${t.status} <> 'ignored' or ${t.direction} = 'debit' or ${t.currency} <> 'VND'`,
    ),
    check('bank_lines_resolved', sql`(${t.resolvedBy} is null) = (${t.resolvedAt} is null)`),
    index('bank_lines_suspense_idx')
      .on(t.id)
      .where(sql`${t.status} = 'suspense'`),
  ],
);

/**
 * An employer's announcement of a transfer: amount, expected value date, and the reference its
 * remittance text will carry. It is never credited on its own: it stays pending until a bank line
 * carrying the reference is booked to the employer, and then points at that line.
 */
export const paymentAnnouncements = pgTable(
  'payment_announcements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    employerTaxCode: text('employer_tax_code')
      .notNull()
      .references(() => employers.taxCode),
    reference: text('reference').notNull(),
    amount: numeric('amount', { precision: 17, scale: 0 }).notNull(),
    expectedValueDate: date('expected_value_date', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('pending'),
    bankLineId: bigint('bank_line_id', { mode: 'number' })
      .references(() => bankLines.id)
      .unique(),
    author: text('author').notNull(),
    announcedAt: timestamp('announced_at', { withTimezone: true }).notNull().defaultNow(),
    matchedAt: timestamp('matched_at', { withTimezone: true }),
  },
  (t) => [
    unique('payment_announcements_employer_reference').on(t.employerTaxCode, t.reference),
    check('payment_announcements_status', sql`${t.status} in ('pending','matched')`),
    check('payment_announcements_amount_positive', sql`${t.amount} > 0`),
    check(
      'payment_announcements_matched',
      sql`(${t.status} = 'matched') = (${t.bankLineId} is not null) and (${t.status} = 'matched') = (${t.matchedAt} is not null)`,
    ),
    index('payment_announcements_pending_idx')
      .on(sql`upper(${t.reference})`)
      .where(sql`${t.status} = 'pending'`),
  ],
);
