import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { uiClaimMonths } from './claims';
import { participants } from './participants';

export const BANK_ACCOUNT_STATUSES = ['pending', 'verified', 'superseded', 'closed'] as const;
export type BankAccountStatus = (typeof BANK_ACCOUNT_STATUSES)[number];

/**
 * A participant's bank account for benefit payments (issue 14 part 4, migration 0018): proposed
 * (`pending`: at filing, by the participant, or by a data-update request), `verified` by an
 * officer (at most one per participant; the one payments go to), `superseded` when another is
 * verified, `closed` when a bank return says it cannot be paid (the reason code kept). The account
 * number is personal data: sealed at rest (migration 0024), never in a log, a Temporal payload, an
 * id or an audit detail.
 */
export const bankAccounts = pgTable(
  'bank_accounts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    personalId: text('personal_id')
      .notNull()
      .references(() => participants.personalId),
    /** The bank's BIC (domain/bank-account.ts VN_BANKS). */
    bankCode: text('bank_code').notNull(),
    /**
     * The number in clear: only rows written before migration 0024 and not yet sealed
     * (services/bank-accounts.ts sealClearBankAccounts); null once sealed.
     */
    accountNumber: text('account_number'),
    /** The number sealed (AES-256-GCM, a key derived from the server secret for this purpose, bound to the person). */
    accountSealed: text('account_sealed'),
    /** HMAC-SHA-256 of the number under a key derived from the server secret: equality lookups without the number. */
    accountHmac: text('account_hmac'),
    /** The last 4 digits, the only part any page shows. */
    accountLast4: text('account_last4').notNull(),
    holderName: text('holder_name').notNull(),
    status: text('status').notNull().default('pending'),
    /** Principal references (db/queries/minimise.ts), never names. */
    proposedBy: text('proposed_by').notNull(),
    proposedOn: date('proposed_on', { mode: 'string' }).notNull(),
    verifiedBy: text('verified_by'),
    verifiedOn: date('verified_on', { mode: 'string' }),
    /** The ISO 20022 reason code of the bank's return (AC04, AC01, BE01, …). */
    closedReason: text('closed_reason'),
    closedOn: date('closed_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('bank_accounts_status', sql`${t.status} in ('pending','verified','superseded','closed')`),
    check('bank_accounts_bank_code', sql`${t.bankCode} ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'`),
    check('bank_accounts_number', sql`${t.accountNumber} ~ '^[0-9]{6,19}$'`),
    check(
      'bank_accounts_sealed',
      sql`(${t.accountNumber} is null) = (${t.accountSealed} is not null and ${t.accountHmac} is not null)`,
    ),
    check('bank_accounts_last4', sql`${t.accountLast4} ~ '^[0-9]{4}$'`),
    check('bank_accounts_hmac', sql`${t.accountHmac} ~ '^[0-9a-f]{64}$'`),
    check(
      'bank_accounts_verified',
      sql`(${t.verifiedBy} is null) = (${t.verifiedOn} is null) and (${t.status} <> 'verified' or ${t.verifiedOn} is not null)`,
    ),
    check('bank_accounts_closed', sql`(${t.status} = 'closed') = (${t.closedReason} is not null)`),
    uniqueIndex('bank_accounts_one_verified')
      .on(t.personalId)
      .where(sql`${t.status} = 'verified'`),
    uniqueIndex('bank_accounts_one_pending')
      .on(t.personalId)
      .where(sql`${t.status} = 'pending'`),
    index('bank_accounts_person_idx').on(t.personalId, t.id),
    index('bank_accounts_hmac_idx')
      .on(t.accountHmac)
      .where(sql`${t.accountHmac} is not null`),
  ],
);

/**
 * One payment run's ISO 20022 pain.001.001.09 file (services/payment-files.ts): the run id is the
 * business key, so the same run again returns these very bytes.
 */
