import { sql } from 'drizzle-orm';
import {
  bigint,
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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { caseTexts } from './minimise';
import { participants } from './participants';

/** Statuses in which a claim is open: at most one per participant (an Ansinh decision, rules §8; no article names it). */
export const OPEN_CLAIM_STATUSES = ['intake', 'awaiting_decision', 'active', 'suspended'] as const;
export const CLAIM_STATUSES = [...OPEN_CLAIM_STATUSES, 'rejected', 'terminated', 'completed'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/**
 * An unemployment-benefit claim: the filing as submitted, the evaluation computed from the credited
 * contribution months, the officer's decision, and where the benefit stands. The workflow
 * `claim:ui:<subject>` drives it; every change is written here with the e-book in one transaction.
 */
export const uiClaims = pgTable(
  'ui_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personalId: text('personal_id')
      .notNull()
      .references(() => participants.personalId),
    workflowId: text('workflow_id').notNull(),
    status: text('status').notNull(),
    /** The filing (validated by domain/schemas.ts claimFilingSchema). */
    terminationDate: date('termination_date', { mode: 'string' }).notNull(),
    filingDate: date('filing_date', { mode: 'string' }).notNull(),
    region: text('region').notNull(),
    contractMonths: integer('contract_months').notNull(),
    terminationReason: text('termination_reason').notNull(),
    pensionEligible: boolean('pension_eligible').notNull().default(false),
    newCoveredJob: boolean('new_covered_job').notNull().default(false),
    filedBy: text('filed_by').notNull(),
    /** Evaluation at intake (domain/unemployment/evaluate.ts evaluateUnemployment over the credited months). */
    law: text('law'),
    eligible: boolean('eligible'),
    evaluation: jsonb('evaluation'),
    monthlyBenefit: numeric('monthly_benefit', { precision: 15, scale: 0 }),
    hiMonthlyContribution: numeric('hi_monthly_contribution', { precision: 15, scale: 0 }),
    durationMonths: integer('duration_months'),
    totalContributionMonths: integer('total_contribution_months'),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    decisionDeadline: date('decision_deadline', { mode: 'string' }),
    /** The officer's decision. */
    decision: text('decision'),
    decidedBy: text('decided_by'),
    decidedOn: date('decided_on', { mode: 'string' }),
    decisionReason: text('decision_reason'),
    /** Termination (Law 74/2025 Art.41(4)) and the months that stay reserved (Art.41(5)). */
    terminationGround: text('termination_ground'),
    terminatedOn: date('terminated_on', { mode: 'string' }),
    terminatedBy: text('terminated_by'),
    reservedMonths: integer('reserved_months'),
    monthsPaid: integer('months_paid').notNull().default(0),
    monthsSuspended: integer('months_suspended').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ui_claims_status', sql.raw(`status in (${CLAIM_STATUSES.map((s) => `'${s}'`).join(',')})`)),
    check('ui_claims_decision', sql`${t.decision} is null or ${t.decision} in ('approved','rejected')`),
    check('ui_claims_decided', sql`(${t.decision} is null) = (${t.decidedOn} is null)`),
    check(
      'ui_claims_approved_has_benefit',
      sql`${t.decision} is distinct from 'approved' or (${t.monthlyBenefit} > 0 and ${t.durationMonths} between 1 and 12 and ${t.startDate} is not null)`,
    ),
    check(
      'ui_claims_months',
      sql`${t.monthsPaid} >= 0 and ${t.monthsSuspended} >= 0 and ${t.monthsPaid} + ${t.monthsSuspended} <= coalesce(${t.durationMonths}, 0)`,
    ),
    check('ui_claims_terminated', sql`(${t.status} = 'terminated') = (${t.terminationGround} is not null)`),
    /** One open claim per participant at a time. */
    uniqueIndex('ui_claims_one_open')
      .on(t.personalId)
      .where(sql.raw(`status in (${OPEN_CLAIM_STATUSES.map((s) => `'${s}'`).join(',')})`)),
    index('ui_claims_person_idx').on(t.personalId),
    /** The claim list (migration 0012): by status, newest filing first; by filing date alone. */
    index('ui_claims_status_filed_idx').on(t.status, t.filingDate.desc(), t.id.desc()),
    index('ui_claims_filed_idx').on(t.filingDate.desc(), t.id.desc()),
  ],
);

/**
 * One benefit month of an approved claim (Decree 374/2025 Art.15(2)): its period, the job-search
 * report (Art.21), and the payment — the ledger row, written once under its key claim + month.
 */
export const uiClaimMonths = pgTable(
  'ui_claim_months',
  {
    claimId: uuid('claim_id')
      .notNull()
      .references(() => uiClaims.id),
    idx: integer('idx').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    reportDeadline: date('report_deadline', { mode: 'string' }).notNull(),
    paymentDeadline: date('payment_deadline', { mode: 'string' }).notNull(),
    /**
     * scheduled → reported → instructed (in a payment file, migration 0018) → paid, or returned (the
     * bank rejected it: instructed again once a new account is verified); or suspended (no report:
     * not paid, not reserved); or cancelled (after termination).
     */
    status: text('status').notNull(),
    reportedOn: date('reported_on', { mode: 'string' }),
    reportedBy: text('reported_by'),
    /** What the participant said they did to find work (Form 24), when they said anything: its `case_texts` row (migration 0014). */
    reportTextId: bigint('report_text_id', { mode: 'number' }).references(() => caseTexts.id),
    amount: numeric('amount', { precision: 15, scale: 0 }),
    /** HI contribution the UI fund pays for the month: 4.5 % of the benefit (rules §1, §8). */
    hiContribution: numeric('hi_contribution', { precision: 15, scale: 0 }),
    paidOn: date('paid_on', { mode: 'string' }),
    /** `uipay:<claim>:<month>`: the payment's idempotency key. */
    paymentKey: text('payment_key').unique(),
  },
  (t) => [
    primaryKey({ columns: [t.claimId, t.idx] }),
    check(
      'ui_claim_months_status',
      sql`${t.status} in ('scheduled','reported','instructed','paid','returned','suspended','cancelled')`,
    ),
    check(
      'ui_claim_months_paid',
      sql`(${t.status} = 'paid') = (${t.paidOn} is not null and ${t.amount} is not null and ${t.paymentKey} is not null)`,
    ),
    check('ui_claim_months_period', sql`${t.periodTo} >= ${t.periodFrom} and ${t.idx} between 1 and 12`),
    index('ui_claim_months_payable_idx')
      .on(t.claimId, t.idx)
      .where(sql`${t.status} in ('reported','returned')`),
  ],
);
