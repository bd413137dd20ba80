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
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bankLines } from './bank';
import { uiClaims } from './claims';
import { declarationCases } from './declaration-cases';
import { dataUpdateRequests } from './data-updates';
import { employers } from './employers';
import { employments } from './employments';
import { onboardingRequests } from './onboarding';
import { accessRecoveries } from './recovery';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** Who must act for the task to close: an officer of the agency, the participant, or the employer. */
export const TASK_ACTORS = ['officer', 'participant', 'employer'] as const;
export type TaskActor = (typeof TASK_ACTORS)[number];

/** The queue's sort key: the due date, tasks without one last (PostgreSQL's date 'infinity'). */
export const taskSortKey = (dueDate: unknown) => sql`coalesce(${dueDate}, 'infinity'::date)`;

/**
 * A wait of the agency's processes, as a row (issue 12: the work queue is a projection): what is
 * awaited (`kind`), of whom (`actor`), about what (the subject ids), where it waits (`queue`, the
 * `assignee` when one officer owns the case, the province when known), from when (`opens_on`: a
 * report window opens on its benefit month's first day) and by when (`due_date`, its last day).
 * Written in the transaction of the state that causes it and closed in the one that ends the wait;
 * `dedupe_key` (and one task of a kind per subject) makes a retried event add none. An escalation
 * stamps `escalated_at` (and may move the queue). GET /v1/tasks reads it.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('open'),
    queue: text('queue').notNull(),
    assignee: text('assignee'),
    provinceCode: text('province_code'),
    dueDate: date('due_date', { mode: 'string' }),
    actor: text('actor').notNull().default('officer'),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    opensOn: date('opens_on', { mode: 'string' }),
    onboardingRequestId: uuid('onboarding_request_id').references(() => onboardingRequests.id),
    bankLineId: bigint('bank_line_id', { mode: 'number' }).references(() => bankLines.id),
    claimId: uuid('claim_id').references(() => uiClaims.id),
    employmentId: bigint('employment_id', { mode: 'number' }).references(() => employments.id),
    employerTaxCode: text('employer_tax_code').references(() => employers.taxCode),
    /** An account-access recovery's wait (issue 14 part 3, migration 0022). */
    recoveryId: uuid('recovery_id').references(() => accessRecoveries.id),
    /** A participant's case against an employer (issue #14 part 2, migration 0021). */
    declarationCaseId: bigint('declaration_case_id', { mode: 'number' }).references(() => declarationCases.id),
    /** A participant's data-update request under review (issue #14, migration 0020). */
    dataUpdateId: bigint('data_update_id', { mode: 'number' }).references(() => dataUpdateRequests.id),
    /** Ids and dates only: never names, personal IDs or salaries. */
    details: jsonb('details')
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by'),
  },
  (t) => [
    check('tasks_status', sql`${t.status} in ('open','done','cancelled')`),
    check('tasks_closed', sql`(${t.status} = 'open') = (${t.closedAt} is null)`),
    check('tasks_province_format', sql`${t.provinceCode} is null or ${t.provinceCode} ~ '^[0-9]{2}$'`),
    check('tasks_actor', sql`${t.actor} in ('officer','participant','employer')`),
    uniqueIndex('tasks_claim_employment_kind')
      .on(t.kind, t.claimId, t.employmentId)
      .where(sql`${t.claimId} is not null and ${t.employmentId} is not null`),
    uniqueIndex('tasks_onboarding_kind')
      .on(t.kind, t.onboardingRequestId)
      .where(sql`${t.onboardingRequestId} is not null`),
    uniqueIndex('tasks_bank_line_kind')
      .on(t.kind, t.bankLineId)
      .where(sql`${t.bankLineId} is not null`),
    uniqueIndex('tasks_recovery_kind')
      .on(t.kind, t.recoveryId)
      .where(sql`${t.recoveryId} is not null`),
    uniqueIndex('tasks_claim_decision')
      .on(t.claimId)
      .where(sql`${t.kind} = 'claim.decision'`),
    index('tasks_status_order_idx').on(t.status, taskSortKey(t.dueDate), t.id),
    index('tasks_open_actor_order_idx')
      .on(t.actor, taskSortKey(t.dueDate), t.id)
      .where(sql`${t.status} = 'open'`),
    index('tasks_open_province_order_idx')
      .on(t.provinceCode, taskSortKey(t.dueDate), t.id)
      .where(sql`${t.status} = 'open'`),
    index('tasks_claim_idx').on(t.claimId),
    uniqueIndex('tasks_declaration_case_kind')
      .on(t.kind, t.declarationCaseId)
      .where(sql`${t.declarationCaseId} is not null and ${t.status} = 'open'`),
    uniqueIndex('tasks_data_update_kind')
      .on(t.kind, t.dataUpdateId)
      .where(sql`${t.dataUpdateId} is not null and ${t.status} = 'open'`),
  ],
);

/**
 * How many tasks are open, per actor × kind × province × due date × opening day × escalated: the
 * queue's counts per kind read these few rows instead of every open task. Each bucket is also
 * counted under province '' (every province, and the tasks of none); no due date is 'infinity', no
 * opening day '-infinity'. Written only by the statement-level triggers on `tasks` (migration
 * 0011: task_counts_apply_insert/_update/_delete; 0014: a bucket whose n reaches 0 is deleted by
 * the statement that emptied it), in the transaction of the change.
 */
export const taskCountBuckets = pgTable(
  'task_counts',
  {
    actor: text('actor').notNull(),
    kind: text('kind').notNull(),
    provinceCode: text('province_code').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    escalated: boolean('escalated').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'task_counts_pk',
      columns: [t.actor, t.kind, t.provinceCode, t.dueDate, t.opensOn, t.escalated],
    }),
  ],
);