export const paymentFiles = pgTable(
  'payment_files',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: text('run_id').notNull().unique(),
    msgId: text('msg_id').notNull().unique(),
    runDate: date('run_date', { mode: 'string' }).notNull(),
    /** GrpHdr/CreDtTm: the application clock when the file was made. */
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    nbOfTxs: integer('nb_of_txs').notNull(),
    ctrlSum: numeric('ctrl_sum', { precision: 17, scale: 0 }).notNull(),
    /** The file in clear: only files made before migration 0024 and not yet sealed; null once sealed. */
    xml: text('xml'),
    /** The file sealed (it carries the creditors' account numbers): services/payment-files.ts opens it to serve it. */
    xmlSealed: text('xml_sealed'),
    sha256: text('sha256').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    check('payment_files_counts', sql`${t.nbOfTxs} > 0 and ${t.ctrlSum} > 0`),
    check('payment_files_sha256', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('payment_files_sealed', sql`(${t.xml} is null) = (${t.xmlSealed} is not null)`),
  ],
);

export const PAYMENT_INSTRUCTION_STATUSES = ['instructed', 'executed', 'rejected', 'reversed'] as const;

/**
 * One credit transfer of a benefit month (claim, month, attempt): instructed in a payment file,
 * then executed (the month paid) or rejected (returned) by the bank's report; an executed one whose
 * money came back (camt.054 reversal or return) is `reversed` (migration 0024). At most one open
 * and at most one executed per month: a month is never paid twice.
 */
export const paymentInstructions = pgTable(
  'payment_instructions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    claimId: uuid('claim_id').notNull(),
    idx: integer('idx').notNull(),
    attempt: integer('attempt').notNull(),
    /** The month's payment key for this attempt (domain/iso20022.ts paymentKeyOf): the file's EndToEndId. */
    endToEndId: text('end_to_end_id').notNull().unique(),
    paymentFileId: bigint('payment_file_id', { mode: 'number' })
      .notNull()
      .references(() => paymentFiles.id),
    bankAccountId: bigint('bank_account_id', { mode: 'number' })
      .notNull()
      .references(() => bankAccounts.id),
    amount: numeric('amount', { precision: 15, scale: 0 }).notNull(),
    status: text('status').notNull().default('instructed'),
    /** The bank's reason for a rejection (ISO 20022 ExternalStatusReason1Code). */
    reasonCode: text('reason_code'),
    /** The bank's date: execution (booking) or rejection. */
    bankDate: date('bank_date', { mode: 'string' }),
    /** The day the money came back after the execution (a reversal: migration 0024). */
    reversedOn: date('reversed_on', { mode: 'string' }),
    settledBy: text('settled_by'),
  },
  (t) => [
    unique('payment_instructions_month_attempt').on(t.claimId, t.idx, t.attempt),
    foreignKey({
      name: 'payment_instructions_month_fk',
      columns: [t.claimId, t.idx],
      foreignColumns: [uiClaimMonths.claimId, uiClaimMonths.idx],
    }),
    check('payment_instructions_status', sql`${t.status} in ('instructed','executed','rejected','reversed')`),
    check('payment_instructions_amount_positive', sql`${t.amount} > 0`),
    check('payment_instructions_attempt', sql`${t.attempt} >= 1`),
    check(
      'payment_instructions_settled',
      sql`(${t.status} = 'instructed') = (${t.bankDate} is null) and (${t.status} in ('rejected','reversed')) = (${t.reasonCode} is not null) and (${t.status} = 'reversed') = (${t.reversedOn} is not null)`,
    ),
    uniqueIndex('payment_instructions_one_open')
      .on(t.claimId, t.idx)
      .where(sql`${t.status} = 'instructed'`),
    uniqueIndex('payment_instructions_one_executed')
      .on(t.claimId, t.idx)
      .where(sql`${t.status} = 'executed'`),
    index('payment_instructions_file_idx').on(t.paymentFileId),
  ],
);
