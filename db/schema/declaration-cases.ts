import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  type AnyPgColumn,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { participants } from './participants';

/**
 * A participant's case against an employer that has not declared or paid their months (issue #14
 * part 2, migration 0021): the employer (a tax code, which may be unknown to the system), the months,
 * whether the participant stays anonymous towards the employer, and where the case stands. The
 * workflow `declaration-case:<id>` carries the id only. At most one open case per participant and
 * employer. A case referred to an officer (employer not found, or outside the electronic system)
 * has no workflow: its officer task is its only wait.
 */
export const declarationCases = pgTable(
  'declaration_cases',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    personalId: text('personal_id')
      .notNull()
      .references(() => participants.personalId),
    employerTaxCode: text('employer_tax_code').notNull(),
    fromMonth: text('from_month').notNull(),
    toMonth: text('to_month').notNull(),
    anonymous: boolean('anonymous').notNull(),
    status: text('status').notNull(),
    /** Why the case went to an officer instead of the employer (status `referred`; kept once the referral is closed). */
    referral: text('referral'),
    openedBy: text('opened_by').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    /** The employer's last day to declare or explain. */
    employerDue: date('employer_due', { mode: 'string' }),
    escalatedOn: date('escalated_on', { mode: 'string' }),
    arrearsConfirmedOn: date('arrears_confirmed_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' }),
    /**
     * How it closed: the months declared, or (after arrears) paid and credited; an officer's ending
     * (migration 0026): dismissed, or a referral closed as the employer identified or outside the system.
     */
    outcome: text('outcome'),
    /** Why an officer ended it: the dismissal's reason, or where a case outside the system was sent (codes). */
    outcomeReason: text('outcome_reason'),
    /** The case opened against the employer an officer identified when closing this referral. */
    successorCaseId: bigint('successor_case_id', { mode: 'number' }).references((): AnyPgColumn => declarationCases.id),
    workflowId: text('workflow_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('declaration_cases_tax_code_format', sql`${t.employerTaxCode} ~ '^[0-9]{10}(-[0-9]{3})?$'`),
    check(
      'declaration_cases_months',
      sql`${t.fromMonth} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and ${t.toMonth} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and ${t.fromMonth} <= ${t.toMonth}`,
    ),
    check(
      'declaration_cases_status',
      sql`${t.status} in ('awaiting_employer','escalated','arrears','referred','closed')`,
    ),
    check(
      'declaration_cases_referral',
      sql`(${t.status} <> 'referred' or ${t.referral} is not null) and (${t.referral} is null or ${t.status} in ('referred','closed')) and (${t.referral} is null or ${t.referral} in ('EMPLOYER_NOT_FOUND','EMPLOYER_OUT_OF_SCOPE'))`,
    ),
    check(
      'declaration_cases_closed',
      sql`(${t.status} = 'closed') = (${t.closedOn} is not null) and (${t.closedOn} is null) = (${t.outcome} is null) and (${t.outcome} is null or ${t.outcome} in ('declared','credited','dismissed','employer_identified','outside_system'))`,
    ),
    check(
      'declaration_cases_outcome_reason',
      sql`(${t.outcomeReason} is not null) = coalesce(${t.outcome} in ('dismissed','outside_system'), false) and (${t.outcomeReason} is null or ${t.outcomeReason} in ('withdrawn','duplicate','unfounded','defence_social_insurance','public_security_social_insurance','labour_inspectorate')) and (${t.successorCaseId} is null or ${t.outcome} = 'employer_identified')`,
    ),
    uniqueIndex('declaration_cases_one_open')
      .on(t.personalId, t.employerTaxCode)
      .where(sql`${t.status} <> 'closed'`),
    index('declaration_cases_person_idx').on(t.personalId, t.id),
    index('declaration_cases_open_employer_idx')
      .on(t.employerTaxCode)
      .where(sql`${t.status} in ('awaiting_employer','escalated','arrears')`),
  ],
);

/** Each step of a case once, with its day: the participant's timeline. Details hold months and dates only. */
export const declarationCaseSteps = pgTable(
  'declaration_case_steps',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => declarationCases.id),
    step: text('step').notNull(),
    onDate: date('on_date', { mode: 'string' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    details: jsonb('details')
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [
    check(
      'declaration_case_steps_step',
      sql`${t.step} in ('opened','referred','employer_notified','escalated','arrears_confirmed','declared','credited','dismissed','referral_closed')`,
    ),
    unique('declaration_case_steps_once').on(t.caseId, t.step),
  ],
);
